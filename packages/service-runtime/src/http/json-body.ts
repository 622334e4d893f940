import express, { type Request, type RequestHandler } from 'express';
import { HttpProblem } from './problem';

/** The largest request body any service reads: 1 MiB, after any Content-Encoding is undone. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Deeper JSON than this is no request of ours; refused before it is parsed or walked. */
export const MAX_JSON_DEPTH = 32;

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Reads request bodies: JSON only, UTF-8 only, at most `limitBytes` (413 before a byte more is
 * read, with or without a Content-Length, with or without a token), at most `MAX_JSON_DEPTH`
 * levels deep. Anything else is refused with a 4xx that names the reason; a body that is not
 * JSON is never silently ignored.
 */
export function jsonBody(limitBytes = BODY_LIMIT_BYTES): RequestHandler[] {
  return [
    refuseAnnouncedOversize(limitBytes),
    requireJsonContent,
    express.json({ limit: limitBytes, type: JSON_TYPES, verify: verifyJsonBytes }),
  ];
}

/**
 * A body announced larger than the limit is refused before a byte of it is read, and the
 * connection is closed after the answer so the rest is never taken in either.
 */
function refuseAnnouncedOversize(limitBytes: number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (!(length > limitBytes)) {
      next();
      return;
    }
    res.set('Connection', 'close');
    next(
      new HttpProblem(
        413,
        'Payload too large',
        `The request body exceeds the limit of ${limitBytes} bytes.`,
      ),
    );
  };
}

const requireJsonContent: RequestHandler = (req, _res, next) => {
  if (!carriesBody(req)) {
    next();
    return;
  }
  if (!req.is(JSON_TYPES)) {
    next(
      new HttpProblem(
        415,
        'Unsupported media type',
        'The request body must be JSON, sent with Content-Type: application/json.',
      ),
    );
    return;
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('content-type') ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    next(
      new HttpProblem(
        415,
        'Unsupported media type',
        'The request body must be encoded as UTF-8 (charset=utf-8, or no charset).',
      ),
    );
    return;
  }
  next();
};

/** A body is on its way when its length is announced as more than zero, or it comes chunked. */
function carriesBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  // An unreadable length is no promise of an empty body: it counts as one.
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Runs on the raw bytes, before JSON.parse: a refusal here stops the request at 400. */
function verifyJsonBytes(_req: unknown, _res: unknown, bytes: Buffer): void {
  try {
    utf8.decode(bytes);
  } catch {
    throw new HttpProblem(400, 'Invalid request', 'The request body is not valid UTF-8.');
  }
  if (jsonDepth(bytes) > MAX_JSON_DEPTH) {
    throw new HttpProblem(
      400,
      'Invalid request',
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
    );
  }
}

/** The deepest nesting of arrays and objects in JSON text, brackets inside strings aside. */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x5d || byte === 0x7d) depth -= 1;
  }
  return deepest;
}
