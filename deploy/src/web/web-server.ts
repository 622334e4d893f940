import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { repoRoot } from '../paths';
import { type WebService } from './service-documents';

export const webAppDir = path.join(repoRoot, 'apps/web');
export const webAppDist = path.join(webAppDir, 'dist');

/** `vite build`: the production app, static files in apps/web/dist. */
export async function buildWebApp(): Promise<void> {
  // The app's own vite (its devDependency), by its install path: vite exports no bin entry.
  const vite = path.join(webAppDir, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: webAppDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`vite build failed (exit ${code})`);
}

/**
 * Passes a request on to a service as it came (method, headers, body streamed), and its answer
 * back as it comes: Server-Sent Events flow through unbuffered.
 */
function proxyTo(target: URL): express.RequestHandler {
  return (req, res) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res
          .status(502)
          .type('application/problem+json')
          .json({ type: 'about:blank', title: 'The service is not reachable', status: 502 });
      } else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };
}

/**
 * The web app as people reach it: the built static files, and `/api/<service>/…` passed on to
 * each service with the prefix taken off — one origin, as the production ingress routes it.
 * Any other path is a page of the app (the app's router reads it).
 */
export function webServer(services: Record<WebService, string>) {
  if (!existsSync(path.join(webAppDist, 'index.html'))) {
    throw new Error('the web app is not built: run `pnpm --filter ./apps/web build`');
  }
  const app = express();
  app.disable('x-powered-by');
  for (const [name, url] of Object.entries(services)) {
    app.use(`/api/${name}`, proxyTo(new URL(url)));
  }
  // A digest's unsubscribe page on the app's own origin: its button posts back to this same path.
  app.all('/newsletter/unsubscribe', proxyTo(new URL(services.notifications)));
  // Hashed file names never change content: cached for a year; index.html always revalidated.
  app.use(
    '/assets',
    express.static(path.join(webAppDist, 'assets'), { immutable: true, maxAge: '365d' }),
  );
  app.use(express.static(webAppDist, { index: false }));
  app.get('/{*page}', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webAppDist, 'index.html'));
  });
  return app;
}

/** Starts the web server on a port (0: any free one); resolves with its URL and a stop. */
export async function startWebServer(services: Record<WebService, string>, port: number) {
  const server = webServer(services).listen(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
