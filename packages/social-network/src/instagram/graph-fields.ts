import { SocialNetworkError } from '../social-network-error';

/** Reading the network's answers: a missing or mistyped field is the network's fault. */
export function stringField(body: Record<string, unknown>, field: string, what: string): string {
  const value = body[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new SocialNetworkError('unavailable', `Instagram's answer to ${what} has no ${field}`);
}

export function numberField(body: Record<string, unknown>, field: string, fallback = 0): number {
  const value = body[field];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && Number.isFinite(Number(value))) return Number(value);
  return fallback;
}

export function listField(body: Record<string, unknown>, field: string): Record<string, unknown>[] {
  const value = body[field];
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => !!item && typeof item === 'object')
    : [];
}
