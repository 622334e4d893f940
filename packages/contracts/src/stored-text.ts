import type { Problem } from './problem';

type FieldError = NonNullable<Problem['errors']>[number];

/*
 * Text every store can keep. Pure, so the API's edge (every request part) and the campaign
 * workflow (every action, whoever sends it: the API, the CLI or the UI) refuse the same text.
 */

/** A UTF-16 surrogate without its partner: text that has no UTF-8 form. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be stored as it is, or null when it can. */
export function textFault(text: string): string | null {
  // PostgreSQL refuses NUL in text and jsonb alike; a lone surrogate is not Unicode text at all.
  if (text.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (a lone surrogate was found)';
  return null;
}

/**
 * Every string in a parsed request part (values and keys, at any depth) that cannot be stored,
 * named by its path. Walks with an explicit stack: the depth of a body is bounded when it is
 * read, but this never relies on it.
 */
export function malformedText(value: unknown, where: string): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [where] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const fault = textFault(current);
      if (fault) errors.push({ path: path.join('.'), message: fault, code: 'invalid_text' });
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        const fault = textFault(key);
        if (fault) {
          errors.push({ path: path.join('.'), message: `a key ${fault}`, code: 'invalid_text' });
          continue;
        }
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return errors;
}
