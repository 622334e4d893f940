import type { Role } from './role';
/**
 * The signed-in person: the bearer token, kept in sessionStorage so it lives as long as the tab
 * (a closed tab signs out) and is never sent to a page of another origin.
 */
const TOKEN_KEY = 'campaign.token';

export type { Role } from './role';
export type SessionIdentity = { role: Role; userId: string; brandId?: string };

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * Who the token says I am, for choosing pages only: the services verify it on every call. An
 * expired or unreadable token counts as signed out.
 */
export function currentIdentity(): SessionIdentity | null {
  const token = sessionToken();
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as {
      sub?: string;
      role?: Role;
      brandId?: string;
      exp?: number;
    };
    if (!claims.sub || !claims.role) return null;
    if (claims.exp && claims.exp * 1000 < Date.now()) return null;
    return {
      role: claims.role,
      userId: claims.sub,
      ...(claims.brandId ? { brandId: claims.brandId } : {}),
    };
  } catch {
    return null;
  }
}

const DESTINATION_KEY = 'campaign.destination';

/** Where a signed-out visitor was going: the page to open once they have signed in. */
export function rememberDestination(path: string): void {
  sessionStorage.setItem(DESTINATION_KEY, path);
}

/** The remembered destination, once (only a path of this app, never another origin). */
export function takeDestination(): string | null {
  const path = sessionStorage.getItem(DESTINATION_KEY);
  sessionStorage.removeItem(DESTINATION_KEY);
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null;
}
