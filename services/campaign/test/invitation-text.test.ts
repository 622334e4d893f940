import { DEFAULT_INVITATION_TEMPLATE } from '@campaign/contracts';
import { invitationText } from '../src/domain/invitation-text';

describe('invitationText', () => {
  const values = { influencer: 'Zoe', campaign: 'Summer glow', brand: 'Sunny Skincare' };

  it('fills the default template with the campaign and influencer details', () => {
    const text = invitationText(DEFAULT_INVITATION_TEMPLATE, values);
    expect(text).toContain('Hi Zoe,');
    expect(text).toContain('We are Sunny Skincare');
    expect(text).toContain('"Summer glow"');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it('keeps everything else the brand wrote, unknown braces included', () => {
    expect(invitationText('Hey {influencer} {unknown}', values)).toBe('Hey Zoe {unknown}');
  });
});
