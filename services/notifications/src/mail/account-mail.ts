import { SealedAccountLink, type AccountEvent } from '@campaign/contracts';
import { openLink } from '@campaign/service-runtime';
import { z } from 'zod';
import { escapeHtml } from './html';
import type { MailContent } from './templates';

/**
 * What a mail about an account says, as the outbox keeps it (`mail_outbox.account_mail`): why it
 * is sent and its links, still sealed. The address is not in it (the address book has it).
 */
export const AccountMail = z.object({
  reason: z.enum(['sign_in', 'signed_up', 'already_registered', 'ops_account', 'invited']),
  links: z.array(SealedAccountLink).min(1),
  brandName: z.string().optional(),
  invitedBy: z.string().optional(),
});
export type AccountMail = z.infer<typeof AccountMail>;

/** The mail an account event asks for. */
export function accountMailOf(event: AccountEvent): AccountMail {
  if (event.type === 'TeammateInvited') {
    const { brandName, invitedBy, link } = event.payload;
    return { reason: 'invited', links: [link], brandName, invitedBy };
  }
  return { reason: event.payload.reason, links: event.payload.links };
}

const PLATFORM = 'the campaign platform';

function wording(mail: AccountMail): { subject: string; lead: string } {
  switch (mail.reason) {
    case 'sign_in':
      return {
        subject: 'Your sign-in link',
        lead: `Here is your link to sign in to ${PLATFORM}.`,
      };
    case 'signed_up':
      return {
        subject: `Welcome to ${PLATFORM}`,
        lead: 'Your account is ready. Sign in with this link:',
      };
    case 'already_registered':
      return {
        subject: 'You already have an account',
        lead: `Someone (we hope you) tried to sign up with this address, which already has an account on ${PLATFORM}. Nothing new was created. To sign in, use:`,
      };
    case 'ops_account':
      return {
        subject: 'Your customer success account',
        lead: `A customer success account on ${PLATFORM} was opened for you. Sign in with this link:`,
      };
    case 'invited':
      return {
        subject: `${mail.invitedBy ?? 'A teammate'} invited you to ${mail.brandName ?? 'their brand'} on ${PLATFORM}`,
        lead: `${mail.invitedBy ?? 'A teammate'} invited you to join ${mail.brandName ?? 'their brand'} on ${PLATFORM}. Sign in with this link:`,
      };
  }
}

/**
 * The mail, its links opened (each under its own account's principal), or null when a link does
 * not open: sealed under another secret, or altered. Rendered only when the mail is sent, so an
 * opened link lives only in memory and in the mail itself.
 */
export function renderAccountMail(mail: AccountMail, authSecret: string): MailContent | null {
  const links = mail.links.map((link) => ({
    label: link.label,
    url: openLink(authSecret, link.principal, link.sealedLink),
  }));
  if (links.some((link) => link.url === null)) return null;
  const { subject, lead } = wording(mail);
  const expiry =
    'Each link works once, within 15 minutes. If you did not ask for it, ignore this mail.';
  const text = [
    'Hello,',
    '',
    lead,
    '',
    ...links.map((link) => `${links.length > 1 ? `${link.label}: ` : ''}${link.url}`),
    '',
    expiry,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hello,</p>
<p>${escapeHtml(lead)}</p>
${links
  .map(
    (link) =>
      `<p><a href="${escapeHtml(link.url!)}" style="display: inline-block; padding: 0.5em 1em; background: #2b59c3; color: #fff; text-decoration: none; border-radius: 4px;">Sign in${links.length > 1 ? `: ${escapeHtml(link.label)}` : ''}</a></p>`,
  )
  .join('\n')}
<p style="font-size: 0.85em; color: #555;">${escapeHtml(expiry)}</p>
</body>
</html>
`;
  return { subject, text, html };
}
