import { CAMPAIGN_EVENTS_TOPIC, CampaignEvent } from '@campaign/contracts';
import { runEventConsumer, type Logger, type RetryPolicy } from '@campaign/service-runtime';
import type { Kafka } from 'kafkajs';
import type { CollaborationGroupStore } from '../db/collaboration-group-store';
import type { ConversationStore } from '../db/conversation-store';
import type { SupportStore } from '../db/support-store';
import { campaignParties } from './campaign-parties';

export const MESSAGING_CONSUMER_GROUP = 'messaging';

/**
 * What the Messenger takes from a campaign's life: a brand's invitation, delivered once per event,
 * and the group of a started collaboration, with a conversation open for each member.
 */
export function consumeCampaignEvents(deps: {
  kafka: Kafka;
  conversations: ConversationStore;
  groups: CollaborationGroupStore;
  /** Where the parties of each campaign are kept, for support conversations naming a campaign. */
  support?: SupportStore;
  logger: Logger;
  retry?: RetryPolicy;
  /** Another consumer group than the service's own, for a test reading beside a running one. */
  groupId?: string;
  /** Another topic than the campaign topic, for a test whose events no other test may read. */
  topic?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? MESSAGING_CONSUMER_GROUP,
    topic: deps.topic ?? CAMPAIGN_EVENTS_TOPIC,
    schema: CampaignEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.conversations.ping(),
    handle: async (event) => {
      await deps.support?.recordParties(event.payload.campaignId, campaignParties(event));
      if (event.type === 'InfluencerInvited' && event.payload.message) {
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
      } else if (event.type === 'CollaborationStarted' && event.version === 1) {
        const { campaignId, brandId, group, startedAt } = event.payload;
        await deps.groups.start({
          campaignId,
          brandId,
          influencerIds: group,
          startedAt: new Date(startedAt),
        });
      } else if (event.type === 'CollaboratorsJoined') {
        // The group of a campaign that started in parts (CollaborationStarted v2) arrives in parts.
        const { campaignId, brandId, influencerIds, startedAt } = event.payload;
        await deps.groups.start({
          campaignId,
          brandId,
          influencerIds,
          startedAt: new Date(startedAt),
        });
      }
    },
  });
}
