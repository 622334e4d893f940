import createClient, { type Middleware } from 'openapi-fetch';
import { sessionToken } from '../app/session';
import type { paths as CampaignPaths } from './generated/campaign';
import type { paths as MessagingPaths } from './generated/messaging';
import type { paths as NotificationsPaths } from './generated/notifications';

/** Every call carries the session's bearer token; mutations an idempotency key. */
const session: Middleware = {
  onRequest({ request }) {
    const token = sessionToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (request.method !== 'GET' && !request.headers.has('Idempotency-Key')) {
      request.headers.set('Idempotency-Key', crypto.randomUUID());
    }
    return request;
  },
};

/** Same origin: the web server (or the ingress) routes each prefix to its service. */
function serviceClient<Paths extends object>(prefix: string) {
  const client = createClient<Paths>({ baseUrl: `${location.origin}/api/${prefix}` });
  client.use(session);
  return client;
}

export const campaignApi = serviceClient<CampaignPaths>('campaign');
export const messagingApi = serviceClient<MessagingPaths>('messaging');
export const notificationsApi = serviceClient<NotificationsPaths>('notifications');
