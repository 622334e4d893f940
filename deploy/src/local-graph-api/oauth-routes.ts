import { Router, type Response } from 'express';
import { authorizePage } from './authorize-page';
import {
  answeredByFault,
  authenticate,
  callFaults,
  param,
  type GraphContext,
} from './graph-context';
import { graphFailures, sendGraphError } from './graph-errors';
import { LONG_TOKEN_LIFETIME_MS } from './graph-state';

/**
 * Instagram Login: the consent page (www.instagram.com), the code exchange (api.instagram.com),
 * the long-lived token and its refresh (graph.instagram.com), all under the one base URL.
 */
export function oauthRoutes(context: GraphContext): Router {
  const router = Router();
  const { state } = context;

  router.get('/oauth/authorize', (request, response) => {
    const query = new URLSearchParams(request.query as Record<string, string>);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== context.app.clientId) {
      return oauthRefusal(response, 'Invalid platform app');
    }
    if (!/^https?:\/\//.test(redirectUri)) return oauthRefusal(response, 'Invalid redirect_uri');
    if (query.get('response_type') !== 'code') {
      return oauthRefusal(response, 'Invalid response_type: expected code');
    }
    const username = query.get('account');
    if (!username) {
      response.type('html').send(authorizePage([...state.accounts.values()], query));
      return;
    }
    const account = state.accountByUsername(username);
    if (!account) return oauthRefusal(response, `No test account @${username}`, 404);
    const back = new URL(redirectUri);
    back.searchParams.set('code', state.issueCode(account.userId, redirectUri));
    const stateParam = query.get('state');
    if (stateParam !== null) back.searchParams.set('state', stateParam);
    // Instagram appends `#_` to the redirect; clients strip it.
    response.redirect(302, `${back.toString()}#_`);
  });

  router.post('/oauth/access_token', (request, response) => {
    const code = state.codes.get(param(request, 'code') ?? '');
    const account = code ? state.accounts.get(code.userId) : undefined;
    if (answeredByFault(context, request, response, callFaults(request), account)) return;
    if (param(request, 'client_id') !== context.app.clientId) {
      return oauthRefusal(response, 'Invalid platform app');
    }
    if (param(request, 'client_secret') !== context.app.clientSecret) {
      return oauthRefusal(response, 'Error validating client secret.');
    }
    if (param(request, 'grant_type') !== 'authorization_code') {
      return oauthRefusal(response, 'Invalid grant_type: expected authorization_code');
    }
    if (!code || !account || code.expiresAt <= Date.now()) {
      return oauthRefusal(response, 'Invalid authorization code');
    }
    if (param(request, 'redirect_uri') !== code.redirectUri) {
      return oauthRefusal(
        response,
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      );
    }
    // A code opens one session only.
    state.codes.delete(param(request, 'code') ?? '');
    const token = state.issueToken(account.userId, 'short');
    // The real API gives user_id as a JSON number, even past 2^53: so does this one.
    response
      .type('json')
      .send(
        `{"access_token":${JSON.stringify(token)},"user_id":${account.userId},"permissions":["instagram_business_basic","instagram_business_content_publish"]}`,
      );
  });

  router.get('/access_token', (request, response) => {
    if (param(request, 'grant_type') !== 'ig_exchange_token') {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('grant_type must be ig_exchange_token'),
      );
    }
    if (param(request, 'client_secret') !== context.app.clientSecret) {
      return sendGraphError(response, {
        status: 400,
        code: 101,
        message: 'Error validating client secret.',
      });
    }
    const caller = authenticate(context, request, response);
    if (!caller) return;
    if (caller.token.lifetime !== 'short') {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('access_token must be a short-lived token'),
      );
    }
    sendLongLived(response, state.issueToken(caller.account.userId, 'long'));
  });

  router.get('/refresh_access_token', (request, response) => {
    if (param(request, 'grant_type') !== 'ig_refresh_token') {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('grant_type must be ig_refresh_token'),
      );
    }
    const caller = authenticate(context, request, response);
    if (!caller) return;
    if (caller.token.lifetime !== 'long') {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('access_token must be a long-lived token'),
      );
    }
    sendLongLived(response, state.issueToken(caller.account.userId, 'long'));
  });

  return router;
}

function sendLongLived(response: Response, token: string): void {
  response.json({
    access_token: token,
    token_type: 'bearer',
    expires_in: Math.floor(LONG_TOKEN_LIFETIME_MS / 1000),
  });
}

/** api.instagram.com's own error shape: `{"error_type","code","error_message"}`. */
function oauthRefusal(response: Response, message: string, status = 400): void {
  response
    .status(status)
    .json({ error_type: 'OAuthException', code: status, error_message: message });
}
