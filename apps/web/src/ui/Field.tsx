import { useId, type InputHTMLAttributes } from 'react';

/** A labelled input with its hint; the label is always visible (no placeholder-only fields). */
export function Field({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** What happened after an action: a refusal is announced at once, a success politely. */
export function Notice({
  error,
  success,
}: {
  error?: string | undefined;
  success?: string | undefined;
}) {
  return (
    <>
      <div role="alert" className={error ? 'notice error' : 'visually-hidden'}>
        {error}
      </div>
      <div role="status" className={success ? 'notice success' : 'visually-hidden'}>
        {success}
      </div>
    </>
  );
}
