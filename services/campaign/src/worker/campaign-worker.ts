import { CAMPAIGN_TASK_QUEUE } from '@campaign/contracts';
import { activeTracing } from '@campaign/service-runtime';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  makeWorkflowExporter,
} from '@temporalio/interceptors-opentelemetry';
import { type NativeConnection, Worker } from '@temporalio/worker';
import {
  campaignWorkflowInterceptorModules,
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
 *
 * Traced: workflows continue the trace of the client call that started or updated them, and
 * activities that of the workflow that scheduled them (OpenTelemetry's interceptors, the workflow's
 * in the bundle: `campaignWorkflowInterceptorModules`). Workflow spans are made in the sandbox and
 * reach the process's tracing through the `exporter` sink, sent only when not replaying.
 */
export function createCampaignWorker(options: CampaignWorkerOptions): Promise<Worker> {
  const tracing = activeTracing();
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue ?? CAMPAIGN_TASK_QUEUE,
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath: campaignWorkflowsPath }),
    activities: options.activities,
    interceptors: {
      // A prebuilt bundle has them already (`writeCampaignWorkflowBundle`).
      ...(options.workflowBundlePath
        ? {}
        : { workflowModules: campaignWorkflowInterceptorModules }),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
    maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions,
  });
}

export { createCampaignActivities };
