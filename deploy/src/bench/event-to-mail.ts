import { influencerKey } from '@campaign/service-runtime';
import { benchMailbox } from './bench-mailbox';
import {
  CROWD_CLIENTS,
  invitationHeaders,
  invitationRow,
  runInvitationPhases,
} from './invitation-phases';
import { addressOf, rememberAddresses, setAsideOwedMails } from './owed-mails';
import type { Scenario } from './scenario';

/** Between two looks into maildev: only how soon the bench notices, not what it measures. */
const LOOK_INTERVAL_MS = 20;
/** A mail not received by then counts as an error. */
const SAMPLE_TIMEOUT_MS = 15_000;

/**
 * Event to mail: the brand invites an influencer (with an address on file) over HTTP, and the
 * bench times the invitation's mail into maildev. The path: campaign API → workflow update →
 * recording (read model and outbox in one transaction) → relay → Kafka → notifications consumer →
 * inbox and mail outbox in one transaction → the mail sender, woken by the delivery → SMTP.
 * Maildev's own moment of receipt ends each sample, not the bench's look that found it.
 */
export const eventToMail: Scenario = {
  name: 'event-to-mail',
  async run(rig, settings, log) {
    log('Starting the notifications service and its mail sender');
    const notifications = await rig.notifications();
    const mailbox = benchMailbox(rig.mail);
    const setAside = await setAsideOwedMails(notifications);
    if (setAside > 0) log(`Set aside ${setAside} mails earlier scenarios left owed`);
    const sender = notifications.startMail();
    try {
      const phases = await runInvitationPhases(rig, settings, log, {
        prefix: 'bench-event-to-mail',
        prepare: (ids) => rememberAddresses(notifications, ids),
        beforePhase: () => mailbox.clear(),
        timeoutMs: SAMPLE_TIMEOUT_MS,
        report: (phase) => invitationRow(phase).join(' | '),
        watch: async (invitee) => ({
          arrival: async () => {
            for (;;) {
              const [mail] = await mailbox.to(addressOf(invitee.id));
              if (mail) return { at: await mailbox.receivedAt(mail) };
              await new Promise((resolve) => setTimeout(resolve, LOOK_INTERVAL_MS));
            }
          },
          close: () => {},
        }),
      });
      const ofInvitees = { recipientId: { startsWith: influencerKey('bench-event-to-mail') } };
      const owed = await notifications.db.mailOutbox.count({ where: ofInvitees });
      const sent = await notifications.db.mailOutbox.count({
        where: { ...ofInvitees, sentAt: { not: null }, skipped: null, attempts: 1 },
      });
      return {
        scenario: 'event-to-mail',
        about:
          `an invitation's HTTP answer to its mail received by maildev (the mail sender with its ` +
          `defaults), idle and beside ${CROWD_CLIENTS} applying clients`,
        table: { headers: invitationHeaders, rows: phases.map(invitationRow) },
        notes: [`Mails to the invitees sent at the first attempt: ${sent} of ${owed} owed`],
        results: { settings: sender.settings, phases },
      };
    } finally {
      await sender.stop();
    }
  },
};
