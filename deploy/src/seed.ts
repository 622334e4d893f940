import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createAccountStore,
  createInfluencerProfileStore,
  createPrismaClient,
} from '@campaign/campaign-service';
import { MAX_TOKEN_LIFETIME_SECONDS, issueToken, type Identity } from '@campaign/service-runtime';
import { STACK_WEB_APP_URL, ensureFirstOpsAccount } from './first-ops-account';
import { dataDir } from './paths';
import { databaseUrl } from './engines/postgres';
import { profiles } from './engines/engines';

/**
 * Fills the running local stack with demo data: a brand on each plan (each with a user account),
 * an ops account, 1,000 influencer profiles and accounts,
 * and a campaign in flight (published, applications in, some selected, agreements out, two
 * signed) on a compressed ten-minute week. Run `./deploy/seed` while `./deploy/run-stack` runs.
 * Safe to run again: brands and profiles are upserted (each profile's change announced again);
 * each run adds one more campaign.
 */
const API = 'http://127.0.0.1:3001';
const niches = ['beauty', 'food', 'travel', 'fitness', 'fashion', 'parenting'];
const countries = ['NL', 'BE', 'DE', 'FR'];

async function main(): Promise<void> {
  const secret = readFileSync(path.join(dataDir('dev'), 'auth-secret'), 'utf8').trim();
  const serverUrl =
    process.env.DATABASE_URL ??
    `postgresql://postgres:postgres@127.0.0.1:${profiles.dev.postgresPort}/postgres`;
  const db = createPrismaClient(databaseUrl(serverUrl, 'campaign'));
  const token = (identity: Identity) => issueToken(identity, secret, MAX_TOKEN_LIFETIME_SECONDS);

  const brands = [
    { id: 'brand-starter', name: 'Corner Bakery', plan: 'starter' as const, user: 'sam' },
    { id: 'brand-pro', name: 'Sunny Skincare', plan: 'professional' as const, user: 'ava' },
    { id: 'brand-enterprise', name: 'Globe Travel', plan: 'enterprise' as const, user: 'eli' },
  ];
  // Through the profile store, as every writer of profiles: each profile's change is announced,
  // and the notifications service learns the influencer's audience and e-mail address from it.
  const profileStore = createInfluencerProfileStore(db);
  // Brands and their users as a sign-up makes them (with the ids the printed tokens name): each
  // user is mailed a sign-in link (read it on the stack's mail page), and the notifications
  // service learns where the brand's mail goes from that account event, as for any sign-up.
  const accounts = createAccountStore(db, {
    authSecret: secret,
    webAppUrl: STACK_WEB_APP_URL,
    profiles: profileStore,
  });
  for (const { id, name, plan, user } of brands) {
    await accounts.ensureBrandUser({
      brandId: id,
      brandName: name,
      plan,
      userId: user,
      name: user[0]!.toUpperCase() + user.slice(1),
      email: `${user}@${id}.campaign-platform.test`,
    });
  }
  // Customer success's demo colleague, created as the first ops account is.
  await ensureFirstOpsAccount(db, secret, {
    id: 'layla',
    name: 'Layla',
    email: 'layla@ops.campaign-platform.test',
  });
  for (let batch = 0; batch < 50; batch++) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, j) => {
        const n = batch * 20 + j + 1;
        const id = `influencer-${String(n).padStart(4, '0')}`;
        const saved = await profileStore.importProfile(
          id,
          {
            handle: `@creator${n}`,
            displayName: `Creator ${n}`,
            niches: [niches[n % niches.length]!, niches[(n + 2) % niches.length]!],
            country: countries[n % countries.length]!,
            shippingAddress: {
              street: `Canal Street ${n}`,
              postcode: '1000 AA',
              city: 'Amsterdam',
              country: 'NL',
            },
            email: `${id}@creators.campaign-platform.test`,
          },
          { followers: (n * 7919) % 250_000, engagementRate: ((n * 31) % 900) / 100 },
        );
        if (saved === 'handle-taken') throw new Error(`the handle of ${id} is taken`);
      }),
    );
  }
  // The demo influencers can sign in too (they ask for a link); no mail until they do.
  await accounts.importInfluencerAccounts(
    Array.from({ length: 1_000 }, (_, i) => {
      const id = `influencer-${String(i + 1).padStart(4, '0')}`;
      return { id, name: `Creator ${i + 1}`, email: `${id}@creators.campaign-platform.test` };
    }),
  );

  const ava = await token({ role: 'brand', userId: 'ava', brandId: 'brand-pro' });
  const call = async (method: string, url: string, auth: string, body?: object) => {
    const response = await fetch(`${API}${url}`, {
      method,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  };
  const campaign = await call('POST', '/campaigns', ava, {
    title: 'Sunny summer glow',
    brief: 'Show our SPF 50 in your morning routine: one post and three stories.',
    qualifications: { minFollowers: 20_000, niches: ['beauty'], countries: ['NL', 'BE'] },
    schedule: {
      storyDelaySeconds: 30,
      closeAfterSeconds: 600,
      selectionReminderAfterSeconds: 300,
      agreementWindowSeconds: 300,
      agreementReminderBeforeSeconds: 120,
    },
  });
  const campaignId = campaign.id as string;
  await call('POST', `/campaigns/${campaignId}/publish`, ava);
  for (let tries = 0; ; tries++) {
    const view = await call('GET', `/campaigns/${campaignId}`, ava);
    if (view.status === 'published') break;
    if (tries > 50) throw new Error('the campaign was not published in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const qualified = await db.influencerProfile.findMany({
    where: { followers: { gte: 20_000 }, niches: { has: 'beauty' }, country: { in: ['NL', 'BE'] } },
    orderBy: { followers: 'desc' },
    take: 12,
  });
  for (const influencer of qualified) {
    await call(
      'POST',
      `/campaigns/${campaignId}/applications`,
      await token({ role: 'influencer', userId: influencer.id }),
    );
  }
  const ids = qualified.map((influencer) => influencer.id);
  await call('POST', `/campaigns/${campaignId}/selection`, ava, {
    influencerIds: ids.slice(0, 5),
    status: 'selected',
  });
  await call('POST', `/campaigns/${campaignId}/selection`, ava, {
    influencerIds: ids.slice(10),
    status: 'declined',
  });
  await call('POST', `/campaigns/${campaignId}/agreements`, ava, {
    influencerIds: ids.slice(0, 3),
  });
  for (const id of ids.slice(0, 2)) {
    await call(
      'POST',
      `/campaigns/${campaignId}/agreement/sign`,
      await token({ role: 'influencer', userId: id }),
    );
  }
  await db.$disconnect();

  console.log(`Seeded: brands on each plan, 1,000 influencers, and campaign ${campaignId}
(12 applied, 5 selected, 3 agreements sent, 2 signed; it closes ten minutes after publishing).

Sign in on the web app with a link: ask for one for ava@brand-pro.campaign-platform.test,
sam@brand-starter.campaign-platform.test, layla@ops.campaign-platform.test or
influencer-0001@creators.campaign-platform.test, and open it on the mail page.

Tokens (valid 30 days):
  BRAND=${ava}            # ava, Sunny Skincare (Professional)
  STARTER=${await token({ role: 'brand', userId: 'sam', brandId: 'brand-starter' })}   # sam, Corner Bakery (Starter)
  INFLUENCER=${await token({ role: 'influencer', userId: ids[2]! })}   # ${ids[2]}, agreement waiting
  INFLUENCER_ID=${ids[2]}
  OPS=${await token({ role: 'ops', userId: 'layla' })}            # layla, customer success
  CAMPAIGN=${campaignId}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
