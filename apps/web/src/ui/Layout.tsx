import type { ReactNode } from 'react';
import { Link, navigate } from '../app/router';
import { forgetMyAccount, useMyAccount, type MyAccount } from '../app/my-account';
import { PLAN_NAMES } from '../app/plans';
import { currentIdentity, signOut } from '../app/session';

const areaLinks = {
  brand: [
    ['/brand/campaigns', 'Campaigns'],
    ['/brand/campaigns/new', 'New campaign'],
    ['/brand/messages', 'Messages'],
    ['/brand/support', 'Support'],
    ['/brand/team', 'Team'],
    ['/brand/plan', 'Plan'],
  ],
  influencer: [
    ['/influencer/marketplace', 'Marketplace'],
    ['/influencer/my-campaigns', 'My campaigns'],
    ['/influencer/agreements', 'Agreements'],
    ['/influencer/messenger', 'Messenger'],
    ['/influencer/profile', 'Profile'],
    ['/influencer/account', 'Account'],
  ],
  ops: [
    ['/ops/campaigns', 'Campaigns'],
    ['/ops/support', 'Support'],
    ['/ops/brands', 'Brands'],
    ['/ops/accounts', 'Ops accounts'],
    ['/ops/audit', 'Audit log'],
    ['/ops/parked-events', 'Parked events'],
  ],
} as const;

/** Who is signed in, in words: their name, and a brand user's brand and plan. */
function whoAmI(account: MyAccount): string {
  const { brand } = account;
  if (brand) return `${account.name} · ${brand.name} (${PLAN_NAMES[brand.plan]})`;
  return `${account.name} · ${account.role === 'ops' ? 'customer success' : 'influencer'}`;
}

/** Every page's frame: a skip link, the header with what this role can open, the main landmark. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const identity = currentIdentity();
  const account = useMyAccount();
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
        {identity && account && (
          <p className="who-am-i">
            Signed in as <strong>{whoAmI(account)}</strong>
          </p>
        )}
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
                      forgetMyAccount();
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
