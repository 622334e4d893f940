import type { ReactNode } from 'react';
import { Link, navigate } from '../app/router';
import { currentIdentity, signOut } from '../app/session';

const areaLinks = {
  brand: [
    ['/brand/campaigns', 'Campaigns'],
    ['/brand/campaigns/new', 'New campaign'],
    ['/brand/messages', 'Messages'],
    ['/brand/support', 'Support'],
  ],
  influencer: [
    ['/influencer/marketplace', 'Marketplace'],
    ['/influencer/my-campaigns', 'My campaigns'],
    ['/influencer/agreements', 'Agreements'],
    ['/influencer/messenger', 'Messenger'],
    ['/influencer/account', 'Account'],
  ],
  ops: [
    ['/ops/campaigns', 'Campaigns'],
    ['/ops/support', 'Support'],
    ['/ops/audit', 'Audit log'],
    ['/ops/parked-events', 'Parked events'],
  ],
} as const;

/** Every page's frame: a skip link, the header with what this role can open, the main landmark. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const identity = currentIdentity();
  document.title = `${title} · Campaign platform`;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand-mark">
          Campaign platform
        </Link>
        <nav aria-label="Main">
          <ul>
            {identity ? (
              <>
                {areaLinks[identity.role].map(([to, label]) => (
                  <li key={to}>
                    <Link to={to}>{label}</Link>
                  </li>
                ))}
                <li>
                  <Link to="/inbox">Inbox</Link>
                </li>
                <li>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      signOut();
                      navigate('/sign-in');
                    }}
                  >
                    Sign out
                  </button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to="/sign-in">Sign in</Link>
                </li>
                <li>
                  <Link to="/sign-up/brand">Brands</Link>
                </li>
                <li>
                  <Link to="/sign-up/influencer">Influencers</Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
