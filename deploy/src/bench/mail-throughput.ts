import { benchMailbox } from './bench-mailbox';
import { drainAgainstRawLoop } from './mail-drain';
import { defaultMailSettings } from './mail-settings';
import { oweBummers, setAsideOwedMails } from './owed-mails';
import type { Scenario } from './scenario';

/**
 * Mail throughput: N mails owed in the notifications service's e-mail outbox (bummers of a
 * collaboration's start, stored by the inbox store's `deliver` to influencers with an address on
 * file) drained by the service's mail sender, as configured by default, into the bench's maildev;
 * beside it the raw ceiling, a bare nodemailer loop sending the same mails with the same settings.
 */
export const mailThroughput: Scenario = {
  name: 'mail-throughput',
  async run(rig, settings, log) {
    const count = settings.mails;
    const notifications = await rig.notifications();
    const mailbox = benchMailbox(rig.mail);
    const mailSettings = defaultMailSettings();
    const setAside = await setAsideOwedMails(notifications);
    if (setAside > 0) log(`Set aside ${setAside} mails earlier scenarios left owed`);
    await mailbox.clear();

    log(`Owing ${count} mails (bummers to influencers with an address on file)`);
    const owed = await oweBummers(notifications, 'bench-mail-throughput', count);

    const { sent, raw, ratio } = await drainAgainstRawLoop({
      notifications,
      mailbox,
      smtp: { host: rig.mail.smtpHost, port: rig.mail.smtpPort },
      eventIds: owed.eventIds,
      mails: owed.mails,
      log,
    });
    return {
      scenario: 'mail-throughput',
      about:
        `${count} owed mails drained by the mail sender (defaults: ${mailSettings.concurrency} ` +
        `at a time) into maildev, against a bare nodemailer loop of the same mails`,
      table: {
        headers: [
          'mails',
          'at once',
          'mails/s',
          'wall s',
          'errors',
          'raw mails/s',
          'raw wall s',
          'raw errors',
          'ratio',
          'cpu ms/mail',
          'raw cpu ms/mail',
        ],
        rows: [
          [
            String(count),
            String(mailSettings.concurrency),
            sent.perSecond.toFixed(1),
            sent.wallS.toFixed(2),
            String(sent.errors),
            raw.perSecond.toFixed(1),
            raw.wallS.toFixed(2),
            String(raw.errors),
            ratio.toFixed(2),
            sent.cpuMsPerMail.toFixed(2),
            raw.cpuMsPerMail.toFixed(2),
          ],
        ],
      },
      results: { settings: mailSettings, sender: sent, raw, ratio },
    };
  },
};
