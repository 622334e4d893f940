/**
 * The customer-success team's shared inbox: what is addressed to support as a whole (a requester's
 * message in a conversation nobody has taken yet), read by every ops user beside their own inbox.
 * No principal's key (`principalKey`) starts with `support/`, so no person can read it by their id.
 */
export function supportTeamKey(): string {
  return 'support/team';
}
