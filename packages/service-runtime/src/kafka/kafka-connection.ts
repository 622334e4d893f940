import type { KafkaConfig } from 'kafkajs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/**
 * How a process reaches a managed Kafka cluster (e.g. Strimzi's TLS listener with SCRAM users):
 * TLS, and a SASL user. Unset, as locally: plain connections without a user.
 */
export const kafkaConnectionConfigFields = {
  KAFKA_TLS: flag,
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** A secret: never logged. */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /**
   * Copies of each partition in the topics a process creates: 1 on the local stack's one broker,
   * 3 on a cluster (with `min.insync.replicas=2`, so one broker may be down).
   */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
};

export type KafkaConnectionConfig = z.infer<z.ZodObject<typeof kafkaConnectionConfigFields>>;

/** kafkajs's settings for that connection; a SASL mechanism without its user is refused. */
export function kafkaConnection(config: KafkaConnectionConfig): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { KAFKA_SASL_MECHANISM: mechanism } = config;
  if (!mechanism) return config.KAFKA_TLS ? { ssl: true } : {};
  if (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD) {
    throw new Error(
      'KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are needed',
    );
  }
  const sasl = {
    username: config.KAFKA_SASL_USERNAME,
    password: config.KAFKA_SASL_PASSWORD,
  };
  return {
    ssl: config.KAFKA_TLS,
    sasl: { mechanism, ...sasl } as KafkaConfig['sasl'],
  };
}
