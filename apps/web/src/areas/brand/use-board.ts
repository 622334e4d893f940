import { useCallback, useEffect, useState } from 'react';
import { campaignApi } from '../../api/clients';
import { problemText } from '../../api/problem';
import type { paths } from '../../api/generated/campaign';

export type BoardData =
  paths['/campaigns/{campaignId}/board']['get']['responses'][200]['content']['application/json'];

/**
 * No stream announces an application or a signature to the brand, so the campaign page asks for
 * the board again every few seconds while it is in view: applicants and agreements move without
 * a reload. The board, the agreements and Start collaboration all read this one answer.
 */
const REFRESH_MS = 2_000;

export function useBoard(campaignId: string, enabled: boolean) {
  const [board, setBoard] = useState<BoardData>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    const { data, error: refusal } = await campaignApi.GET('/campaigns/{campaignId}/board', {
      params: { path: { campaignId } },
    });
    if (data) {
      setBoard(data);
      setError(undefined);
    } else setError(problemText(refusal));
  }, [campaignId]);
  useEffect(() => {
    if (!enabled) return;
    void reload();
    const timer = setInterval(
      () => document.visibilityState === 'visible' && void reload(),
      REFRESH_MS,
    );
    return () => clearInterval(timer);
  }, [reload, enabled]);
  return { board, error, reload };
}
