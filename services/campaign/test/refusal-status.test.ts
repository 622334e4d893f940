import { refusalStatus } from '../src/domain/refusal-status';

describe('refusalStatus', () => {
  it('answers a refusal about where the campaign stands with 409', () => {
    for (const code of ['campaign_closed', 'campaign_open', 'collaboration_started'] as const) {
      expect(refusalStatus({ code, message: '' })).toBe(409);
    }
  });

  it('answers a refusal about who or what the request names with 422', () => {
    for (const code of ['not_qualified', 'not_selected', 'agreement_declined'] as const) {
      expect(refusalStatus({ code, message: '' })).toBe(422);
    }
  });
});
