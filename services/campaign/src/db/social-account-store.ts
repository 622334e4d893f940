import type { SocialAccountView } from '@campaign/contracts';
import type { AccessToken, ConnectedAccount } from '@campaign/social-network';
import { encodePageCursor, type PagePosition } from '@campaign/service-runtime';
import type { SocialAccount } from '../generated/prisma/client';
import type { SocialTokenCipher } from '../social/social-token-cipher';
import type { CampaignDb } from './prisma-client';

export type SocialAccountStore = ReturnType<typeof createSocialAccountStore>;

/** What the refresh needs of an account: whose it is, and its token opened (never logged). */
export type AccountForRefresh = {
  principal: string;
  influencerId: string;
  accountId: string;
  /** null when no configured key opens it (a retired key): the account must be connected again. */
  accessToken: string | null;
  expiresAt: Date | null;
};

export type LostStatus = 'expired' | 'revoked';

/**
 * Influencers' connected social accounts, by principal. The token goes in sealed by the cipher
 * and comes out only to the refresh; views never carry it.
 */
export function createSocialAccountStore(db: CampaignDb, cipher: SocialTokenCipher) {
  return {
    find(principal: string): Promise<SocialAccount | null> {
      return db.socialAccount.findUnique({ where: { principal } });
    },

    /** Connects (or connects again) the principal's account with a fresh token. */
    async connect(principal: string, influencerId: string, account: ConnectedAccount) {
      const sealed = cipher.seal(account.accessToken, principal);
      const now = new Date();
      const fields = {
        influencerId,
        accountId: account.accountId,
        username: account.username,
        tokenCiphertext: sealed.ciphertext,
        tokenKeyId: sealed.keyId,
        tokenExpiresAt: account.expiresAt,
        status: 'connected' as const,
        statusChangedAt: now,
        connectedAt: now,
      };
      await db.socialAccount.upsert({
        where: { principal },
        create: { principal, ...fields },
        update: fields,
      });
    },

    /** Disconnects: the row and its token are gone; the profile keeps its last figures. */
    async disconnect(principal: string): Promise<boolean> {
      const { count } = await db.socialAccount.deleteMany({ where: { principal } });
      return count > 0;
    },

    async forRefresh(principal: string): Promise<AccountForRefresh | null> {
      const row = await db.socialAccount.findUnique({ where: { principal } });
      if (!row || row.status !== 'connected') return null;
      const accessToken =
        row.tokenCiphertext && row.tokenKeyId
          ? cipher.open({ ciphertext: row.tokenCiphertext, keyId: row.tokenKeyId }, principal)
          : null;
      return {
        principal,
        influencerId: row.influencerId,
        accountId: row.accountId,
        accessToken,
        expiresAt: row.tokenExpiresAt,
      };
    },

    /** A refreshed token replaces the old one, sealed under the current key. */
    async saveToken(principal: string, token: AccessToken) {
      const sealed = cipher.seal(token.accessToken, principal);
      await db.socialAccount.updateMany({
        where: { principal, status: 'connected' },
        data: {
          tokenCiphertext: sealed.ciphertext,
          tokenKeyId: sealed.keyId,
          tokenExpiresAt: token.expiresAt,
        },
      });
    },

    async markRefreshed(principal: string, at: Date) {
      await db.socialAccount.updateMany({
        where: { principal, status: 'connected' },
        data: { refreshedAt: at },
      });
    },

    /** The network no longer takes the token: kept for the influencer and ops to see, token gone. */
    async markLost(principal: string, status: LostStatus) {
      await db.socialAccount.updateMany({
        where: { principal, status: 'connected' },
        data: {
          status,
          statusChangedAt: new Date(),
          tokenCiphertext: null,
          tokenKeyId: null,
        },
      });
    },

    /** Principals of connected accounts after `after`, in principal order: the refresh's pages. */
    async connectedPage(after: string | null, limit: number): Promise<string[]> {
      const rows = await db.socialAccount.findMany({
        where: { status: 'connected', ...(after === null ? {} : { principal: { gt: after } }) },
        orderBy: { principal: 'asc' },
        select: { principal: true },
        take: limit,
      });
      return rows.map((row) => row.principal);
    },

    /** Accounts in this state, the most recently lost first, a page at a time. */
    async needingAttention(status: LostStatus, from: PagePosition | null, limit: number) {
      const rows = await db.socialAccount.findMany({
        where: {
          status,
          ...(from
            ? {
                OR: [
                  { statusChangedAt: { lt: from.at } },
                  { statusChangedAt: from.at, principal: { gt: from.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ statusChangedAt: 'desc' }, { principal: 'asc' }],
        take: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          influencerId: row.influencerId,
          username: row.username,
          status,
          since: row.statusChangedAt.toISOString(),
        })),
        nextCursor:
          rows.length > limit && last
            ? encodePageCursor({ at: last.statusChangedAt, id: last.principal })
            : null,
      };
    },
  };
}

/** The account as its influencer sees it, figures from their profile; never the token. */
export function socialAccountView(
  row: SocialAccount | null,
  profile: { followers: number; engagementRate: number } | null,
): SocialAccountView {
  if (!row) {
    return {
      status: 'disconnected',
      username: null,
      followers: null,
      engagementRate: null,
      refreshedAt: null,
      expiresAt: null,
    };
  }
  return {
    status: row.status,
    username: row.username,
    followers: profile?.followers ?? null,
    engagementRate: profile?.engagementRate ?? null,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
    expiresAt: row.tokenExpiresAt?.toISOString() ?? null,
  };
}
