import type { Express } from 'express';
import request from 'supertest';

/** One operation of a service's OpenAPI document, with every status it declares. */
export type DocumentedOperation = { method: string; path: string; statuses: number[] };

/** A refusal a test asks for: `op` names the operation with Express parameters. */
export type AskedRefusal = { op: string; status: number };

/** The operations a service's own OpenAPI document lists. */
export async function documentedOperations(app: Express): Promise<DocumentedOperation[]> {
  const { body } = await request(app).get('/openapi.json').expect(200);
  return Object.entries(
    body.paths as Record<string, Record<string, { responses: object }>>,
  ).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      statuses: Object.keys(operation.responses).map(Number),
    })),
  );
}

/**
 * The answers the service frame gives for any operation, whatever its rules: a malformed request
 * (400), no token (401), a body too large or not JSON (413, 415), a dependency down (503). Every
 * operation declares them; `hostile-requests.int.test.ts` asks each operation for them.
 */
export const FRAME_STATUSES = [400, 401, 413, 415, 503];

/**
 * Compares the refusals of an API's own rules that the document declares with those the tests ask
 * for (the frame's answers aside): `unasked` are declared refusals no test exercises, `undeclared`
 * are refusals tests get that the document does not list.
 */
export function refusalCoverage(documented: DocumentedOperation[], asked: AskedRefusal[]) {
  const declared = documented.flatMap(({ method, path, statuses }) =>
    statuses
      .filter((s) => s >= 400 && !FRAME_STATUSES.includes(s))
      .map((s) => `${method} ${path} ${s}`),
  );
  const exercised = asked
    .filter(({ status }) => !FRAME_STATUSES.includes(status))
    .map(({ op, status }) => {
      const [method, path] = op.split(' ') as [string, string];
      return `${method} ${path.replace(/:(\w+)/g, '{$1}')} ${status}`;
    });
  return {
    unasked: declared.filter((refusal) => !exercised.includes(refusal)),
    undeclared: exercised.filter((refusal) => !declared.includes(refusal)),
  };
}

/** Every documented operation asked without a token, with the status each one answered. */
export async function answersWithoutToken(
  app: Express,
  documented: DocumentedOperation[],
  pathParameter: string,
) {
  const answers = [];
  for (const { method, path } of documented) {
    const concrete = path.replace(/\{[^}]+\}/g, pathParameter);
    const response = await request(app)[method.toLowerCase() as 'get'](concrete);
    answers.push({ op: `${method} ${path}`, status: response.status, type: response.type });
  }
  return answers;
}

/** The reason a problem+json body gives: its detail and each field error. */
export function problemReason(body: {
  detail?: string;
  errors?: { path: string; message: string }[];
}): string {
  return [body.detail, ...(body.errors ?? []).map((e) => `${e.path}: ${e.message}`)].join('\n');
}
