import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { HttpProblem } from './problem';

/** A one-click POST carries one short field; nothing of a link route's needs more than this. */
export const LINK_BODY_LIMIT_BYTES = 4 * 1024;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Bodies of the routes reached from a link in a mail (`RouteSpec.signedLink`). RFC 8058 has a
 * mail client POST `List-Unsubscribe=One-Click` as `application/x-www-form-urlencoded` or
 * `multipart/form-data`; the link's token is the authority, so the body is read (at most
 * `LINK_BODY_LIMIT_BYTES`) but never needed. Anything else is refused by name, as the JSON routes
 * refuse what is not JSON.
 */
export function linkFormBody(): (RequestHandler | ErrorRequestHandler)[] {
  return [
    ((req, res, next) => {
      const length = Number(req.headers['content-length'] ?? 0);
      if (length > LINK_BODY_LIMIT_BYTES) {
        res.set('Connection', 'close');
        next(tooLarge());
        return;
      }
      const announced =
        req.headers['transfer-encoding'] !== undefined || Number.isNaN(length) || length > 0;
      if (announced && !req.is(FORM_TYPES)) {
        next(
          new HttpProblem(
            415,
            'Unsupported media type',
            'The request body must be a form (application/x-www-form-urlencoded or multipart/form-data).',
          ),
        );
        return;
      }
      next();
    }) satisfies RequestHandler,
    express.urlencoded({ extended: false, limit: LINK_BODY_LIMIT_BYTES, parameterLimit: 10 }),
    express.raw({ type: 'multipart/form-data', limit: LINK_BODY_LIMIT_BYTES }),
    ((req, _res, next) => {
      if (Buffer.isBuffer(req.body)) req.body = multipartFields(req.body);
      next();
    }) satisfies RequestHandler,
    ((error: unknown, _req, _res, next) => {
      // body-parser's own refusals (too large, not decodable) keep their 4xx, as problem+json.
      const status = (error as { status?: unknown }).status;
      if (error instanceof HttpProblem) next(error);
      else if (status === 413) next(tooLarge());
      else if (typeof status === 'number' && status >= 400 && status < 500) {
        next(new HttpProblem(400, 'Invalid request', 'The request body is not a readable form.'));
      } else next(error);
    }) satisfies ErrorRequestHandler,
  ];
}

function tooLarge(): HttpProblem {
  return new HttpProblem(
    413,
    'Payload too large',
    `The request body exceeds the limit of ${LINK_BODY_LIMIT_BYTES} bytes.`,
  );
}

/**
 * The text fields of a small multipart/form-data body (RFC 7578), by name: all a one-click POST
 * carries. Files and anything unreadable are left out; the route's schema judges what remains.
 */
function multipartFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  const text = body.toString('utf8');
  const part =
    /content-disposition:\s*form-data;\s*name="([^"]{1,100})"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]{0,200})\r?\n--/gi;
  for (const [, name, value] of text.matchAll(part)) fields[name!] = value!;
  return fields;
}
