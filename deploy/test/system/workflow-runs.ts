import type { Client, WorkflowHandle } from '@temporalio/client';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];
type Payloads = NonNullable<HistoryEvent['activityTaskScheduledEventAttributes']>['input'];

/** One run of a workflow: its history's length and its largest payload, with where it was. */
export type RunFigures = {
  runId: string;
  events: number;
  largestPayload: { bytes: number; where: string };
};

/**
 * Every run of a workflow, oldest first, followed through continue-as-new: how long each run's
 * history is and the largest payload any of its events carried (inputs, results, update
 * arguments and answers, signals, continue-as-new state), in bytes as the server stores them.
 */
export async function workflowRuns(client: Client, workflowId: string): Promise<RunFigures[]> {
  const runs: RunFigures[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: History = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    runs.unshift({ runId, events: events.length, largestPayload: largestPayloadOf(events) });
    runId =
      events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

function largestPayloadOf(events: HistoryEvent[]): RunFigures['largestPayload'] {
  let largest = { bytes: 0, where: 'nowhere' };
  for (const event of events) {
    for (const [where, payloads] of payloadsOf(event)) {
      for (const payload of payloads?.payloads ?? []) {
        const bytes = payload.data?.length ?? 0;
        if (bytes > largest.bytes) largest = { bytes, where };
      }
    }
  }
  return largest;
}

function payloadsOf(event: HistoryEvent): [string, Payloads][] {
  return [
    ['workflow input', event.workflowExecutionStartedEventAttributes?.input],
    ['continue-as-new input', event.workflowExecutionContinuedAsNewEventAttributes?.input],
    ['activity input', event.activityTaskScheduledEventAttributes?.input],
    ['activity result', event.activityTaskCompletedEventAttributes?.result],
    [
      'update arguments',
      event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args,
    ],
    ['update answer', event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success],
    ['signal', event.workflowExecutionSignaledEventAttributes?.input],
    [
      'marker',
      {
        payloads: Object.values(event.markerRecordedEventAttributes?.details ?? {}).flatMap(
          (details) => details.payloads ?? [],
        ),
      },
    ],
  ];
}
