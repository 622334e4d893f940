/** Query and form fields that carry secrets: never in an error message or a log line. */
const secretFields = ['access_token', 'client_secret', 'code', 'input_token'];

/** The URL with its secret query values replaced, fit for a log line or an error message. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const field of secretFields) {
      if (parsed.searchParams.has(field)) parsed.searchParams.set(field, '***');
    }
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Any of these secret values, should the network echo one back in its message, removed. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let redacted = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) redacted = redacted.split(secret).join('***');
  }
  return redacted;
}
