import { z } from 'zod';
import { ConfigError, configFields, loadConfig } from '../src';

const Schema = z.object({
  PORT: configFields.port.default(3000),
  DATABASE_URL: configFields.databaseUrl,
  AUTH_SECRET: configFields.authSecret,
  KAFKA_BROKERS: configFields.kafkaBrokers,
});

describe('loadConfig', () => {
  it('reads the web apps allowed to call from a browser, none unless configured', () => {
    const Cors = z.object({ CORS_ORIGINS: configFields.corsOrigins });
    expect(loadConfig(Cors, {})).toEqual({ CORS_ORIGINS: [] });
    expect(
      loadConfig(Cors, { CORS_ORIGINS: 'https://app.example, http://localhost:5173' }),
    ).toEqual({ CORS_ORIGINS: ['https://app.example', 'http://localhost:5173'] });
    expect(() => loadConfig(Cors, { CORS_ORIGINS: 'app.example/path' })).toThrow(ConfigError);
  });

  it('reads and coerces the environment once', () => {
    const config = loadConfig(Schema, {
      DATABASE_URL: 'postgresql://db/campaign',
      AUTH_SECRET: 'x'.repeat(32),
      KAFKA_BROKERS: 'a:9092, b:9092',
    });
    expect(config).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgresql://db/campaign',
      AUTH_SECRET: 'x'.repeat(32),
      KAFKA_BROKERS: ['a:9092', 'b:9092'],
    });
  });

  it('stops start-up naming each bad or missing variable, never echoing a value', () => {
    const secret = 'short-secret-value';
    let error: unknown;
    try {
      loadConfig(Schema, { PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_SECRET: secret });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'AUTH_SECRET', 'KAFKA_BROKERS']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain(secret);
  });
});
