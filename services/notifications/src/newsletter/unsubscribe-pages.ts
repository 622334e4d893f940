import { escapeHtml } from '../mail/html';

/**
 * The pages a person sees after following a digest's unsubscribe link in a browser. Following the
 * link (GET) changes nothing: link scanners open links too (RFC 8058); the button POSTs, as a
 * mail client's one-click does.
 */
export function confirmPage(actionUrl: string): string {
  return page(
    'Unsubscribe from the newsletter?',
    `<p>You will no longer receive the end-of-day digest of new campaigns.</p>
<form method="post" action="${escapeHtml(actionUrl)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
  );
}

export function unsubscribedPage(): string {
  return page(
    'You are unsubscribed',
    '<p>You will receive no more newsletters. Everything else still reaches your inbox, and you can subscribe again in your notification settings.</p>',
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 36em; margin: 2em auto; padding: 0 1em;">
<main><h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}
