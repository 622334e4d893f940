import { z } from 'zod';

/**
 * Every event on Kafka travels in this envelope. `id` is the idempotency key consumers dedupe on;
 * `subject` is the aggregate the event is about and the Kafka message key, so one campaign's
 * events stay ordered within a partition.
 */
export function eventEnvelope<
  const Type extends string,
  const Version extends number,
  Payload extends z.ZodType,
>(type: Type, version: Version, payload: Payload) {
  return z.object({
    id: z.uuid(),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime(),
    subject: z.string().min(1),
    payload,
  });
}
