import type { Request } from 'express';
import { HttpProblem } from '../http/problem';
import { identityOf } from './authenticate';
import type { Identity, Role } from './identity';

/** The caller of a route, narrowed to the roles it is for. */
export type Caller<R extends Role> = Extract<Identity, { role: R }>;

/**
 * The caller, if their role is one the route is for; anyone else is refused with the roles that
 * may act. `ApiRoutes` asks this before a handler runs, so no handler checks roles itself.
 */
export function callerOf<R extends Role>(req: Request, roles: readonly R[]): Caller<R> {
  const identity = identityOf(req);
  if (!(roles as readonly Role[]).includes(identity.role)) {
    throw new HttpProblem(403, 'Forbidden', `This action is for the role(s): ${roles.join(', ')}.`);
  }
  return identity as Caller<R>;
}
