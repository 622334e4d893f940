import type { z } from 'zod';
import { reasonText } from './failure-reason';

export type KnownEvent = { id: string; type: string };

export type DecodedEvent<Event> = { event: Event } | { notAnEvent: string };

/**
 * Reads a record's value as one of the events the schema knows, or says why it is none: no value,
 * no JSON, or an event this consumer does not know (a new type, a newer version). The reason names
 * the type, version and failing fields, never their values.
 */
export function decodeEvent<Schema extends z.ZodType<KnownEvent>>(
  schema: Schema,
  value: Buffer | null,
): DecodedEvent<z.infer<Schema>> {
  if (value === null || value.length === 0) return { notAnEvent: 'no value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    return { notAnEvent: 'not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { event: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
    .join('; ');
  return { notAnEvent: reasonText(`not a known event${describe(json)}: ${issues}`) };
}

/** " InfluencerInvited v2", from whatever of the envelope's type and version is there. */
function describe(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const { type, version } = json as { type?: unknown; version?: unknown };
  const name = typeof type === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(type) ? ` ${type}` : '';
  const v = typeof version === 'number' && Number.isInteger(version) ? ` v${version}` : '';
  return `${name}${v}`;
}
