import { Connection } from '@temporalio/client';

type WorkflowService = Connection['workflowService'];
type HistoryEvent = NonNullable<
  NonNullable<
    Awaited<ReturnType<WorkflowService['getWorkflowExecutionHistory']>>['history']
  >['events']
>[number];

/** Where a payload sat in a workflow's history, and how big it was. */
export type PayloadSite = {
  bytes: number;
  /** 1 for the first run of the continued-as-new chain. */
  run: number;
  runId: string;
  eventId: number;
  /** The event's attributes, e.g. `activityTaskScheduled`. */
  eventType: string;
  /** The payload's path in the event, e.g. `activityTaskScheduledEventAttributes.input`. */
  field: string;
};

export type RunHistory = {
  runId: string;
  events: number;
  /** The run's history, as the server encodes it (protobuf). */
  historyBytes: number;
  /** The largest single event of the run, encoded. */
  largestEventBytes: number;
  largestPayload: PayloadSite | null;
  /** How the run ended, if it did: `continuedAsNew`, `completed`, `failed`, …; null if open. */
  closedAs: string | null;
};

export type WorkflowHistoryReport = {
  workflowId: string;
  runs: RunHistory[];
  maxEventsPerRun: number;
  totalEvents: number;
  largestPayload: PayloadSite | null;
  /** The largest payload per field, largest first: which kind of payload grows. */
  largestByField: PayloadSite[];
  /** Payloads of 512 KB or more (the target is below that), all runs together. */
  payloadsOver512KB: number;
  /** Workflow tasks that failed, all runs together (an oversized payload shows up here too). */
  workflowTaskFailures: number;
};

/** Every history can be read in one message, however large a payload or a page grows. */
const MAX_MESSAGE_BYTES = 512 * 1024 * 1024;
const KB512 = 512 * 1024;

/**
 * Reads every run of a workflow (the latest run, then back along the continued-as-new chain: each
 * run's first event names the run it continues) and measures every payload in every event:
 * workflow and continue-as-new inputs, activity inputs and results, update arguments and
 * outcomes, signals, markers, memos and headers. A payload counts as its data plus its metadata;
 * a `Payloads` (a list, as inputs and results are) as the sum of its payloads, since the server's
 * size limit applies to the whole field.
 */
export async function measureWorkflowHistory(
  address: string,
  workflowId: string,
  namespace = 'default',
): Promise<WorkflowHistoryReport> {
  const connection = await Connection.connect({
    address,
    channelArgs: {
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      max_receive_message_length: MAX_MESSAGE_BYTES,
    },
  });
  try {
    const service = connection.workflowService;
    const described = await service.describeWorkflowExecution({
      namespace,
      execution: { workflowId },
    });
    let runId: string | null = described.workflowExecutionInfo?.execution?.runId ?? null;
    const chain: { runId: string; events: HistoryEvent[] }[] = [];
    while (runId) {
      const events = await readHistory(service, namespace, workflowId, runId);
      chain.unshift({ runId, events });
      const started = events[0]?.workflowExecutionStartedEventAttributes;
      runId = started?.continuedExecutionRunId || null;
    }

    const sites: PayloadSite[] = [];
    let workflowTaskFailures = 0;
    const runs = chain.map(({ runId, events }, index): RunHistory => {
      let largestPayload: PayloadSite | null = null;
      let historyBytes = 0;
      let largestEventBytes = 0;
      let closedAs: string | null = null;
      for (const event of events) {
        const eventType = attributesOf(event);
        if (eventType === 'workflowTaskFailed') workflowTaskFailures += 1;
        if (
          /^workflowExecution(Completed|Failed|TimedOut|Terminated|Canceled|ContinuedAsNew)$/.test(
            eventType,
          )
        ) {
          closedAs = eventType
            .replace(/^workflowExecution/, '')
            .replace(/^./, (c) => c.toLowerCase());
        }
        const bytes = encodedSize(event);
        historyBytes += bytes;
        largestEventBytes = Math.max(largestEventBytes, bytes);
        findPayloads(event, '', (field, size) => {
          const site: PayloadSite = {
            bytes: size,
            run: index + 1,
            runId,
            eventId: Number(event.eventId ?? 0),
            eventType,
            field,
          };
          sites.push(site);
          if (!largestPayload || size > largestPayload.bytes) largestPayload = site;
        });
      }
      return {
        runId,
        events: events.length,
        historyBytes,
        largestEventBytes,
        largestPayload,
        closedAs,
      };
    });

    const byField = new Map<string, PayloadSite>();
    for (const site of sites) {
      const known = byField.get(site.field);
      if (!known || site.bytes > known.bytes) byField.set(site.field, site);
    }
    const largestByField = [...byField.values()].sort((a, b) => b.bytes - a.bytes);
    return {
      workflowId,
      runs,
      maxEventsPerRun: Math.max(0, ...runs.map((run) => run.events)),
      totalEvents: runs.reduce((sum, run) => sum + run.events, 0),
      largestPayload: largestByField[0] ?? null,
      largestByField,
      payloadsOver512KB: sites.filter((site) => site.bytes >= KB512).length,
      workflowTaskFailures,
    };
  } finally {
    await connection.close();
  }
}

async function readHistory(
  service: WorkflowService,
  namespace: string,
  workflowId: string,
  runId: string,
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await service.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId, runId },
      maximumPageSize: 1_000,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

/** The event's kind, from the one attributes field it has set: `activityTaskScheduled`, …. */
function attributesOf(event: HistoryEvent): string {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventAttributes') && value) return key.slice(0, -'EventAttributes'.length);
  }
  return `eventType ${String(event.eventType)}`;
}

/** The event as the server stores and sends it (the decoded message re-encoded). */
function encodedSize(event: HistoryEvent): number {
  const type = (
    event as { constructor: { encode?: (message: unknown) => { finish(): Uint8Array } } }
  ).constructor;
  return type.encode ? type.encode(event).finish().length : 0;
}

type PayloadLike = { data?: Uint8Array | null; metadata?: Record<string, Uint8Array> | null };

function payloadBytes(payload: PayloadLike): number {
  let bytes = payload.data?.length ?? 0;
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    bytes += key.length + (value?.length ?? 0);
  }
  return bytes;
}

/**
 * Calls `found` for every payload in a decoded message: a `Payloads` (an object with a
 * `payloads` list) counts once, as the sum of its payloads; a lone payload (a header field, a
 * memo entry, a search attribute) on its own. Map keys are left out of the path, so every
 * entry of one field reports under the same name.
 */
function findPayloads(value: unknown, path: string, found: (field: string, bytes: number) => void) {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    for (const item of value) findPayloads(item, path, found);
    return;
  }
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.payloads)) {
    found(
      path,
      (record.payloads as PayloadLike[]).reduce((sum, p) => sum + payloadBytes(p), 0),
    );
    return;
  }
  if (record.data instanceof Uint8Array && 'metadata' in record) {
    found(path, payloadBytes(record as PayloadLike));
    return;
  }
  for (const [key, child] of Object.entries(record)) {
    if (child === null || typeof child !== 'object') continue;
    // Maps of payloads (header fields, memo, search attributes, a marker's details).
    const isMap =
      (key === 'fields' || key === 'indexedFields' || key === 'details') &&
      !Array.isArray(child) &&
      !Array.isArray((child as Record<string, unknown>).payloads);
    if (isMap) {
      for (const entry of Object.values(child as Record<string, unknown>)) {
        findPayloads(entry, path ? `${path}.${key}` : key, found);
      }
    } else {
      findPayloads(child, path ? `${path}.${key}` : key, found);
    }
  }
}
