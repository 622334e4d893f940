import { ShowMore } from '../../ui/ShowMore';
import { timeLeft, useNow } from '../../ui/use-now';
import type { BoardData } from './use-board';

const states = ['pending', 'accepted', 'declined', 'expired', 'lapsed'] as const;
/** The states in the product's words: a pending agreement is sent and waits for a signature. */
const stateNames: Record<(typeof states)[number], string> = {
  pending: 'Sent, waiting',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  lapsed: 'Lapsed',
};

/**
 * The agreements the brand sent, by state, each with its deadline to sign and, while it waits,
 * the time left (counting down). Read from the board, which the campaign page keeps current.
 */
export function Agreements({ board }: { board: BoardData }) {
  const now = useNow();
  const sent = states.flatMap((state) => board.agreements[state] ?? []);
  return (
    <section aria-labelledby="agreements-title">
      <h2 id="agreements-title">Agreements</h2>
      {sent.length === 0 ? (
        <p>No agreement sent yet: select applicants, then send them an agreement.</p>
      ) : (
        <dl className="tally">
          {states.map((state) => (
            <div key={state}>
              <dt>{stateNames[state]}</dt>
              <dd>{board.agreements[state]?.length ?? 0}</dd>
            </div>
          ))}
        </dl>
      )}
      {states.map((state) => {
        const ids = board.agreements[state] ?? [];
        if (ids.length === 0) return null;
        return (
          <div key={state}>
            <h3>{stateNames[state]}</h3>
            <ShowMore
              items={ids}
              label={`${stateNames[state]} agreements`}
              render={(id) => {
                const deadline = board.agreementDeadlines[id];
                return (
                  <li key={id} className="row">
                    <span className="who">{id}</span>
                    <span className={`status status-${state}`}>{state}</span>
                    {deadline && state === 'pending' && (
                      <span className="meta">
                        {timeLeft(deadline, now)} (sign by{' '}
                        <time dateTime={deadline}>{new Date(deadline).toLocaleString()}</time>)
                      </span>
                    )}
                  </li>
                );
              }}
            />
          </div>
        );
      })}
    </section>
  );
}
