import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a process's whole configuration once, at start-up. A bad or missing value stops the
 * process with a message naming the variable, never its value (it may be a secret).
 */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** Building blocks every service's config schema shares. */
export const configFields = {
  port: z.coerce.number().int().min(0).max(65535),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  kafkaBrokers: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim())),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  authSecret: z.string().min(32, 'must be at least 32 characters'),
  /** Web apps allowed to call the API from a browser: comma-separated origins, none by default. */
  corsOrigins: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^https?:\/\/[^/\s]+$/, 'expected origins like https://app.example'),
      ),
    ),
};

/**
 * An external OpenID Connect provider whose tokens every service also accepts (see
 * `identity/external-issuer.ts`): `OIDC_ISSUER`, its issuer URL exactly as its tokens' `iss` and
 * its discovery document say; `OIDC_AUDIENCE`, the `aud` its tokens carry for the platform (the
 * platform's own audience, `campaign-platform-api`, when unset). Unset: only the platform's tokens.
 */
export const oidcConfigFields = {
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_AUDIENCE: z.string().min(1).max(500).optional(),
};

/** The external issuer a service's config names, for `buildServiceApp`'s `oidc`; none if unset. */
export function oidcSettings(config: { OIDC_ISSUER?: string; OIDC_AUDIENCE?: string }) {
  return config.OIDC_ISSUER
    ? {
        oidc: {
          issuer: config.OIDC_ISSUER,
          ...(config.OIDC_AUDIENCE ? { audience: config.OIDC_AUDIENCE } : {}),
        },
      }
    : {};
}
