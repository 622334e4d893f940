import {
  CAMPAIGN_BOARD_QUERY,
  ActionBatch,
  CAMPAIGN_ACTIONS_UPDATE,
  CampaignActions,
  CampaignWorkflowInput,
  FINISH_AFTER_COLLABORATION_SECONDS,
  campaignActionNames,
  campaignUpdateName,
  malformedText,
  type ActionOutcome,
  type CampaignActionName,
  type CampaignBoard,
  type CampaignFact,
  type Refusal,
} from '@campaign/contracts';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities, RecordedFact } from './activities';
import { toBoard } from '../domain/campaign-board';
import { dueFacts, momentAddedBy, nextMoment } from '../domain/campaign-clock';
import { campaignRules, type Decision } from '../domain/campaign-rules';
import { evolve, initialState, iso, type CampaignState } from '../domain/campaign-state';

// Deterministic code only: time is the workflow clock, ids come from the seeded uuid4, and every
// side effect is the one activity below, which is idempotent.
// Retries back off to 2 s at most, not further: however long an outage of the database lasts,
// the campaign moves again within seconds of its return (the retry is cheap: one query). Kafka is
// not in the way: the recording stores the events, and a relay sends them later.
const { recordCampaignFacts } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '2 seconds',
  },
});

/** Facts per recording activity: large enough for bulk actions, small enough for one transaction. */
const FACTS_PER_RECORDING = 250;
/** A run hands over to a fresh one past this many history events, so history stays bounded. */
const HISTORY_EVENTS_PER_RUN = 5_000;
const REFUSALS_KEPT = 20;
/** Answers kept for retries of batched actions: enough for every request of a burst in flight. */
const ANSWERS_KEPT = 1_000;

export const boardQuery = defineQuery<CampaignBoard>(CAMPAIGN_BOARD_QUERY);

/**
 * One workflow per campaign: the authority on its lifecycle. Actions arrive as signals (the CLI
 * and UI send these by name) or as updates (`tryApply`, …) whose validator answers with the rule
 * that refuses them. Every accepted action and every timed moment becomes a fact: it changes the
 * state at once and is then recorded (read model and outgoing events, one transaction) by the
 * recording activity, in order.
 *
 * It keeps running for a grace period after the collaboration starts, so a second press of start
 * collaboration (and any late action) is still answered by the rules, then completes; the
 * campaign service answers later actions from the read model, and the id never starts again.
 */
