import { waitForNotification } from './inbox-reader';
import {
  CROWD_CLIENTS,
  invitationHeaders,
  invitationRow,
  runInvitationPhases,
  type InvitationPhase,
} from './invitation-phases';
import type { Scenario } from './scenario';

/** Between two reads of the inbox: short, so the reader adds little to what it measures. */
const READ_INTERVAL_MS = 5;
/** A notification not readable by then counts as an error. */
const SAMPLE_TIMEOUT_MS = 15_000;

/**
 * Event to inbox: the brand invites an influencer over HTTP, and the bench reads that influencer's
 * inbox over the notifications API until the invitation shows. The path: campaign API → workflow
 * update → activity (read model and outbox in one transaction) → relay → Kafka → notifications
 * consumer → inbox table → inbox API. Once idle, once beside an applicant crowd on another campaign.
 */
export const eventToInbox: Scenario = {
  name: 'event-to-inbox',
  async run(rig, settings, log) {
    log('Starting the notifications service');
    const notifications = await rig.notifications();
    const phases = await runInvitationPhases(rig, settings, log, {
      prefix: 'bench-event-to-inbox',
      timeoutMs: SAMPLE_TIMEOUT_MS,
      report: (phase) => row(phase).join(' | '),
      watch: async (invitee, campaignId) => ({
        arrival: async (answeredAt) => {
          const arrival = await waitForNotification(
            notifications,
            invitee.auth,
            { kind: 'invitation', campaignId },
            { intervalMs: READ_INTERVAL_MS, timeoutMs: SAMPLE_TIMEOUT_MS },
          );
          return {
            at: arrival.readAt,
            figures: { storedMs: arrival.storedAt - answeredAt, reads: arrival.reads },
          };
        },
        close: () => {},
      }),
    });
    return {
      scenario: 'event-to-inbox',
      about:
        `an invitation's HTTP answer to its notification readable in the influencer's inbox ` +
        `(read every ${READ_INTERVAL_MS} ms), idle and beside ${CROWD_CLIENTS} applying clients`,
      table: { headers, rows: phases.map(row) },
      results: { readIntervalMs: READ_INTERVAL_MS, phases },
    };
  },
};

/** The shared table, with what only reading the inbox has: when the row was stored, and reads. */
const headers = [
  ...invitationHeaders.slice(0, 7),
  'stored p99 ms',
  'reads/sample',
  ...invitationHeaders.slice(7),
];

const row = (phase: InvitationPhase) => {
  const cells = invitationRow(phase);
  return [
    ...cells.slice(0, 7),
    phase.figures.storedMs?.p99.toFixed(0) ?? '-',
    phase.figures.reads?.mean.toFixed(1) ?? '-',
    ...cells.slice(7),
  ];
};
