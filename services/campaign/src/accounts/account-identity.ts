import { principalKey, type Identity } from '@campaign/service-runtime';

/** An account as the store reads it. */
export type AccountRow = {
  id: string;
  role: string;
  brandId: string | null;
  name: string;
  email: string;
};

/** The identity a session of this account carries (`userId` is the account's id). */
export function identityOf(account: Pick<AccountRow, 'id' | 'role' | 'brandId'>): Identity {
  switch (account.role) {
    case 'brand':
      return { role: 'brand', userId: account.id, brandId: account.brandId! };
    case 'influencer':
      return { role: 'influencer', userId: account.id };
    default:
      return { role: 'ops', userId: account.id };
  }
}

export const principalOf = (account: Pick<AccountRow, 'id' | 'role' | 'brandId'>) =>
  principalKey(identityOf(account));

/** How a mail names an account among the others on the same address. */
export function accountLabel(account: { role: string; brandName?: string | null }): string {
  switch (account.role) {
    case 'brand':
      return `${account.brandName ?? 'your brand'} (brand)`;
    case 'influencer':
      return 'your influencer account';
    default:
      return 'customer success';
  }
}
