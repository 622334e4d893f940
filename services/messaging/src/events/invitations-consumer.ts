import { CAMPAIGN_EVENTS_TOPIC, CampaignEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { ConversationStore } from '../db/conversation-store';

export const MESSAGING_CONSUMER_GROUP = 'messaging';

/** Delivers a brand's invitation to the influencer's Messenger, once per event. */
export function consumeInvitations(deps: {
  kafka: Kafka;
  conversations: ConversationStore;
  logger: Logger;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: MESSAGING_CONSUMER_GROUP,
    topic: CAMPAIGN_EVENTS_TOPIC,
    schema: CampaignEvent,
    logger: deps.logger,
    handle: async (event) => {
      if (event.type !== 'InfluencerInvited' || !event.payload.message) return;
      const { campaignId, brandId, influencerId, invitedBy, message, at } = event.payload;
      await deps.conversations.deliver({
        messageId: event.id,
        campaignId,
        brandId,
        influencerId,
        senderId: invitedBy,
        body: message,
        at: new Date(at),
      });
    },
  });
}
