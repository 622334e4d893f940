/** Something the proof kills (SIGKILL) and later starts again: a broker, a worker, a replica. */
export type Victim = { name: string; kill: () => Promise<void>; restart: () => Promise<void> };

export type KillRecord = { victim: string; killedAtMs: number; backAtMs: number; downMs: number };

/**
 * Kills each victim once the work done reaches its share (`killAt`, 0…1 of every action) and
 * starts it again at `restartAt`, so each is down while campaigns are worked on. Kills overlap in
 * time but never hit two of a kind, so the system always has a quorum, a worker and a replica.
 */
export function killPlan(
  steps: { victim: Victim; killAt: number; restartAt: number }[],
  log: (line: string) => void,
) {
  const started = Date.now();
  const waiting: { at: number; run: () => void }[] = [];
  let progress = 0;
  const records: KillRecord[] = [];
  const finished = steps.map(
    ({ victim, killAt, restartAt }) =>
      new Promise<void>((resolve, reject) => {
        const when = (at: number) =>
          new Promise<void>((reached) => {
            if (progress >= at) reached();
            else waiting.push({ at, run: reached });
          });
        void (async () => {
          await when(killAt);
          const killedAt = Date.now();
          await victim.kill();
          log(`    killed ${victim.name} (SIGKILL) at ${Math.round(killAt * 100)} % of the work`);
          await when(restartAt);
          await victim.restart();
          const backAt = Date.now();
          log(`    ${victim.name} back after ${((backAt - killedAt) / 1000).toFixed(1)} s`);
          records.push({
            victim: victim.name,
            killedAtMs: killedAt - started,
            backAtMs: backAt - started,
            downMs: backAt - killedAt,
          });
        })().then(resolve, reject);
      }),
  );
  return {
    /** The share of the work done so far (0…1); wakes the steps it reaches. */
    advance(share: number) {
      progress = share;
      for (const step of waiting.filter((w) => w.at <= progress)) {
        waiting.splice(waiting.indexOf(step), 1);
        step.run();
      }
    },
    /** Once every victim is back; restarts any still waiting (the work ended early). */
    async finish(): Promise<KillRecord[]> {
      this.advance(1);
      await Promise.all(finished);
      return records;
    },
  };
}
