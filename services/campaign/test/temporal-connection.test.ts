import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  temporalConnection,
  temporalConnectionConfigFields,
} from '../src/temporal/temporal-connection';

const settings = z.object(temporalConnectionConfigFields);

describe('the Temporal connection settings', () => {
  it('are plain gRPC to the local Temporal when unset', () => {
    expect(temporalConnection(settings.parse({}))).toEqual({ address: '127.0.0.1:7233' });
  });

  it("take Temporal Cloud's API key, which implies TLS", () => {
    const config = settings.parse({
      TEMPORAL_ADDRESS: 'campaigns.a1b2c.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'the-key',
    });
    expect(temporalConnection(config)).toEqual({
      address: 'campaigns.a1b2c.tmprl.cloud:7233',
      tls: true,
      apiKey: 'the-key',
    });
  });

  it('present a client certificate (mTLS) and trust a private CA from mounted files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'temporal-tls-'));
    for (const file of ['tls.crt', 'tls.key', 'ca.crt']) writeFileSync(path.join(dir, file), file);
    const config = settings.parse({
      TEMPORAL_TLS: 'true',
      TEMPORAL_TLS_CERT_PATH: path.join(dir, 'tls.crt'),
      TEMPORAL_TLS_KEY_PATH: path.join(dir, 'tls.key'),
      TEMPORAL_TLS_CA_PATH: path.join(dir, 'ca.crt'),
    });
    expect(temporalConnection(config)).toEqual({
      address: '127.0.0.1:7233',
      tls: {
        serverRootCACertificate: Buffer.from('ca.crt'),
        clientCertPair: { crt: Buffer.from('tls.crt'), key: Buffer.from('tls.key') },
      },
    });
  });

  it('refuse a certificate without its key', () => {
    const config = settings.parse({ TEMPORAL_TLS_CERT_PATH: '/etc/temporal-tls/tls.crt' });
    expect(() => temporalConnection(config)).toThrow(
      'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together',
    );
  });
});
