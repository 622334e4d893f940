import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_GRAPH_CLIENT_ID, LOCAL_GRAPH_CLIENT_SECRET } from '@campaign/social-network';
import { createLocalGraphApp } from '../local-graph-api/app';
import type { GraphState } from '../local-graph-api/graph-state';

export type LocalGraphApi = {
  /** The one base URL of every endpoint: `INSTAGRAM_GRAPH_URL` of the services. */
  url: string;
  port: number;
  /** The consent page an influencer is sent to (with the platform's query). */
  authorizeUrl: string;
  /** Seeds, switches and the record of what was published (never part of the real API). */
  controlUrl: string;
  stop: () => Promise<void>;
};

export type LocalGraphApiStart = {
  port: number;
  host?: string;
  /** How long a story container is IN_PROGRESS before FINISHED; short in tests. */
  processingDelayMs?: number;
  /** Demo accounts for the dev stack (the tests create their own). */
  seed?: (state: GraphState) => void;
};

/**
 * The local Graph API (see `local-graph-api/`), served in this process: its state is memory, so it
 * starts empty (or seeded) and needs no data folder. The app it knows is the services' default
 * (`LOCAL_GRAPH_CLIENT_ID` / `LOCAL_GRAPH_CLIENT_SECRET`).
 */
export async function startLocalGraphApi(options: LocalGraphApiStart): Promise<LocalGraphApi> {
  const { app, context } = createLocalGraphApp({
    clientId: LOCAL_GRAPH_CLIENT_ID,
    clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
    processingDelayMs: options.processingDelayMs ?? 1_000,
  });
  options.seed?.(context.state);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
    listening.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    authorizeUrl: `${url}/oauth/authorize`,
    controlUrl: `${url}/_control`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
