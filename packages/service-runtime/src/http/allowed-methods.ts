import { Router, type Request } from 'express';
import type { RouteSpec } from './api-routes';
import { HttpProblem } from './problem';

/**
 * A path the API has, asked with a method it does not have (TRACE, PUT on a read-only resource),
 * is answered 405 with the methods it does have in `Allow`, not 404: the resource is there.
 * Mounted before authentication, since the answer does not depend on who asks.
 */
export function allowedMethods(specs: RouteSpec[]): Router {
  const router = Router();
  const allowed = new WeakMap<Request, Set<string>>();
  const byPath = new Map<string, Set<string>>();
  for (const spec of specs) {
    const methods = byPath.get(spec.path) ?? new Set<string>();
    methods.add(spec.method.toUpperCase());
    if (spec.method === 'get') methods.add('HEAD');
    byPath.set(spec.path, methods);
  }
  // Several declared paths can match one URL: the methods of all of them are allowed.
  for (const [path, methods] of byPath) {
    router.all(path, (req, _res, next) => {
      const seen = allowed.get(req) ?? new Set<string>();
      for (const method of methods) seen.add(method);
      allowed.set(req, seen);
      next();
    });
  }
  router.use((req, res, next) => {
    const methods = allowed.get(req);
    if (!methods || methods.has(req.method) || req.method === 'OPTIONS') {
      next();
      return;
    }
    const allow = [...methods].sort().join(', ');
    res.set('Allow', allow);
    next(
      new HttpProblem(
        405,
        'Method not allowed',
        `This resource does not answer ${req.method}; it answers ${allow}.`,
      ),
    );
  });
  return router;
}
