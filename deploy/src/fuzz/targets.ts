import { issueToken } from '@campaign/service-runtime';
import type { FuzzRun } from './config';
import { fuzzCallers, type FuzzCaller, type KnownIds } from './fuzz-data';

export type FuzzedService = keyof KnownIds;

/**
 * Every service's document fuzzed as every role: what a role may not do must be refused as
 * documented, and what it may do gets past the role check to the handlers.
 */
export const fuzzTargets = (['campaign', 'messaging', 'notifications'] as const).flatMap(
  (service) =>
    (Object.keys(fuzzCallers) as FuzzCaller[]).map((caller) => ({
      service,
      caller,
      name: `${service} as ${caller}`,
    })),
);

export type FuzzTarget = (typeof fuzzTargets)[number];

/** The run for one target, on services at these base URLs holding the seeded records. */
export async function fuzzRun(
  target: FuzzTarget,
  serviceUrls: Record<FuzzedService, string>,
  known: KnownIds,
  authSecret: string,
): Promise<FuzzRun> {
  return {
    name: target.name,
    schemaUrl: `${serviceUrls[target.service]}/openapi.json`,
    token: await issueToken(fuzzCallers[target.caller], authSecret),
    knownIds: known[target.service],
  };
}
