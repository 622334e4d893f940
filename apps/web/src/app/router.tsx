import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

/**
 * A small router of our own: the History API, a path, and links. Enough for this app's few
 * pages, and none of a router library's weight on the first page.
 */
const PathContext = createContext<string>('/');

export function navigate(to: string): void {
  history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};
const currentPath = () => location.pathname + location.search;

export function RouterProvider({ children }: { children: ReactNode }) {
  // An external store: a navigation made before this subscribed (a child's redirect) still counts.
  const path = useSyncExternalStore(subscribe, currentPath);
  return <PathContext.Provider value={path}>{children}</PathContext.Provider>;
}

export function usePath(): { pathname: string; query: URLSearchParams } {
  const path = useContext(PathContext);
  const url = new URL(path, location.origin);
  return { pathname: url.pathname, query: url.searchParams };
}

/** Matches `/campaigns/:id` against a path; returns the parameters or null. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.replace(/\/$/, '').split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return params;
}

export function Link({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
