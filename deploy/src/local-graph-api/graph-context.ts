import type { Request, Response } from 'express';
import { faultFailure, type ArmFault, type Faults } from './faults';
import { graphFailures, sendGraphError } from './graph-errors';
import type { Account, GraphState, Token } from './graph-state';

/** What every route of the local Graph API shares: its memory, its armed faults, its one app. */
export type GraphContext = {
  state: GraphState;
  faults: Faults;
  app: { clientId: string; clientSecret: string };
};

/** A request parameter from the query, else the form or JSON body (the API takes either). */
export function param(request: Request, name: string): string | undefined {
  const fromQuery = request.query[name];
  if (typeof fromQuery === 'string') return fromQuery;
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body?.[name];
  if (typeof fromBody === 'string') return fromBody;
  if (typeof fromBody === 'number') return String(fromBody);
  return undefined;
}

export function accessToken(request: Request): string | undefined {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return param(request, 'access_token') ?? bearer;
}

/**
 * Answers an armed fault for this call, if one matches (the account named by its token, its code or
 * the id in its path). True when it answered.
 */
export function answeredByFault(
  context: GraphContext,
  request: Request,
  response: Response,
  kinds: readonly ArmFault['fault'][],
  account: Account | undefined,
): boolean {
  const fault = context.faults.take(kinds, { path: request.path, username: account?.username });
  if (!fault) return false;
  sendGraphError(response, faultFailure(fault));
  return true;
}

/** The account whose token this is, after the checks the real API makes; else it answered. */
export function authenticate(
  context: GraphContext,
  request: Request,
  response: Response,
): { token: Token; account: Account } | undefined {
  const value = accessToken(request);
  if (!value) {
    sendGraphError(response, graphFailures.noToken());
    return undefined;
  }
  const token = context.state.tokens.get(value);
  const account = token ? context.state.accounts.get(token.userId) : undefined;
  if (!token || !account) {
    sendGraphError(response, graphFailures.unknownToken());
    return undefined;
  }
  if (answeredByFault(context, request, response, callFaults(request), account)) return undefined;
  if (token.invalidated === 'revoked') {
    sendGraphError(response, graphFailures.tokenRevoked());
    return undefined;
  }
  if (token.invalidated === 'expired' || token.expiresAt <= Date.now()) {
    sendGraphError(response, graphFailures.tokenExpired());
    return undefined;
  }
  return { token, account };
}

/** The faults a call can meet: any call its rate limits and token errors; publishing its limit. */
export function callFaults(request: Request): ArmFault['fault'][] {
  const kinds: ArmFault['fault'][] = [
    'rate_limited',
    'token_expired',
    'token_revoked',
    'unavailable',
  ];
  if (request.path.endsWith('/media_publish')) kinds.push('publishing_limit');
  return kinds;
}
