import {
  CAMPAIGN_BOARD_QUERY,
  CAMPAIGN_SEARCH_ATTRIBUTES,
  ActionBatch,
  CAMPAIGN_ACTIONS_UPDATE,
  CampaignActions,
  CampaignWorkflowInput,
  FINISH_AFTER_COLLABORATION_SECONDS,
  HISTORY_EVENTS_PER_RUN,
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
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { context as traceContext, type Context as TraceContext } from '@opentelemetry/api';
import type { CampaignActivities, RecordedFact, RosterCursor, RosterPage } from './activities';
import { toBoard } from '../domain/campaign-board';
import { dueFacts, momentAddedBy, nextMoment } from '../domain/campaign-clock';
import { campaignRules, type Decision } from '../domain/campaign-rules';
import {
  evolve,
  initialState,
  iso,
  restoreRoster,
  withEmptyRoster,
  withoutRoster,
  type CampaignState,
  type CarriedCampaign,
} from '../domain/campaign-state';

// Deterministic code only: time is the workflow clock, ids come from the seeded uuid4, and every
// side effect is an activity below, each idempotent (recording facts, reading the roster back).
// Retries back off to 2 s at most, not further: however long an outage of the database lasts,
// the campaign moves again within seconds of its return (the retry is cheap: one query). Kafka is
// not in the way: the recording stores the events, and a relay sends them later.
const recording = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '2 seconds',
  },
} as const;
const { recordCampaignFacts, loadCampaignRoster } = proxyActivities<CampaignActivities>(recording);
// The recording runs as a local activity in campaigns published since it could: in the worker
// that runs the workflow task, inside that task, without a round of scheduling through the server.
// An update is answered in one workflow task instead of three, and its facts stay out of the
// history (only the outcome's marker is there). It is idempotent like any recording: a worker that
// dies mid-way leaves the task to another, which records again and stores nothing twice.
const recordLocally = proxyLocalActivities<CampaignActivities>(recording);

/** Facts per recording activity: large enough for bulk actions, small enough for one transaction. */
const FACTS_PER_RECORDING = 250;
/**
 * And at most this much JSON (UTF-16 units, so at most 384 KB of bytes): every payload stays under
 * the 512 KB Temporal warns about. A single larger fact (only the CLI can send one) goes alone.
 */
const RECORDING_CHARS = 128 * 1024;
/**
 * A run hands over to a fresh one past its setting's history events (`historyEventsPerRun`), so
 * history stays bounded; or past this many bytes of history beyond the roster it read back at its
 * start; or past this many updates (the server takes at most 2,000 in one run).
 */
