import express, { type NextFunction, type Request, type Response } from 'express';
import { controlRoutes } from './control-routes';
import { Faults } from './faults';
import type { GraphContext } from './graph-context';
import { graphFailures, sendGraphError } from './graph-errors';
import { graphRoutes } from './graph-routes';
import { GraphState } from './graph-state';
import { oauthRoutes } from './oauth-routes';

export type LocalGraphApiOptions = {
  /** The one app it knows (the platform's): its client id and secret. */
  clientId: string;
  clientSecret: string;
  /** How long a story container stays IN_PROGRESS before FINISHED (or ERROR). */
  processingDelayMs: number;
};

/**
 * The local Graph API as an Express app: Instagram Login, the Graph API and `/_control`, all under
 * one base URL. Its memory lives as long as the app.
 */
export function createLocalGraphApp(options: LocalGraphApiOptions): {
  app: express.Express;
  context: GraphContext;
} {
  const context: GraphContext = {
    state: new GraphState(options.processingDelayMs),
    faults: new Faults(),
    app: { clientId: options.clientId, clientSecret: options.clientSecret },
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(express.json({ limit: '256kb' }));
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.use('/_control', controlRoutes(context));
  app.use(oauthRoutes(context));
  app.use('/:version', graphRoutes(context));
  app.use((_request: Request, response: Response) => {
    sendGraphError(response, graphFailures.unknownPath());
  });
  // A body it cannot parse is the caller's mistake, answered as the Graph API would.
  app.use((error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      return sendGraphError(
        response,
        graphFailures.invalidParameter('the request body could not be read'),
      );
    }
    sendGraphError(response, { status: 500, code: 1, message: 'An unknown error has occurred.' });
  });
  return { app, context };
}
