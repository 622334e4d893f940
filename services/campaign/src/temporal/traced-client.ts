import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { Client, type Connection } from '@temporalio/client';

/**
 * The Temporal client the campaign service starts and updates workflows with. Each start, update,
 * signal or query gets a span, a child of the active one (the HTTP request's), whose context
 * travels to the workflow in the call's Temporal headers; with tracing off it adds nothing.
 */
export function tracedTemporalClient(connection: Connection, namespace?: string): Client {
  return new Client({
    connection,
    ...(namespace === undefined ? {} : { namespace }),
    interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
  });
}