const HISTORY_BYTES_PER_RUN = 4 * 1024 * 1024;
const UPDATES_PER_RUN = 1_000;
const REFUSALS_KEPT = 20;
/** Answers kept for retries of batched actions: enough for every request of a burst in flight. */
const ANSWERS_KEPT = 1_000;
/** And at most this much of them (UTF-16 units), as they are carried from run to run. */
const ANSWERS_CHARS = 128 * 1024;

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
  carried?: CampaignState | CarriedCampaign,
): Promise<void> {
  // Campaigns started before workflows finished keep running as they did (replay-safe); every
  // run started since, including their next continued-as-new run, finishes.
  const finishes = patched(FINISHES_AFTER_COLLABORATION);
  const record = patched(RECORDS_LOCALLY) ? recordLocally.recordCampaignFacts : recordCampaignFacts;
  // Ops find a campaign in the Temporal UI by its phase, kept current here when its starter
  // indexed it (the campaign service does; a start from the CLI or a test server need not), and
  // from this version on (workflows of campaigns started before replay as they ran, without it).
  const indexesPhase =
    workflowInfo().typedSearchAttributes.get(CAMPAIGN_SEARCH_ATTRIBUTES.phase) !== undefined &&
    patched(INDEXES_PHASE);
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
  // A campaign keeps the way it started with: one published since huge campaigns keeps its people
  // in the store between runs; an older one carries them, as its recorded history did.
  const rosterInStore = carried !== undefined && isCarriedWithoutRoster(carried);
  const state = rosterInStore
    ? withEmptyRoster(carried)
    : (carried ?? initialState(input, Date.now(), patched(ROSTER_STORED)));
  // Until the people are read back, actions wait: the handlers are there from the first moment (an
  // update with none would be refused), but judge only a whole roster.
  let rosterLoaded = !rosterInStore;
  const waitingSignals: (() => void)[] = [];
  let historyBytesAtStart = workflowInfo().historySize;
  let updatesThisRun = 0;
  // A state carried from a run that predates batched actions has no answers yet.
  state.answered ??= [];
  const answeredById = new Map(state.answered.map((entry) => [entry.requestId, entry.outcome]));
  const answerChars = state.answered.map((entry) => JSON.stringify(entry).length);
  let answeredChars = answerChars.reduce((sum, size) => sum + size, 0);
  const unrecorded: RecordedFact[] = [];
  // The trace each unrecorded fact was decided in (the update's or signal's span, else the run's),
  // beside `unrecorded`: a recording runs in its first fact's, so the request that caused the facts
  // traces on to their events. Only spans: nothing here is in the history or changes a command.
  const causes: TraceContext[] = [];
  let emitted = 0;
  let recorded = 0;
  // A lower bound of the next timed moment: facts only ever remove moments, except a sent
  // agreement, which lowers it. Rescanning happens only once the bound has come.
  let wakeAt = nextMoment(state);

  const emit = (facts: CampaignFact[]): number => {
    for (const fact of facts) {
      const phase = state.phase;
      evolve(state, fact);
      if (indexesPhase && state.phase !== phase) {
        upsertSearchAttributes([{ key: CAMPAIGN_SEARCH_ATTRIBUTES.phase, value: state.phase }]);
      }
      const added = momentAddedBy(state, fact);
      if (added !== undefined && (wakeAt === undefined || added < wakeAt)) wakeAt = added;
      unrecorded.push({ eventId: uuid4(), occurredAt: iso(Date.now()), fact });
      causes.push(traceContext.active());
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
      // The first few issues name the fault; all 10,000 of a bulk action's would not fit a refusal.
      return {
        refusal: {
          code: 'invalid_input',
          message: parsed.error.issues
            .slice(0, 5)
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
    const onSignal = (args: unknown) => {
      catchUp();
      const decision = judge(action, args);
      if ('refusal' in decision) remember(action, decision.refusal);
      else emit(decision.facts);
    };
    setHandler(defineSignal<[unknown]>(action), (args) => {
      if (rosterLoaded) onSignal(args);
      else waitingSignals.push(() => onSignal(args));
    });
    setHandler(
      defineUpdate<{ accepted: true }, [unknown]>(campaignUpdateName(action)),
      async (args) => {
        updatesThisRun += 1;
        await condition(() => rosterLoaded);
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
          // Without the roster the rules cannot say; the handler judges once it is read back.
          if (!rosterLoaded) return;
          const decision = judge(action, args);
          if ('refusal' in decision) throw refusalFailure(decision.refusal);
        },
      },
    );
  }
  const keepAnswer = (requestId: string | undefined, outcome: ActionOutcome) => {
    if (requestId === undefined) return;
    const entry = { requestId, outcome };
    state.answered.push(entry);
    answeredById.set(requestId, outcome);
    answerChars.push(JSON.stringify(entry).length);
    answeredChars += answerChars.at(-1)!;
    // Oldest first, past the count, or past the size for a campaign that carries its answers
    // beside no roster (always at least the newest one).
    while (
      state.answered.length > ANSWERS_KEPT ||
      (state.rosterStored && answeredChars > ANSWERS_CHARS && state.answered.length > 1)
    ) {
      answeredChars -= answerChars.shift()!;
      answeredById.delete(state.answered.shift()!.requestId);
    }
  };

  // Actions the campaign service coalesced: each judged in order, after those before it, and
  // answered on its own; the update answers once all their facts are stored.
  setHandler(
    defineUpdate<ActionOutcome[], [unknown]>(CAMPAIGN_ACTIONS_UPDATE),
    async (raw) => {
      updatesThisRun += 1;
      await condition(() => rosterLoaded);
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

  if (!rosterLoaded) {
    for (let from: RosterCursor | null = { part: 'applicants', after: null }; from !== null;) {
      const page: RosterPage = await loadCampaignRoster(state.settings.campaignId, from);
      restoreRoster(state, page);
      from = page.next;
    }
    rosterLoaded = true;
    historyBytesAtStart = workflowInfo().historySize;
    wakeAt = nextMoment(state);
    for (const onSignal of waitingSignals.splice(0)) onSignal();
  }

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
      const batch = state.rosterStored
        ? nextRecording(unrecorded)
        : unrecorded.slice(0, FACTS_PER_RECORDING);
      await traceContext.with(causes[0]!, () => record(batch));
      unrecorded.splice(0, batch.length);
      causes.splice(0, batch.length);
      recorded += batch.length;
      continue;
    }
    const info = workflowInfo();
    // A state carried from a run that predates the setting hands over at the default.
    const eventsPerRun = state.settings.historyEventsPerRun ?? HISTORY_EVENTS_PER_RUN;
    const handOver = state.rosterStored
      ? // The server's suggestion counts the roster read back at the start; these do not.
        info.historyLength > eventsPerRun ||
        info.historySize - historyBytesAtStart > HISTORY_BYTES_PER_RUN ||
        updatesThisRun >= UPDATES_PER_RUN
      : info.continueAsNewSuggested || info.historyLength > eventsPerRun;
    if (handOver) {
      await condition(allHandlersFinished);
      if (unrecorded.length > 0) continue;
      await continueAsNew<typeof campaignWorkflow>(
        input,
        state.rosterStored ? withoutRoster({ ...state, rosterStored: true }) : state,
      );
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
const ROSTER_STORED = 'roster-stored';
const RECORDS_LOCALLY = 'records-locally';
const INDEXES_PHASE = 'indexes-phase';

function isCarriedWithoutRoster(
  carried: CampaignState | CarriedCampaign,
): carried is CarriedCampaign {
  return carried.rosterStored === true;
}

/** The next facts to record: in order, within the count and the size of one recording. */
function nextRecording(unrecorded: RecordedFact[]): RecordedFact[] {
  let chars = 0;
  let count = 0;
  for (const entry of unrecorded) {
    chars += JSON.stringify(entry).length;
    if (count > 0 && (count >= FACTS_PER_RECORDING || chars > RECORDING_CHARS)) break;
    count += 1;
  }
  return unrecorded.slice(0, count);
}

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
