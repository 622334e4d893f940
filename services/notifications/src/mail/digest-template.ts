import { escapeHtml } from './html';
import type { MailContent } from './templates';

/** A campaign as the digest lists it. */
export type DigestCampaign = { id: string; title: string; closesAt: string | null };

/**
 * The newsletter digest's mail: the day's campaigns the influencer qualifies for, each linked to
 * its page, and the way out: the one-click unsubscribe link, in the text and (by the sender) in
 * the `List-Unsubscribe` headers.
 */
export function renderDigest(
  digest: { title: string; campaigns: DigestCampaign[] },
  appBaseUrl: string,
  unsubscribeUrl: string,
): MailContent {
  const base = appBaseUrl.replace(/\/+$/, '');
  const items = digest.campaigns.map((campaign) => ({
    title: campaign.title,
    link: `${base}/campaigns/${encodeURIComponent(campaign.id)}`,
    closes: campaign.closesAt ? `applications close ${campaign.closesAt.slice(0, 10)}` : null,
  }));
  const marketplace = `${base}/marketplace`;
  const intro = 'Campaigns published today that you qualify for:';
  const why = 'You receive this digest as an influencer on the campaign platform.';
  const text = [
    'Hello,',
    '',
    intro,
    '',
    ...items.map(
      (item) => `• ${item.title}${item.closes ? ` (${item.closes})` : ''}\n  ${item.link}`,
    ),
    '',
    `Browse the marketplace: ${marketplace}`,
    '',
    '--',
    why,
    `Unsubscribe with one click: ${unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(digest.title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">
<p>Hello,</p>
<h1 style="font-size: 1.25em;">${escapeHtml(digest.title)}</h1>
<p>${escapeHtml(intro)}</p>
<ul>
${items
  .map(
    (item) =>
      `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.title)}</a>${item.closes ? ` <span style="color: #555;">(${escapeHtml(item.closes)})</span>` : ''}</li>`,
  )
  .join('\n')}
</ul>
<p><a href="${escapeHtml(marketplace)}">Browse the marketplace</a></p>
<hr>
<p style="font-size: 0.85em; color: #555;">${escapeHtml(why)} <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>
</body>
</html>
`;
  return { subject: digest.title, text, html };
}
