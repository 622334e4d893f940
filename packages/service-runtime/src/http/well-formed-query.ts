import type { RequestHandler } from 'express';
import { HttpProblem } from './problem';

/**
 * Refuses a query string whose percent-encoding is not UTF-8 (`?niche=%FF`). Express would decode
 * it lossily into U+FFFD and the request would go on with text the client never sent; the
 * parameter is named instead. NUL and other text that cannot be stored is refused where each part
 * is validated (`validate.ts`).
 */
export const wellFormedQuery: RequestHandler = (req, _res, next) => {
  const start = req.url.indexOf('?');
  if (start === -1) {
    next();
    return;
  }
  const errors = [];
  for (const pair of req.url.slice(start + 1).split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    if (!decodes(name) || !decodes(value)) {
      const shown = decodes(name) ? decodeURIComponent(name.replace(/\+/g, ' ')) : name;
      errors.push({
        path: `query.${shown}`,
        message: 'is not valid UTF-8 percent-encoding',
        code: 'invalid_text',
      });
    }
  }
  next(
    errors.length === 0
      ? undefined
      : new HttpProblem(400, 'Invalid request', 'The query string is not valid UTF-8.', errors),
  );
};

function decodes(component: string): boolean {
  try {
    decodeURIComponent(component.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
