import { randomUUID } from 'node:crypto';
import type { CampaignEvent } from '@campaign/contracts';
import { ensureTopics } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';

/** A brand's invitation with a message, as the campaign workflow records it. */
export function invitation(campaignId: string, message: string): CampaignEvent {
  const at = new Date().toISOString();
  return {
    id: randomUUID(),
    type: 'InfluencerInvited',
    version: 1,
    occurredAt: at,
    subject: campaignId,
    payload: {
      campaignId,
      brandId: `brand-${randomUUID()}`,
      title: 'Summer glow',
      influencerId: `influencer-${randomUUID()}`,
      invitedBy: 'ava',
      at,
      message,
    },
  };
}

/**
 * A campaign topic of the test's own: the events it publishes on purpose fail, and the real
 * campaign topic's other consumers (other test files') must not meet them.
 */
export async function topicOfOwn(kafka: Kafka, name: string): Promise<string> {
  const topic = `${name}-${randomUUID()}`;
  await ensureTopics(kafka, [topic]);
  return topic;
}
