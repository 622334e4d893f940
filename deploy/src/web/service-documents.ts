import type { AddressInfo } from 'node:net';
import { buildCampaignApp } from '@campaign/campaign-service';
import { buildMessagingApp } from '@campaign/messaging-service';
import { buildNotificationsApp } from '@campaign/notifications-service';
import { createLogger } from '@campaign/service-runtime';
import type { Express } from 'express';

/** The three services the web app calls, by the path prefix it calls them under (`/api/<name>/`). */
export const webServices = ['campaign', 'messaging', 'notifications'] as const;
export type WebService = (typeof webServices)[number];

// The apps are built with dependencies that are never called: only their routes are read.
const unused = new Proxy({}, { get: () => () => Promise.reject(new Error('not used here')) });
const common = {
  logger: createLogger('openapi-documents', 'silent'),
  authSecret: 'x'.repeat(32),
  readiness: [],
};

function buildApp(service: WebService): Express {
  switch (service) {
    case 'campaign':
      return buildCampaignApp({
        ...common,
        store: unused as never,
        boards: unused as never,
        network: unused as never,
        collaborations: unused as never,
        db: unused as never,
        lifecycle: unused as never,
        idempotencyStore: unused as never,
        social: unused as never,
        accounts: unused as never,
        clientLimit: unused as never,
      });
    case 'messaging':
      return buildMessagingApp({
        ...common,
        conversations: unused as never,
        groups: unused as never,
        support: unused as never,
        liveConversations: unused as never,
        idempotencyStore: unused as never,
      });
    case 'notifications':
      return buildNotificationsApp({
        ...common,
        inbox: unused as never,
        newsletter: unused as never,
        preferences: unused as never,
        idempotencyStore: unused as never,
      });
  }
}

/**
 * Each service's OpenAPI document exactly as it serves it at `/openapi.json`, read from its app
 * builder in-process: no engine, no running stack.
 */
export async function serviceDocuments(): Promise<Record<WebService, object>> {
  const documents = {} as Record<WebService, object>;
  for (const service of webServices) {
    const server = buildApp(service).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/openapi.json`);
      if (!response.ok) throw new Error(`${service}: /openapi.json answered ${response.status}`);
      documents[service] = (await response.json()) as object;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
  return documents;
}
