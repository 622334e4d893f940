import { z } from 'zod';
import type { InstagramGraphApiSettings } from './settings';

/** The local Graph API of the dev stack (`./deploy/run-stack`), and the app it knows. */
export const LOCAL_GRAPH_API_URL = 'http://127.0.0.1:3004';
export const LOCAL_GRAPH_CLIENT_ID = 'local-instagram-app';
export const LOCAL_GRAPH_CLIENT_SECRET = 'local-instagram-app-secret';

/**
 * Settings a service spreads into its config schema to reach Instagram. `INSTAGRAM_GRAPH_URL` is
 * the one setting that switches: unset, the real API (www/api/graph.instagram.com); set, every
 * endpoint under that base (the local Graph API). The app's credentials default to the local
 * Graph API's app, which the real API refuses: `instagramSettings` stops a service that would
 * call the real API with them.
 */
export const socialNetworkConfigFields = {
  INSTAGRAM_GRAPH_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  INSTAGRAM_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'expected a version like v23.0')
    .default('v23.0'),
  INSTAGRAM_CLIENT_ID: z.string().min(1).default(LOCAL_GRAPH_CLIENT_ID),
  INSTAGRAM_CLIENT_SECRET: z.string().min(1).default(LOCAL_GRAPH_CLIENT_SECRET),
  /** Where Instagram sends the influencer back with the code (the platform's page). */
  INSTAGRAM_REDIRECT_URI: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL')
    .default('http://127.0.0.1:3001/social-account/connected'),
  INSTAGRAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
};

export type SocialNetworkConfig = z.infer<z.ZodObject<typeof socialNetworkConfigFields>>;

/** The adapter's settings from a loaded config. */
export function instagramSettings(config: SocialNetworkConfig): InstagramGraphApiSettings {
  if (!config.INSTAGRAM_GRAPH_URL && config.INSTAGRAM_CLIENT_SECRET === LOCAL_GRAPH_CLIENT_SECRET) {
    throw new Error(
      'INSTAGRAM_GRAPH_URL is unset (the real Instagram API) but INSTAGRAM_CLIENT_ID and ' +
        "INSTAGRAM_CLIENT_SECRET are the local Graph API's: set the app's own",
    );
  }
  return {
    baseUrl: config.INSTAGRAM_GRAPH_URL,
    apiVersion: config.INSTAGRAM_API_VERSION,
    clientId: config.INSTAGRAM_CLIENT_ID,
    clientSecret: config.INSTAGRAM_CLIENT_SECRET,
    redirectUri: config.INSTAGRAM_REDIRECT_URI,
    timeoutMs: config.INSTAGRAM_TIMEOUT_MS,
  };
}
