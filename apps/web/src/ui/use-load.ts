import { useCallback, useEffect, useState } from 'react';
import { problemText } from '../api/problem';

type Answer<T> = { data?: T; error?: unknown };

/**
 * Loads what a page shows from one API call; `reload` fetches it again (after a change, or on a
 * timer). A refusal becomes the problem's own text.
 */
export function useLoad<T>(load: () => Promise<Answer<T>>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const answer = await run().catch((cause: unknown) => ({ error: cause, data: undefined }));
    if (answer.data !== undefined) {
      setData(answer.data);
      setError(undefined);
    } else setError(problemText(answer.error));
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}
