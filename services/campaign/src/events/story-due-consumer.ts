import {
  CAMPAIGN_EVENTS_TOPIC,
  CAMPAIGN_TASK_QUEUE,
  CampaignEvent,
  STORY_WORKFLOW_TYPE,
  storyWorkflowId,
  type StoryWorkflowInput,
} from '@campaign/contracts';
import {
  runEventConsumer,
  type createKafka,
  type Logger,
  type RetryPolicy,
} from '@campaign/service-runtime';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { StoryStore } from '../db/story-store';
import { storyCardUrl } from '../domain/story-card-url';

export const STORY_CONSUMER_GROUP = 'campaign-story';

/**
 * Starts each campaign's story when its workflow announces the moment (`CampaignStoryDue`). Once
 * per campaign, whatever the redeliveries: the story's workflow id is the campaign's, a second
 * start is refused by Temporal (`REJECT_DUPLICATE`), and a campaign whose story the store already
 * has (after Temporal forgot a closed workflow) is not started again.
 */
export function consumeStoryDue(deps: {
  kafka: ReturnType<typeof createKafka>;
  temporal: Client;
  stories: Pick<StoryStore, 'find'>;
  /** Where the campaign service is reached from the internet: the story card's address. */
  publicUrl: string;
  logger: Logger;
  taskQueue?: string;
  retry?: RetryPolicy;
  /** Another consumer group than the service's own, for a test reading beside a running one. */
  groupId?: string;
  /** Another topic than the campaign topic, for a test whose events no other test may read. */
  topic?: string;
}) {
  return runEventConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId ?? STORY_CONSUMER_GROUP,
    topic: deps.topic ?? CAMPAIGN_EVENTS_TOPIC,
    schema: CampaignEvent,
    logger: deps.logger,
    retry: deps.retry,
    dependenciesReady: () => deps.temporal.connection.workflowService.getSystemInfo({}),
    handle: async (event) => {
      if (event.type !== 'CampaignStoryDue') return;
      const { campaignId, brandId, title, imageUrls } = event.payload;
      if (await deps.stories.find(campaignId)) return;
      const input: StoryWorkflowInput = {
        campaignId,
        brandId,
        title,
        imageUrls,
        cardUrl: storyCardUrl(deps.publicUrl, campaignId),
      };
      try {
        await deps.temporal.workflow.start(STORY_WORKFLOW_TYPE, {
          taskQueue: deps.taskQueue ?? CAMPAIGN_TASK_QUEUE,
          workflowId: storyWorkflowId(campaignId),
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        deps.logger.info({ campaignId, eventId: event.id }, 'campaign story started');
      } catch (error) {
        // Started before: by this event's earlier delivery, or another event of the campaign.
        if (error instanceof WorkflowExecutionAlreadyStartedError) return;
        throw error;
      }
    },
  });
}
