import { MAX_ACTIONS_PER_BATCH, type ActionOutcome, type BatchedAction } from '@campaign/contracts';
import { dependencyUnavailable } from '@campaign/service-runtime';

/** Sends one batch of actions to one campaign's workflow; answers one outcome per action. */
export type SendBatch = (campaignId: string, actions: BatchedAction[]) => Promise<ActionOutcome[]>;

export type ActionBatcherOptions = {
  /** Actions per update, at most `MAX_ACTIONS_PER_BATCH`. */
  maxBatch?: number;
  /**
   * Updates this process keeps in flight per campaign. Across R replicas a campaign's workflow
   * has at most R × this many in flight; keep that within the server's per-workflow limit
   * (10 by default), e.g. 1 here for up to 10 replicas.
   */
  inFlightPerCampaign?: number;
  /** How long an action may wait for its answer, queued or in flight, before a 503. */
  deadlineMs: number;
};

/**
 * An update carries at most this much of actions (or one larger action alone, at most the 256 KiB
 * of ids a request may name plus its fields), so its payload stays under the 512 KB Temporal warns
 * about: a hundred bulk moves queued at once still go out one update at a time.
 */
const BATCH_BYTES = 256 * 1024;

type Pending = {
  action: BatchedAction;
  bytes: number;
  resolve: (outcome: ActionOutcome) => void;
  reject: (error: unknown) => void;
  settled: boolean;
  timer: NodeJS.Timeout;
};

type CampaignQueue = { waiting: Pending[]; inFlight: number };

/**
 * Coalesces the actions on one campaign that arrive while its previous update is in flight into
 * the next update, so a burst of a thousand applications costs a few dozen workflow tasks and
 * never more updates in flight than the bound; each caller still gets its own outcome.
 */
export function createActionBatcher(send: SendBatch, options: ActionBatcherOptions) {
  const maxBatch = Math.min(options.maxBatch ?? MAX_ACTIONS_PER_BATCH, MAX_ACTIONS_PER_BATCH);
  const inFlightPerCampaign = options.inFlightPerCampaign ?? 1;
  const queues = new Map<string, CampaignQueue>();

  const pump = (campaignId: string) => {
    const queue = queues.get(campaignId);
    if (!queue) return;
    while (queue.inFlight < inFlightPerCampaign && queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, batchLength(queue.waiting, maxBatch));
      queue.inFlight += 1;
      send(
        campaignId,
        batch.map((pending) => pending.action),
      )
        .then(
          (outcomes) =>
            batch.forEach((pending, i) => settle(pending, () => pending.resolve(outcomes[i]!))),
          (error: unknown) =>
            batch.forEach((pending) => settle(pending, () => pending.reject(error))),
        )
        .finally(() => {
          queue.inFlight -= 1;
          if (queue.inFlight === 0 && queue.waiting.length === 0) queues.delete(campaignId);
          else pump(campaignId);
        });
    }
  };

  return {
    act(campaignId: string, action: BatchedAction): Promise<ActionOutcome> {
      return new Promise<ActionOutcome>((resolve, reject) => {
        const queue = queues.get(campaignId) ?? { waiting: [], inFlight: 0 };
        queues.set(campaignId, queue);
        const pending: Pending = {
          action,
          bytes: Buffer.byteLength(JSON.stringify(action)),
          resolve,
          reject,
          settled: false,
          // Queued or sent, an action that has no answer in time gets a 503; one still queued is
          // taken out and never sent, one in flight may still take effect, which a retry with its
          // Idempotency-Key then learns.
          timer: setTimeout(() => {
            const at = queue.waiting.indexOf(pending);
            if (at !== -1) queue.waiting.splice(at, 1);
            settle(pending, () =>
              reject(
                dependencyUnavailable(
                  'The campaign did not answer in time; retry with the same Idempotency-Key.',
                ),
              ),
            );
          }, options.deadlineMs),
        };
        queue.waiting.push(pending);
        pump(campaignId);
      });
    },
  };
}

/** How many of the first waiting actions go in the next update: within the count and the bytes. */
function batchLength(waiting: Pending[], maxBatch: number): number {
  let bytes = 0;
  let count = 0;
  for (const pending of waiting) {
    bytes += pending.bytes;
    if (count > 0 && (count >= maxBatch || bytes > BATCH_BYTES)) break;
    count += 1;
  }
  return count;
}

function settle(pending: Pending, how: () => void): void {
  if (pending.settled) return;
  pending.settled = true;
  clearTimeout(pending.timer);
  how();
}
