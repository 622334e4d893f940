import { lazy, Suspense, useEffect } from 'react';
import { homeOf } from '../pages/home';
import { NotFound } from '../pages/NotFound';
import { SignIn } from '../pages/SignIn';
import { SignUp } from '../pages/SignUp';
import { pageForMailLink } from './mail-links';
import { navigate, usePath } from './router';
import { currentIdentity, rememberDestination, type Role } from './session';

// Each area is its own chunk: the first page carries only the public pages and the frame.
const areas = {
  brand: lazy(() => import('../areas/brand')),
  influencer: lazy(() => import('../areas/influencer')),
  ops: lazy(() => import('../areas/ops')),
};
const Inbox = lazy(() => import('../pages/Inbox'));

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to), [to]);
  return null;
}

/** Picks the page for the path; an area's pages only for its role, others go to sign-in. */
export function App() {
  const { pathname } = usePath();
  const identity = currentIdentity();
  if (pathname === '/sign-in') return <SignIn />;
  if (pathname === '/sign-up/brand') return <SignUp kind="brand" />;
  if (pathname === '/sign-up/influencer') return <SignUp kind="influencer" />;
  if (!identity) {
    // Back here once signed in (a link from a mail opened in a signed-out tab).
    if (pathname !== '/') rememberDestination(pathname + location.search);
    return <Redirect to="/sign-in" />;
  }
  if (pathname === '/') return <Redirect to={homeOf(identity.role)} />;
  const mailLink = pageForMailLink(pathname, identity.role);
  if (mailLink) return <Redirect to={mailLink} />;
  // Instagram sends the influencer back here (the service's redirect URI): an influencer page.
  const area = pathname === '/social-account/connected' ? 'influencer' : pathname.split('/')[1];
  const page =
    pathname === '/inbox' ? (
      <Inbox />
    ) : area === identity.role ? (
      (() => {
        const Area = areas[area as Role];
        return <Area />;
      })()
    ) : (
      <NotFound />
    );
  return <Suspense fallback={<p role="status">Loading…</p>}>{page}</Suspense>;
}