export async function campaignWorkflow(
  input: CampaignWorkflowInput,
  carried?: CampaignState,
): Promise<void> {
  // Campaigns started before workflows finished keep running as they did (replay-safe); every
  // run started since, including their next continued-as-new run, finishes.
  const finishes = patched(FINISHES_AFTER_COLLABORATION);
  // Input the contract refuses ends this workflow as failed, at once, instead of failing its
  // task forever: the campaign stays a draft that can be fixed and published again.
  const inputRefused =
    malformedText(input, 'input').length > 0 || !CampaignWorkflowInput.safeParse(input).success;
  if (!carried && inputRefused) {
    throw ApplicationFailure.create({
      type: 'invalid_input',
      message: 'The campaign cannot be published as it is: its settings are out of range.',
      nonRetryable: true,
    });
  }
  const state = carried ?? initialState(input, Date.now());
  // A state carried from a run that predates batched actions has no answers yet.
  state.answered ??= [];
  const answeredById = new Map(state.answered.map((entry) => [entry.requestId, entry.outcome]));
  const unrecorded: RecordedFact[] = [];
  let emitted = 0;
  let recorded = 0;
  // A lower bound of the next timed moment: facts only ever remove moments, except a sent
  // agreement, which lowers it. Rescanning happens only once the bound has come.
  let wakeAt = nextMoment(state);

  const emit = (facts: CampaignFact[]): number => {
    for (const fact of facts) {
      evolve(state, fact);
      const added = momentAddedBy(state, fact);
      if (added !== undefined && (wakeAt === undefined || added < wakeAt)) wakeAt = added;
      unrecorded.push({ eventId: uuid4(), occurredAt: iso(Date.now()), fact });
      emitted += 1;
    }
    return emitted;
  };
  // Moments that have come are stated before any action is judged, so an action never sees a
  // campaign that should already have closed or an agreement that should already have expired.
  const catchUp = () => {
    if (wakeAt === undefined || Date.now() < wakeAt) return;
    emit(dueFacts(state, Date.now()));
    wakeAt = nextMoment(state);
  };

  const judge = (action: CampaignActionName, raw: unknown): Decision => {
    // Text no store can keep would fail its recording forever and freeze the campaign: refused
    // here like any broken rule, whoever sent the action (the API refuses it before, by name).
    const unstorable = malformedText(raw, 'input');
    if (unstorable.length > 0) {
      return {
        refusal: {
          code: 'invalid_input',
          message: unstorable.map((fault) => `${fault.path}: ${fault.message}`).join('; '),
        },
      };
    }
    const parsed = CampaignActions[action].safeParse(raw);
    if (!parsed.success) {
      return {
        refusal: {
          code: 'invalid_input',
          message: parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
            .join('; '),
        },
      };
    }
    const rule = campaignRules[action] as (
      state: CampaignState,
      args: unknown,
      now: number,
    ) => Decision;
    return rule(state, parsed.data, Date.now());
  };

  const remember = (action: string, refusal: Refusal) => {
    state.recentRefusals.push({ action, at: Date.now(), refusal });
    state.recentRefusals.splice(0, state.recentRefusals.length - REFUSALS_KEPT);
    log.info('campaign action refused', { action, code: refusal.code });
  };

  for (const action of campaignActionNames) {
    setHandler(defineSignal<[unknown]>(action), (args) => {
      catchUp();
      const decision = judge(action, args);
      if ('refusal' in decision) remember(action, decision.refusal);
      else emit(decision.facts);
    });
    setHandler(
      defineUpdate<{ accepted: true }, [unknown]>(campaignUpdateName(action)),
      async (args) => {
        catchUp();
        const decision = judge(action, args);
        if ('refusal' in decision) throw refusalFailure(decision.refusal);
        const seq = emit(decision.facts);
        // Answer once the facts are stored, so the caller reads its own write.
        await condition(() => recorded >= seq);
        return { accepted: true };
      },
      {
        validator: (args) => {
          const decision = judge(action, args);
          if ('refusal' in decision) throw refusalFailure(decision.refusal);
        },
      },
    );
  }
  const keepAnswer = (requestId: string | undefined, outcome: ActionOutcome) => {
    if (requestId === undefined) return;
    state.answered.push({ requestId, outcome });
    answeredById.set(requestId, outcome);
    for (const evicted of state.answered.splice(0, state.answered.length - ANSWERS_KEPT)) {
      answeredById.delete(evicted.requestId);
    }
  };

  // Actions the campaign service coalesced: each judged in order, after those before it, and
  // answered on its own; the update answers once all their facts are stored.
  setHandler(
    defineUpdate<ActionOutcome[], [unknown]>(CAMPAIGN_ACTIONS_UPDATE),
    async (raw) => {
      catchUp();
      const { actions } = ActionBatch.parse(raw);
      const outcomes = actions.map(({ action, args, requestId }): ActionOutcome => {
        const earlier = requestId === undefined ? undefined : answeredById.get(requestId);
        if (earlier) return earlier;
        const decision = judge(action, args);
        const outcome: ActionOutcome =
          'refusal' in decision
            ? { accepted: false, refusal: decision.refusal }
            : { accepted: true };
        if ('facts' in decision) emit(decision.facts);
        keepAnswer(requestId, outcome);
        return outcome;
      });
      const seq = emitted;
      await condition(() => recorded >= seq);
      return outcomes;
    },
    {
      validator: (raw) => {
        const batch = ActionBatch.safeParse(raw);
        if (!batch.success) {
          throw refusalFailure({ code: 'invalid_input', message: batch.error.issues[0]!.message });
        }
      },
    },
  );
  setHandler(boardQuery, () => toBoard(state));

  if (!carried) {
    emit([
      {
        type: 'CampaignPublished',
        payload: {
          campaignId: state.settings.campaignId,
          brandId: state.settings.brandId,
          title: state.settings.title,
          publishedBy: state.settings.publishedBy,
          publishedAt: iso(state.publishedAt),
          closesAt: iso(state.closesAt),
        },
      },
    ]);
  }

  for (;;) {
    if (unrecorded.length > 0) {
      const batch = unrecorded.slice(0, FACTS_PER_RECORDING);
      await recordCampaignFacts(batch);
      unrecorded.splice(0, batch.length);
      recorded += batch.length;
      continue;
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_EVENTS_PER_RUN) {
      await condition(allHandlersFinished);
      if (unrecorded.length === 0) await continueAsNew<typeof campaignWorkflow>(input, state);
      continue;
    }
    const finishAt = finishes ? finishMoment(state) : undefined;
    if (finishAt !== undefined && Date.now() >= finishAt) {
      await condition(allHandlersFinished);
      if (unrecorded.length === 0) return;
      continue;
    }
    const somethingToRecord = () => unrecorded.length > 0;
    const until = earliest(wakeAt, finishAt);
    if (until === undefined) await condition(somethingToRecord);
    else if (until > Date.now()) await condition(somethingToRecord, until - Date.now());
    catchUp();
  }
}

const FINISHES_AFTER_COLLABORATION = 'finishes-after-collaboration';

/** When the workflow completes: its grace period after the collaboration started. */
function finishMoment(state: CampaignState): number | undefined {
  if (state.collaborationStartedAt === null) return undefined;
  // A state carried from a run that predates the setting finishes after the default.
  const grace =
    state.settings.finishAfterCollaborationSeconds ?? FINISH_AFTER_COLLABORATION_SECONDS;
  return state.collaborationStartedAt + grace * 1000;
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    nonRetryable: true,
    details: [refusal],
  });
}
