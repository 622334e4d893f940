import { createHash, randomBytes } from 'node:crypto';

/** How long a sign-in link works after it was mailed. */
export const SIGN_IN_CODE_LIFETIME_MS = 15 * 60 * 1000;

/** How many mails with links one address gets in `MAIL_WINDOW_MS`; more are not sent. */
export const MAILS_PER_ADDRESS = 5;
export const MAIL_WINDOW_MS = 15 * 60 * 1000;

/** A fresh one-time code: 32 random bytes, base64url (43 characters), for the link only. */
export function newSignInCode(): string {
  return randomBytes(32).toString('base64url');
}

/** What the store keeps of a code: its SHA-256, which opens nothing. */
export function hashSignInCode(code: string): Buffer {
  return createHash('sha256').update(code, 'utf8').digest();
}

/** The web app's page that exchanges the code for a session. */
export function signInLink(webAppUrl: string, code: string): string {
  return `${webAppUrl.replace(/\/+$/, '')}/sign-in?code=${code}`;
}
