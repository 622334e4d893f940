import {
  CROWD_CLIENTS,
  invitationHeaders,
  invitationRow,
  runInvitationPhases,
} from './invitation-phases';
import { followLive } from './live-follower';
import type { Scenario } from './scenario';

/** A notification frame not received by then counts as an error. */
const SAMPLE_TIMEOUT_MS = 15_000;

/**
 * Event to live: the invitee follows their live inbox (`GET /notifications/stream`, Server-Sent
 * Events, with their own token) before the brand invites them over HTTP; the sample ends when the
 * invitation's `notification` frame arrives. The path: campaign API → workflow update →
 * recording → relay → Kafka → notifications consumer → inbox table, whose trigger announces the
 * row (NOTIFY inbox_live) → the service's one listener → the follower's stream reads and sends it.
 */
export const eventToLive: Scenario = {
  name: 'event-to-live',
  async run(rig, settings, log) {
    log('Starting the notifications service');
    const notifications = await rig.notifications();
    const phases = await runInvitationPhases(rig, settings, log, {
      prefix: 'bench-event-to-live',
      timeoutMs: SAMPLE_TIMEOUT_MS,
      report: (phase) => invitationRow(phase).join(' | '),
      watch: async (invitee, campaignId) => {
        const follower = await followLive(notifications.url, invitee.auth);
        return {
          arrival: async () => ({
            at: await follower.waitFor(
              ({ event, data }) =>
                event === 'notification' &&
                (data as { kind?: string; campaignId?: string }).kind === 'invitation' &&
                (data as { campaignId?: string }).campaignId === campaignId,
              SAMPLE_TIMEOUT_MS,
            ),
          }),
          close: () => follower.close(),
        };
      },
    });
    return {
      scenario: 'event-to-live',
      about:
        `an invitation's HTTP answer to its notification frame on the invitee's open live inbox ` +
        `(SSE), idle and beside ${CROWD_CLIENTS} applying clients`,
      table: { headers: invitationHeaders, rows: phases.map(invitationRow) },
      results: { phases },
    };
  },
};
