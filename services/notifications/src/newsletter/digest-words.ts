const ONE_CAMPAIGN = 'A new campaign for you today';
const CAMPAIGNS_SUFFIX = ' new campaigns for you today';

/** What a digest is called in the inbox and in its mail's subject. */
export function digestTitle(campaigns: number): string {
  return campaigns === 1 ? ONE_CAMPAIGN : `${campaigns}${CAMPAIGNS_SUFFIX}`;
}

/** The same words for SQL, which composes 100,000 titles at once: `count::text || suffix`. */
export const digestTitleWords = { one: ONE_CAMPAIGN, suffix: CAMPAIGNS_SUFFIX };
