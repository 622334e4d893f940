import type { NotificationKind } from '@campaign/contracts';
import { escapeHtml } from './html';

/** What a mail says: the notification's own words, and where in the app to act on it. */
export type MailContent = { subject: string; text: string; html: string };

export type MailNotification = {
  kind: NotificationKind;
  title: string;
  body: string;
  campaignId: string | null;
};

type Template = {
  /** The call to action, in the product's words. */
  action: string;
  /** Where it leads in the app, relative to the app's base URL. */
  path: (campaignId: string | null) => string;
};

const campaignPage =
  (suffix = '') =>
  (campaignId: string | null) =>
    campaignId ? `/campaigns/${encodeURIComponent(campaignId)}${suffix}` : '/inbox';

/** One template per notification kind: the compiler says when a kind has none. */
export const mailTemplates: Record<NotificationKind, Template> = {
  campaign_published: { action: 'See your campaign', path: campaignPage() },
  invitation: { action: 'Read the invitation in your Messenger', path: () => '/messenger' },
  selection_reminder: { action: 'Finalise your selection', path: campaignPage('/applicants') },
  agreement_sent: { action: 'Read and sign the agreement', path: campaignPage('/agreement') },
  agreement_reminder: { action: 'Sign the agreement', path: campaignPage('/agreement') },
  agreement_expired: { action: 'Find your next campaign', path: () => '/marketplace' },
  congratulations: { action: 'Open the collaboration', path: campaignPage('/results') },
  bummer: { action: 'Browse the marketplace', path: () => '/marketplace' },
  new_message: { action: 'Open your Messenger', path: () => '/messenger' },
  support_message: { action: 'Open the conversation', path: () => '/support' },
  newsletter: { action: 'Browse the marketplace', path: () => '/marketplace' },
};

const FOOTER =
  'You receive this mail because it concerns your account on the campaign platform. Every notification is also in your inbox:';

/** The mail for one notification: subject, plain text and HTML, with links into the app. */
export function renderMail(notification: MailNotification, appBaseUrl: string): MailContent {
  const template = mailTemplates[notification.kind];
  const base = appBaseUrl.replace(/\/+$/, '');
  const link = `${base}${template.path(notification.campaignId)}`;
  const inbox = `${base}/inbox`;
  const text = [
    'Hello,',
    '',
    notification.title,
    '',
    notification.body,
    '',
    `${template.action}: ${link}`,
    '',
    '--',
    `${FOOTER} ${inbox}`,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(notification.title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hello,</p>
<h1 style="font-size: 1.25em;">${escapeHtml(notification.title)}</h1>
<p>${escapeHtml(notification.body)}</p>
<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 0.5em 1em; background: #2b59c3; color: #fff; text-decoration: none; border-radius: 4px;">${escapeHtml(template.action)}</a></p>
<hr>
<p style="font-size: 0.85em; color: #555;">${escapeHtml(FOOTER)} <a href="${escapeHtml(inbox)}">${escapeHtml(inbox)}</a></p>
</body>
</html>
`;
  return { subject: notification.title, text, html };
}
