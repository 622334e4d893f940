import {
  CAMPAIGN_TASK_QUEUE,
  CAMPAIGN_WORKFLOW_TYPE,
  CAMPAIGN_ACTIONS_UPDATE,
  CAMPAIGN_SEARCH_ATTRIBUTES,
  Refusal,
  campaignWorkflowSummary,
  campaignWorkflowId,
  type ActionBatch,
  type ActionOutcome,
  type BatchedAction,
  type CampaignActionArgs,
  type CampaignActionName,
  type CampaignWorkflowInput,
} from '@campaign/contracts';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { dependencyUnavailable } from '@campaign/service-runtime';
import type { FinishedCampaignStore } from '../db/finished-campaign-store';
import { judgeFinishedCampaign } from '../domain/finished-campaign';
import { createActionBatcher, type SendBatch } from './action-batcher';

export type { ActionOutcome };

/** The campaign service's view of the lifecycle workflow. */
export type CampaignLifecycle = {
  /** Starts the campaign's workflow; false when it was already started (publish happens once). */
  start: (input: CampaignWorkflowInput) => Promise<{ started: boolean; workflowId: string }>;
  /**
   * Asks the campaign's workflow to take an action; answers once its facts are stored. Actions
   * that arrive together on one campaign travel in one update, each answered on its own. With a
   * `requestId` (stable across retries of one request), a retry gets the first outcome back.
   * Throws when no worker answers before the deadline (the API answers 503).
   */
  act: <Name extends CampaignActionName>(
    campaignId: string,
    action: Name,
    args: CampaignActionArgs<Name>,
    requestId?: string,
  ) => Promise<ActionOutcome>;
  ping: () => Promise<void>;
};

/** How long an action waits for the workflow's answer before the caller is told to retry. */
const ACTION_DEADLINE_MS = 10_000;
/** A run hands over to the next in well under a second; past these tries something else is wrong. */
const HAND_OVER_ATTEMPTS = 5;
const HAND_OVER_PAUSE_MS = 100;

function unavailable(cause: unknown) {
  return Object.assign(
    dependencyUnavailable(
      'The campaign cannot take actions right now; retry shortly with the same Idempotency-Key.',
    ),
    { cause },
  );
}

export type CampaignLifecycleOptions = {
  actionDeadlineMs?: number;
  taskQueue?: string;
  /** The grace period every campaign's workflow gets after its collaboration started. */
  finishAfterCollaborationSeconds?: number;
  /** History events each run of a campaign's workflow takes before it hands over to a fresh one. */
  historyEventsPerRun?: number;
  /** Where a campaign whose workflow has completed is judged from: the read model. */
  finishedCampaigns?: FinishedCampaignStore;
  /** Actions coalesced into one update (see action-batcher.ts). */
  maxBatch?: number;
  updatesInFlightPerCampaign?: number;
};

