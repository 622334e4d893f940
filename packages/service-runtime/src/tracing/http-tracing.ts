import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { contextOf } from './trace-context';

const tracer = trace.getTracer('@campaign/service-runtime/http');

/**
 * Starts the request's server span, a child of the caller's `traceparent` when it sent one, and
 * makes it the active span for everything the request does (the Temporal client's spans, an event
 * recorded in an outbox). Ours rather than OpenTelemetry's HTTP instrumentation: that one patches
 * Node's `http` module through a require hook that must load before anything else, which neither
 * the services started in-process by the tests (Jest's own module loader) nor a bundled build see,
 * and it would add a client span to every outgoing call. This one costs nothing with tracing off.
 *
 * The span carries the request id (`X-Request-Id`), so a request id a caller reports finds its
 * trace, and the trace's logs by the same id.
 */
export function httpTracing(): RequestHandler {
  return (req, res, next) => {
    const parent = contextOf(req.headers as Record<string, string | undefined>);
    const span = tracer.startSpan(
      req.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'url.path': req.path,
          ...(req.id === undefined ? {} : { 'http.request.id': String(req.id) }),
        },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      // The route's pattern, not its path: one span name for every campaign, no ids in names.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : undefined;
      if (route) {
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    const active = trace.setSpan(parent, span);
    // The body arrives in events of the socket, outside this call: bound to the span's context,
    // the handlers that run after the body is read still see it.
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, next);
  };
}
