/** RFC 9457 problem details as the services answer a refusal (see packages/contracts/problem). */
export type Problem = {
  title?: string;
  detail?: string;
  status?: number;
  errors?: { path: string; message: string }[];
};

/** The sentence to show a person: the rule's own text, then what is wrong field by field. */
export function problemText(problem: unknown, fallback = 'Something went wrong; try again.') {
  if (!problem || typeof problem !== 'object') return fallback;
  const { title, detail, errors } = problem as Problem;
  const fields = (errors ?? []).map((error) => `${error.path}: ${error.message}`);
  const text = [detail ?? title, ...fields].filter(Boolean).join(' ');
  return text || fallback;
}
