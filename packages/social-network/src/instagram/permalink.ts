/**
 * A post's link in the one form used to compare links: https, no `www.`, no query or fragment, one
 * trailing slash (`https://instagram.com/p/ABC/?igsh=x` and `http://www.instagram.com/p/ABC` match).
 */
export function samePermalink(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${host}${path}/`;
  } catch {
    return url.trim();
  }
}
