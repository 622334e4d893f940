import { randomUUID } from 'node:crypto';
import type { CampaignEvent, Qualifications } from '@campaign/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;

export type NewsletterMoment = Extract<CampaignEvent, { type: 'CampaignNewsletterDue' }>;

/**
 * A campaign's newsletter moment as its workflow announces it (`CampaignNewsletterDue`, 18:00
 * UTC of `day`, the campaign open six days): for the tests and the bench, which file editions of
 * days of their own without running a week.
 */
export function newsletterMoment(moment: {
  day: string;
  title: string;
  brandId: string;
  qualifications: Qualifications;
}): NewsletterMoment {
  const campaignId = randomUUID();
  return {
    id: randomUUID(),
    type: 'CampaignNewsletterDue',
    version: 1,
    occurredAt: new Date().toISOString(),
    subject: campaignId,
    payload: {
      campaignId,
      brandId: moment.brandId,
      title: moment.title,
      day: moment.day,
      dueAt: `${moment.day}T18:00:00.000Z`,
      qualifications: moment.qualifications,
      closesAt: new Date(Date.parse(moment.day) + 6 * DAY_MS).toISOString(),
    },
  };
}
