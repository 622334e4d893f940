import { NotificationKind } from '@campaign/contracts';
import { mailRetryDelay } from '../src/mail/mail-sender';
import { renderMail } from '../src/mail/templates';

const APP = 'https://app.example/';

describe('a mail per notification kind', () => {
  it.each(NotificationKind.options)('renders %s with its words and a link into the app', (kind) => {
    const mail = renderMail(
      { kind, title: 'Your “Summer” news', body: 'Something happened.', campaignId: 'c-1' },
      APP,
    );
    expect(mail.subject).toBe('Your “Summer” news');
    expect(mail.text).toContain('Something happened.');
    expect(mail.text).toMatch(/: https:\/\/app\.example\/[a-z]/);
    expect(mail.text).not.toContain('example//');
    expect(mail.html).toContain('<a href="https://app.example/');
  });

  it('escapes what people wrote in the HTML part', () => {
    const mail = renderMail(
      {
        kind: 'new_message',
        title: 'New message',
        body: '<script>x</script> & "hi"',
        campaignId: null,
      },
      APP,
    );
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; &quot;hi&quot;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('<script>x</script> & "hi"');
  });

  it('links to the campaign the notification is about', () => {
    const mail = renderMail(
      { kind: 'agreement_sent', title: 't', body: 'b', campaignId: 'c-1' },
      'http://127.0.0.1:3000',
    );
    expect(mail.text).toContain(
      'Read and sign the agreement: http://127.0.0.1:3000/campaigns/c-1/agreement',
    );
  });
});

describe('the mail retry delay', () => {
  it('doubles from the first delay and stops at the maximum', () => {
    const retry = { initialDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((attempts) => mailRetryDelay(attempts, retry))).toEqual([
      1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
  });
});
