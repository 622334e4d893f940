import type { Role } from './role';

/**
 * The links in mails name a page without a role (`/campaigns/<id>/agreement`, `/marketplace`,
 * `/messenger`): a mail is rendered once for its kind, and the notifications service does not
 * know this app's routes. Here each becomes the signed-in person's own page for it; a link this
 * role has no page for goes to the inbox, where every mail's notification also is.
 */
const pages: [pattern: string, page: Partial<Record<Role, (id: string) => string>>][] = [
  [
    '/campaigns/:id',
    {
      brand: (id) => `/brand/campaigns/${id}`,
      influencer: (id) => `/influencer/campaigns/${id}`,
      ops: (id) => `/ops/campaigns/${id}`,
    },
  ],
  ['/campaigns/:id/applicants', { brand: (id) => `/brand/campaigns/${id}` }],
  ['/campaigns/:id/agreement', { influencer: () => '/influencer/agreements' }],
  [
    '/campaigns/:id/results',
    {
      brand: (id) => `/brand/campaigns/${id}/results`,
      influencer: (id) => `/influencer/campaigns/${id}/results`,
    },
  ],
  ['/marketplace', { influencer: () => '/influencer/marketplace' }],
  ['/messenger', { brand: () => '/brand/messages', influencer: () => '/influencer/messenger' }],
  [
    '/support',
    {
      brand: () => '/brand/support',
      influencer: () => '/influencer/messenger',
      ops: () => '/ops/support',
    },
  ],
];

/** The page a mail's link leads this role to, or null when the path is not a mail's link. */
export function pageForMailLink(pathname: string, role: Role): string | null {
  const path = pathname.replace(/\/$/, '');
  for (const [pattern, page] of pages) {
    const id = idIn(pattern, path);
    if (id === undefined) continue;
    const pageOf = page[role];
    return pageOf ? pageOf(encodeURIComponent(id)) : '/inbox';
  }
  return null;
}

/** The `:id` part of `path` when it has the pattern's shape ('' for a pattern without one). */
function idIn(pattern: string, path: string): string | undefined {
  const [before, after = ''] = pattern.split(':id');
  if (!pattern.includes(':id')) return path === pattern ? '' : undefined;
  if (!path.startsWith(before!) || !path.endsWith(after)) return undefined;
  const id = path.slice(before!.length, path.length - after.length);
  return id.length > 0 && !id.includes('/') ? decodeURIComponent(id) : undefined;
}
