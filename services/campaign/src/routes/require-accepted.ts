import { HttpProblem } from '@campaign/service-runtime';
import { refusalStatus } from '../domain/refusal-status';
import type { ActionOutcome } from '../temporal/campaign-lifecycle';

/** Turns the workflow's refusal into the HTTP answer: 409 or 422 with the rule in words. */
export function requireAccepted(outcome: ActionOutcome): void {
  if (!outcome.accepted) {
    throw new HttpProblem(
      refusalStatus(outcome.refusal),
      'Refused by the campaign rules',
      outcome.refusal.message,
    );
  }
}
