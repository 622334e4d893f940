import { CAMPAIGN_TASK_QUEUE } from '@campaign/contracts';
import { type NativeConnection, Worker } from '@temporalio/worker';
import {
  campaignWorkflowsPath,
  type AudienceActivities,
  type CampaignActivities,
  type InsightsActivities,
  type StoryActivities,
} from '@campaign/workflows';
import { createCampaignActivities } from './campaign-activities';

export type CampaignWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  /** The campaign workflow's, the audience and insights refreshes' and the story's. */
  activities: CampaignActivities & AudienceActivities & InsightsActivities & StoryActivities;
  taskQueue?: string;
  maxConcurrentActivityTaskExecutions?: number;
  /** A bundle `writeCampaignWorkflowBundle` wrote; without it the worker bundles at start. */
  workflowBundlePath?: string;
};

/**
 * The worker that runs campaign workflows, the daily audience refresh, the refresh of results
 * imported from insights, campaigns' stories and their activities on the campaign task queue.
 */
export function createCampaignWorker(options: CampaignWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? CAMPAIGN_TASK_QUEUE,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: campaignWorkflowsPath }),
    activities: options.activities,
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions,
  });
}

export { createCampaignActivities };
