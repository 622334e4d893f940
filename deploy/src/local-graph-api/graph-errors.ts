import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** One of the Graph API's errors, as it answers it. */
export type GraphFailure = {
  status: number;
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  headers?: Record<string, string>;
};

/** `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`, with its status. */
export function sendGraphError(response: Response, failure: GraphFailure): void {
  for (const [name, value] of Object.entries(failure.headers ?? {}))
    response.setHeader(name, value);
  response.status(failure.status).json({
    error: {
      message: failure.message,
      type: failure.type ?? 'OAuthException',
      code: failure.code,
      ...(failure.subcode !== undefined ? { error_subcode: failure.subcode } : {}),
      fbtrace_id: `A${randomBytes(16).toString('base64url')}`,
    },
  });
}

/** The real API's errors the local one answers. */
export const graphFailures = {
  noToken: (): GraphFailure => ({
    status: 400,
    code: 2500,
    message: 'An active access token must be used to query information about the current user.',
  }),
  unknownToken: (): GraphFailure => ({
    status: 400,
    code: 190,
    message: 'Invalid OAuth access token - Cannot parse access token',
  }),
  tokenExpired: (): GraphFailure => ({
    status: 400,
    code: 190,
    subcode: 463,
    message: 'Error validating access token: Session has expired.',
  }),
  tokenRevoked: (): GraphFailure => ({
    status: 400,
    code: 190,
    subcode: 458,
    message: 'Error validating access token: The user has not authorized application.',
  }),
  invalidParameter: (what: string): GraphFailure => ({
    status: 400,
    code: 100,
    message: `(#100) ${what}`,
  }),
  noSuchObject: (id: string): GraphFailure => ({
    status: 400,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported request - method type: get. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  }),
  unknownPath: (): GraphFailure => ({
    status: 400,
    code: 2500,
    message: 'Unknown path components',
  }),
  notReady: (): GraphFailure => ({
    status: 400,
    code: 9007,
    subcode: 2207027,
    message:
      'Media ID is not available. The media is not ready for publishing, please wait for a moment.',
  }),
  mediaFailed: (subcode: number, message: string): GraphFailure => ({
    status: 400,
    code: 9004,
    subcode,
    message,
  }),
  alreadyPublished: (): GraphFailure => ({
    status: 400,
    code: 100,
    message: '(#100) The media container has already been published.',
  }),
  expiredContainer: (): GraphFailure => ({
    status: 400,
    code: 9007,
    subcode: 2207008,
    message: 'The media container has expired. Create a new one.',
  }),
};
