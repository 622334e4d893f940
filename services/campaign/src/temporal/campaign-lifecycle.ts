import {
  CAMPAIGN_TASK_QUEUE,
  CAMPAIGN_WORKFLOW_TYPE,
  Refusal,
  campaignUpdateName,
  campaignWorkflowId,
  type CampaignActionArgs,
  type CampaignActionName,
  type CampaignWorkflowInput,
} from '@campaign/contracts';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';

/** What the workflow answered to an action: accepted, or refused with the rule. */
export type ActionOutcome = { accepted: true } | { accepted: false; refusal: Refusal };

/** The campaign service's view of the lifecycle workflow. */
export type CampaignLifecycle = {
  /** Starts the campaign's workflow; false when it was already started (publish happens once). */
  start: (input: CampaignWorkflowInput) => Promise<{ started: boolean; workflowId: string }>;
  /** Asks the campaign's workflow to take an action; answers once its facts are stored. */
  act: <Name extends CampaignActionName>(
    campaignId: string,
    action: Name,
    args: CampaignActionArgs<Name>,
  ) => Promise<ActionOutcome>;
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

    async act(campaignId, action, args) {
      const handle = client.workflow.getHandle(campaignWorkflowId(campaignId));
      try {
        await handle.executeUpdate(campaignUpdateName(action), { args: [args] });
        return { accepted: true };
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal) return { accepted: false, refusal };
        throw error;
      }
    },

    async ping() {
      await client.connection.workflowService.getSystemInfo({});
    },
  };
}

/** The workflow's validators refuse with an application failure whose type is the rule's code. */
function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause as { type?: unknown; message?: unknown } | undefined;
  const parsed = Refusal.safeParse({ code: cause?.type, message: cause?.message });
  return parsed.success ? parsed.data : null;
}
