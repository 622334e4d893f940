import { type SocialNetworkError } from '@campaign/social-network';
import type { AccountForRefresh, LostStatus, SocialAccountStore } from '../db/social-account-store';

type Accounts = Pick<SocialAccountStore, 'forRefresh' | 'markLost'>;

/**
 * A connected account with a token that opens; 'not-connected'; or 'expired' when no configured
 * key opens its token any more (a retired key): marked so, as if it had expired, for the
 * influencer to connect again and ops to see.
 */
export async function usableAccount(
  accounts: Accounts,
  principal: string,
): Promise<(AccountForRefresh & { accessToken: string }) | 'not-connected' | 'expired'> {
  const account = await accounts.forRefresh(principal);
  if (!account) return 'not-connected';
  if (account.accessToken === null) {
    await accounts.markLost(principal, 'expired');
    return 'expired';
  }
  return { ...account, accessToken: account.accessToken };
}

/**
 * When the network says the token expired or was revoked, marks the account so (for the
 * influencer and ops) and answers which; any other error answers null.
 */
export async function markIfTokenLost(
  accounts: Accounts,
  principal: string,
  error: SocialNetworkError,
): Promise<LostStatus | null> {
  if (error.kind !== 'token_expired' && error.kind !== 'token_revoked') return null;
  const status = error.kind === 'token_expired' ? 'expired' : 'revoked';
  await accounts.markLost(principal, status);
  return status;
}
