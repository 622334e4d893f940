import { useState, type ReactNode } from 'react';

const PAGE = 50;

/**
 * A long list shown a page at a time: the first 50, then 50 more per press, so thousands of
 * rows never land in the page at once.
 */
export function ShowMore<T>({
  items,
  label,
  render,
}: {
  items: T[];
  label: string;
  render: (item: T) => ReactNode;
}) {
  const [shown, setShown] = useState(PAGE);
  return (
    <>
      <ul className="rows" aria-label={label}>
        {items.slice(0, shown).map(render)}
      </ul>
      {items.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show more ({items.length - shown} more)
        </button>
      )}
    </>
  );
}
