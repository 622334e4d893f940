import { z } from 'zod';

/**
 * The key social account tokens are sealed under, for local development only: every deployment
 * sets its own `SOCIAL_TOKEN_KEY` (32 random bytes, base64: `openssl rand -base64 32`).
 */
export const DEV_SOCIAL_TOKEN_KEY = Buffer.from('campaign-platform dev token key!').toString(
  'base64',
);

const TokenKey = z
  .string()
  .trim()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'expected 32 bytes, base64-encoded');

/** The settings of social account tokens, shared by the API and the worker. */
export const socialTokenSettings = {
  /** The key new tokens are sealed under (AES-256-GCM). */
  SOCIAL_TOKEN_KEY: z.string().default(DEV_SOCIAL_TOKEN_KEY).pipe(TokenKey),
  /** Keys tokens were sealed under before a rotation, comma-separated: they still open. */
  SOCIAL_TOKEN_PREVIOUS_KEYS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .pipe(z.array(TokenKey)),
};
