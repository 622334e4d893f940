import { z } from 'zod';
import { kafkaConnection, kafkaConnectionConfigFields } from '../src';

const settings = z.object(kafkaConnectionConfigFields);

describe('the Kafka connection settings', () => {
  it('are plain connections without a user when unset, as locally', () => {
    expect(kafkaConnection(settings.parse({}))).toEqual({});
  });

  it('reach a managed cluster over TLS as a SCRAM user', () => {
    const config = settings.parse({
      KAFKA_TLS: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'campaign-platform',
      KAFKA_SASL_PASSWORD: 'a-password',
    });
    expect(kafkaConnection(config)).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'campaign-platform', password: 'a-password' },
    });
  });

  it('refuse a SASL mechanism without its user, and an unknown mechanism', () => {
    expect(() =>
      kafkaConnection(settings.parse({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })),
    ).toThrow('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are needed');
    expect(settings.safeParse({ KAFKA_SASL_MECHANISM: 'gssapi' }).success).toBe(false);
  });
});
