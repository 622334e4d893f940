import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Identity, issueToken } from '@campaign/service-runtime';
import { dataDir } from './paths';

/**
 * Issues a bearer token for the local stack: `pnpm --silent token brand <userId> <brandId>`,
 * `pnpm --silent token influencer <userId>` or `pnpm --silent token ops <userId>`.
 */
async function main(): Promise<void> {
  const [role, userId, brandId] = process.argv.slice(2);
  const identity = Identity.safeParse({ role, userId, brandId });
  if (!identity.success) {
    console.error('usage: token brand <userId> <brandId> | influencer <userId> | ops <userId>');
    process.exit(2);
  }
  const secret = readFileSync(path.join(dataDir('dev'), 'auth-secret'), 'utf8').trim();
  console.log(await issueToken(identity.data, secret));
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exit(1);
});
