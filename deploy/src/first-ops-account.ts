import {
  createAccountStore,
  createInfluencerProfileStore,
  type createPrismaClient,
} from '@campaign/campaign-service';

/** Where sign-in links lead in the local stack: the web app. */
export const STACK_WEB_APP_URL = process.env.WEB_APP_URL ?? 'http://127.0.0.1:3000';

/**
 * The first ops account: every later one is created by ops (POST /ops/accounts), so the first
 * comes from the operator, by address (`OPS_EMAIL` on the stack, or the seed's demo colleague). It
 * is created as ops create accounts, its sign-in link mailed; an address that has one keeps it.
 */
export async function ensureFirstOpsAccount(
  db: ReturnType<typeof createPrismaClient>,
  authSecret: string,
  person: { name: string; email: string; id?: string },
): Promise<'created' | 'exists'> {
  const accounts = createAccountStore(db, {
    authSecret,
    webAppUrl: STACK_WEB_APP_URL,
    profiles: createInfluencerProfileStore(db),
  });
  const created = await accounts.createOps(
    { name: person.name, email: person.email },
    ...(person.id ? [person.id] : []),
  );
  return created.exists ? 'exists' : 'created';
}
