import { createLogger, startOutboxRelay } from '../src';

const logger = createLogger('outbox-relay-test', 'silent');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the outbox relay loop', () => {
  it('backs off while sending fails, so an outage costs a few tries, not a flood', async () => {
    let tries = 0;
    const relay = startOutboxRelay({
      name: 'failing',
      batch: 10,
      logger,
      idleMs: 10,
      sendOwed: async () => {
        tries += 1;
        throw new Error('broker away');
      },
    });
    await pause(1_000);
    await relay.stop();
    // Waits of 20, 40, 80, … ms: about six tries in a second, where polling would make a hundred.
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(8);
  });

  it('sends on at once while batches come full, then sleeps until woken', async () => {
    let tries = 0;
    const relay = startOutboxRelay({
      name: 'owing',
      batch: 10,
      logger,
      idleMs: 60_000,
      sendOwed: async () => {
        tries += 1;
        return tries <= 3 ? 10 : 0;
      },
    });
    await pause(100);
    expect(tries).toBe(4);
    relay.wake();
    await pause(100);
    expect(tries).toBe(5);
    const stopped = Date.now();
    await relay.stop();
    expect(Date.now() - stopped).toBeLessThan(1_000);
  });
});
