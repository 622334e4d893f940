import type { Account } from './graph-state';

/**
 * The local stand-in for Instagram's consent screen: one button per test account; choosing one
 * sends the browser back to the platform with a code, as Instagram does after "Allow".
 */
export function authorizePage(accounts: readonly Account[], query: URLSearchParams): string {
  const choices = accounts.map((account) => {
    const chosen = new URLSearchParams(query);
    chosen.set('account', account.username);
    return `<li><a class="button" href="/oauth/authorize?${escapeHtml(chosen.toString())}">Allow as @${escapeHtml(account.username)}</a> ${account.followers.toLocaleString('en')} followers</li>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Local Instagram: allow access</title>
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto}li{margin:.8em 0}
.button{background:#0095f6;color:#fff;padding:.4em 1em;border-radius:.4em;text-decoration:none}</style>
</head><body>
<h1>Local Instagram</h1>
<p>The platform asks to read your profile and insights and to publish content
(<code>${escapeHtml(query.get('scope') ?? '')}</code>). Choose the test account to connect:</p>
${choices.length > 0 ? `<ul>${choices.join('\n')}</ul>` : '<p>No test accounts yet: create one with <code>POST /_control/accounts</code>.</p>'}
</body></html>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
