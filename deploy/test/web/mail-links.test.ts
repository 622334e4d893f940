import { randomUUID } from 'node:crypto';
import { NotificationKind } from '@campaign/contracts';
import { mailTemplates } from '@campaign/notifications-service';
import { pageForMailLink } from '../../../apps/web/src/app/mail-links';

// Every link a mail carries leads each person to a page of the web app: the mails name pages
// without a role, the app picks the role's own (or the inbox, where the notification also is).
describe('the links in mails', () => {
  const campaignId = randomUUID();

  it.each(NotificationKind.options)('of a %s mail open a page for every role', (kind) => {
    const path = mailTemplates[kind].path(campaignId);
    for (const role of ['brand', 'influencer', 'ops'] as const) {
      const page = pageForMailLink(path, role) ?? path;
      expect(page === '/inbox' || page.startsWith(`/${role}/`)).toBe(true);
    }
  });

  it('lead to the campaign as each role sees it', () => {
    expect(pageForMailLink(`/campaigns/${campaignId}`, 'brand')).toBe(
      `/brand/campaigns/${campaignId}`,
    );
    expect(pageForMailLink(`/campaigns/${campaignId}/agreement`, 'influencer')).toBe(
      '/influencer/agreements',
    );
    expect(pageForMailLink(`/campaigns/${campaignId}/results`, 'influencer')).toBe(
      `/influencer/campaigns/${campaignId}/results`,
    );
    expect(pageForMailLink('/marketplace', 'brand')).toBe('/inbox');
    expect(pageForMailLink('/brand/campaigns', 'brand')).toBeNull();
  });
});
