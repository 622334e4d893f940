/**
 * What Schemathesis asserts of every response, and why each of its other checks is left out.
 * Only these are run; a check added to Schemathesis later stays off until someone decides on it.
 */
export const enabledChecks = [
  // No input, however odd, makes a service fail: a 5xx is a bug.
  'not_a_server_error',
  // Every status a service answers with is declared for that operation in its document.
  'status_code_conformance',
  // The Content-Type is one the document declares for that status.
  'content_type_conformance',
  // The body matches the schema the document declares for that status.
  'response_schema_conformance',
  // Declared response headers are present and match their schemas.
  'response_headers_conformance',
  // Input the document rules out (wrong type, out of range, unknown property) is refused with a
  // 4xx: the services validate every request against the same zod schemas the document shows.
  'negative_data_rejection',
  // Without a token, or with a broken one, every operation answers 401: all of them need one.
  'ignored_auth',
  // A method a path does not serve is answered 405, with the methods it does serve in `Allow`.
  'unsupported_method',
  'allow_header_conformance',
] as const;

/**
 * Left out, each for a reason. `positive_data_acceptance` demands a 2xx (or 401/403/404/409) for
 * every input the document allows, but schema-valid input is still refused for reasons no schema
 * can state: 400 for a cursor this API never issued, 422 for a selection over the plan's quota or
 * an agreement not yet out. The
 * stateful `use_after_free` and `ensure_resource_availability` need DELETE operations (there are
 * none), `object_level_authorization` needs pairs of users declared to Schemathesis (the refusal
 * tests cover other callers' objects), `missing_required_header` needs declared required headers
 * (there are none) and `max_response_time` is a benchmark's job, not a fuzzer's.
 */
export const excludedChecks = [
  'positive_data_acceptance',
  'use_after_free',
  'ensure_resource_availability',
  'object_level_authorization',
  'missing_required_header',
] as const;
