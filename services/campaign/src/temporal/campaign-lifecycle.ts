import {
  CAMPAIGN_TASK_QUEUE,
  CAMPAIGN_WORKFLOW_TYPE,
  campaignWorkflowId,
  type CampaignWorkflowInput,
} from '@campaign/contracts';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';

/** The campaign service's view of the lifecycle workflow. */
export type CampaignLifecycle = {
  /** Starts the campaign's workflow; false when it was already started (publish happens once). */
  start: (input: CampaignWorkflowInput) => Promise<{ started: boolean; workflowId: string }>;
  ping: () => Promise<void>;
};

export function temporalCampaignLifecycle(client: Client): CampaignLifecycle {
  return {
    async start(input) {
      const workflowId = campaignWorkflowId(input.campaignId);
      try {
        await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
          taskQueue: CAMPAIGN_TASK_QUEUE,
          workflowId,
          args: [input],
          // Even after the campaign's workflow has finished, its id can never start another.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        return { started: true, workflowId };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) {
          return { started: false, workflowId };
        }
        throw error;
      }
    },
    async ping() {
      await client.connection.workflowService.getSystemInfo({});
    },
  };
}
