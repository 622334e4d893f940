import { readFileSync } from 'node:fs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/**
 * How the API and the worker reach a Temporal cluster beyond the local one: TLS (with a client
 * certificate for mTLS, as a self-hosted cluster or Temporal Cloud's mTLS namespaces ask), or an API
 * key (Temporal Cloud's API-key namespaces; it implies TLS). Unset, as locally: plain gRPC.
 */
export const temporalConnectionConfigFields = {
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TLS: flag,
  /** Files (mounted from a secret): the client certificate and key for mTLS, a private CA. */
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  /** Temporal Cloud's API key. A secret: never logged. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
};

export type TemporalConnectionConfig = z.infer<z.ZodObject<typeof temporalConnectionConfigFields>>;

type TlsConfig = {
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
};

/** The options both Temporal connections (the client's and the worker's native one) take. */
export function temporalConnection(config: TemporalConnectionConfig): {
  address: string;
  tls?: TlsConfig | boolean;
  apiKey?: string;
} {
  const tls: TlsConfig = {};
  if (config.TEMPORAL_TLS_CA_PATH) {
    tls.serverRootCACertificate = readFileSync(config.TEMPORAL_TLS_CA_PATH);
  }
  if (config.TEMPORAL_TLS_CERT_PATH || config.TEMPORAL_TLS_KEY_PATH) {
    if (!config.TEMPORAL_TLS_CERT_PATH || !config.TEMPORAL_TLS_KEY_PATH) {
      throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together');
    }
    tls.clientCertPair = {
      crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH),
      key: readFileSync(config.TEMPORAL_TLS_KEY_PATH),
    };
  }
  const useTls =
    config.TEMPORAL_TLS || Boolean(config.TEMPORAL_API_KEY) || Object.keys(tls).length > 0;
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(useTls ? { tls: Object.keys(tls).length > 0 ? tls : true } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}
