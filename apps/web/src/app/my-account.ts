import { useEffect, useState } from 'react';
import { campaignApi } from '../api/clients';
import type { paths } from '../api/generated/campaign';
import { sessionToken } from './session';

export type MyAccount =
  paths['/me/account']['get']['responses'][200]['content']['application/json'];

/**
 * Who the session belongs to, as the campaign service knows them (`GET /me/account`), asked once
 * per session token: every page's header shows it. A session with no account (a dev script's
 * token) shows none.
 */
const known = new Map<string, Promise<MyAccount | null>>();

function lookUp(token: string): Promise<MyAccount | null> {
  let answer = known.get(token);
  if (!answer) {
    answer = campaignApi
      .GET('/me/account', {})
      .then(({ data }) => data ?? null)
      .catch(() => null);
    known.set(token, answer);
  }
  return answer;
}

/** Forgets what was asked: after a plan change the header asks again. */
export function forgetMyAccount(): void {
  known.clear();
}

export function useMyAccount(): MyAccount | null {
  const token = sessionToken();
  const [account, setAccount] = useState<MyAccount | null>(null);
  useEffect(() => {
    if (!token) return setAccount(null);
    let current = true;
    void lookUp(token).then((found) => {
      if (current) setAccount(found);
    });
    return () => {
      current = false;
    };
  }, [token]);
  return account;
}
