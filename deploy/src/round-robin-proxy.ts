import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RoundRobinProxy = {
  url: string;
  /** Requests each replica answered, by its address. */
  answered: () => Record<string, number>;
  /** Requests a replica refused to connect for, sent on to the next one instead. */
  skipped: () => Record<string, number>;
  stop: () => Promise<void>;
};

/**
 * A service's one address in front of its replicas, as a load balancer is at scale: each request
 * goes to the next replica in turn, and one that refuses the connection (stopped or crashed, so
 * it never saw the request) is skipped for the next. A replica that dies while answering leaves
 * its request unanswered (502): the client repeats it with its Idempotency-Key, as over any
 * network. The body is read before sending, so a skipped request can be sent again whole.
 */
export async function startRoundRobinProxy(replicas: string[], port = 0): Promise<RoundRobinProxy> {
  const answered = Object.fromEntries(replicas.map((url) => [url, 0]));
  const skipped = Object.fromEntries(replicas.map((url) => [url, 0]));
  let next = 0;

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const first = next++ % replicas.length;
      const attempt = (tries: number) => {
        const target = replicas[(first + tries) % replicas.length]!;
        const upstream = http.request(
          new URL(request.url ?? '/', target),
          // A fresh connection each time: a pooled one to a replica that died fails unclearly.
          { method: request.method, headers: request.headers, agent: false },
          (reply) => {
            answered[target]! += 1;
            response.writeHead(reply.statusCode ?? 502, reply.headers);
            reply.pipe(response);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && tries + 1 < replicas.length) {
            skipped[target]! += 1;
            attempt(tries + 1);
          } else if (!response.headersSent) {
            response.writeHead(502, { 'content-type': 'application/problem+json' });
            response.end(JSON.stringify({ title: 'No replica answered', status: 502 }));
          } else {
            response.destroy();
          }
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${listening}`,
    answered: () => ({ ...answered }),
    skipped: () => ({ ...skipped }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