export function temporalCampaignLifecycle(
  client: Client,
  options: CampaignLifecycleOptions = {},
): CampaignLifecycle {
  const deadlineMs = options.actionDeadlineMs ?? ACTION_DEADLINE_MS;
  const taskQueue = options.taskQueue ?? CAMPAIGN_TASK_QUEUE;

  /** Answers from the read model for a campaign whose workflow finished; null if it did not. */
  const judgedAsFinished = async (
    campaignId: string,
    actions: BatchedAction[],
  ): Promise<ActionOutcome[] | null> => {
    const store = options.finishedCampaigns;
    if (!store) return null;
    const answers = await Promise.all(
      actions.map(async ({ action, args }): Promise<ActionOutcome | null> => {
        const campaign = await store.find(campaignId, namedIn(args));
        if (!campaign) return null;
        const late = judgeFinishedCampaign(campaign, action, args, Date.now());
        return late ? { accepted: false, refusal: late } : { accepted: true };
      }),
    );
    return answers.every((answer) => answer !== null) ? (answers as ActionOutcome[]) : null;
  };

  /** One update for a batch of actions on one campaign; the workflow answers each. */
  const send: SendBatch = async (campaignId, actions) => {
    const handle = client.workflow.getHandle(campaignWorkflowId(campaignId));
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await client.connection.withDeadline(deadline, () =>
          handle.executeUpdate<ActionOutcome[], [ActionBatch]>(CAMPAIGN_ACTIONS_UPDATE, {
            args: [{ actions }],
          }),
        );
      } catch (error) {
        if (error instanceof WorkflowNotFoundError) {
          // A campaign's workflow completes a grace period after its collaboration started; later
          // actions are judged by the same rules on what the read model recorded.
          const late = await judgedAsFinished(campaignId, actions);
          if (late) return late;
          // Stopped from outside (terminated, or failed): no run will take actions again.
          const stopped = await stoppedRefusal(handle);
          if (stopped) return actions.map(() => ({ accepted: false, refusal: stopped }));
          // Not finished: its run is handing over to the next (continue-as-new), and an update
          // that arrives in between finds none running. The next run takes it a moment later.
          const pause = HAND_OVER_PAUSE_MS * attempt;
          if (attempt < HAND_OVER_ATTEMPTS && Date.now() + pause < deadline) {
            await new Promise((resolve) => setTimeout(resolve, pause));
            continue;
          }
          throw unavailable(error);
        }
        // The batch as a whole refused (its shape): every action in it gets that refusal.
        const refusal = refusalOf(error);
        if (refusal) return actions.map(() => ({ accepted: false, refusal }));
        // Any other failed update says the workflow could not take it (its task failing, a
        // limit of the server): nothing the caller sent is wrong, and nothing was stored. The
        // cause goes to the log for operators; the caller is asked to retry.
        if (error instanceof WorkflowUpdateFailedError) throw unavailable(error);
        throw error;
      }
    }
  };
  const batcher = createActionBatcher(send, {
    deadlineMs,
    ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
    ...(options.updatesInFlightPerCampaign === undefined
      ? {}
      : { inFlightPerCampaign: options.updatesInFlightPerCampaign }),
  });

  return {
    async start(input) {
      const workflowId = campaignWorkflowId(input.campaignId);
      try {
        await client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
          taskQueue,
          workflowId,
          args: [
            {
              ...input,
              ...(options.finishAfterCollaborationSeconds === undefined
                ? {}
                : { finishAfterCollaborationSeconds: options.finishAfterCollaborationSeconds }),
              ...(options.historyEventsPerRun === undefined
                ? {}
                : { historyEventsPerRun: options.historyEventsPerRun }),
            },
          ],
          // A campaign's id starts one lifecycle, ever: once its workflow runs or ran, never again.
          // Only a workflow that failed at once on input it refused leaves the id free, so the
          // draft, fixed, can be published.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          // What ops search and read in the Temporal UI; the workflow keeps the phase current.
          typedSearchAttributes: [
            { key: CAMPAIGN_SEARCH_ATTRIBUTES.brand, value: input.brandId },
            { key: CAMPAIGN_SEARCH_ATTRIBUTES.title, value: input.title },
            { key: CAMPAIGN_SEARCH_ATTRIBUTES.phase, value: 'open' },
          ],
          staticSummary: campaignWorkflowSummary(input),
        });
        return { started: true, workflowId };
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) {
          return { started: false, workflowId };
        }
        throw error;
      }
    },

    act(campaignId, action, args, requestId) {
      return batcher.act(campaignId, { action, args, ...(requestId ? { requestId } : {}) });
    },

    async ping() {
      await client.connection.workflowService.getSystemInfo({});
    },
  };
}

/**
 * The refusal for a campaign whose workflow an operator stopped (terminated, or it failed): the
 * campaign is published, but nothing will act on it again. Null while it runs or hands over.
 */
async function stoppedRefusal(handle: WorkflowHandle): Promise<Refusal | null> {
  const status = await handle.describe().then(
    (described) => described.status.name,
    (error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return 'MISSING';
      throw error;
    },
  );
  if (status === 'RUNNING' || status === 'CONTINUED_AS_NEW' || status === 'COMPLETED') return null;
  return {
    code: 'campaign_stopped',
    message: `This campaign's lifecycle was stopped by operators (${status.toLowerCase()}); it takes no more actions. Customer success can tell you more.`,
  };
}

/** The influencers an action names (one or many), whose records its rules may read. */
function namedIn(args: unknown): string[] {
  if (typeof args !== 'object' || args === null) return [];
  if ('influencerIds' in args && Array.isArray(args.influencerIds)) return args.influencerIds;
  if ('influencerId' in args && typeof args.influencerId === 'string') return [args.influencerId];
  return [];
}

/** The workflow's validators refuse with an application failure whose type is the rule's code. */
function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof WorkflowUpdateFailedError)) return null;
  const cause = error.cause as { type?: unknown; message?: unknown } | undefined;
  const parsed = Refusal.safeParse({ code: cause?.type, message: cause?.message });
  return parsed.success ? parsed.data : null;
}
