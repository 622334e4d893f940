import { writeCampaignWorkflowBundle } from '@campaign/campaign-service/worker';
import { bundleProcess } from './bundle';
import { builtProcesses, builtWorkflowBundle } from './processes';

/**
 * The production build: `pnpm build` compiles every process (or those named) to JavaScript in its
 * package's `dist/`, and the campaign package's also gets the worker's workflow bundle.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const chosen = names.length
    ? builtProcesses.filter((entry) => names.includes(entry.name))
    : builtProcesses;
  if (chosen.length !== (names.length || builtProcesses.length)) {
    console.error(`usage: build [${builtProcesses.map((entry) => entry.name).join('|')}]…`);
    process.exit(2);
  }
  await Promise.all(chosen.map(bundleProcess));
  if (chosen.some((entry) => entry.name === 'worker')) {
    await writeCampaignWorkflowBundle(builtWorkflowBundle);
  }
  console.log(`built ${chosen.map((entry) => entry.name).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
