import path from 'node:path';
import { repoRoot } from '../paths';
import { startOnce, type Launch } from './launch';
import { waitForPort } from './managed-process';

export type MailEngine = {
  /** Where the services send mail (plain SMTP, no authentication: a local sink). */
  smtpHost: string;
  smtpPort: number;
  /** The web page listing what was sent; its REST API is under `/api` (e.g. `/api/email`). */
  webUrl: string;
  webPort: number;
  /** Where it writes each mail it accepts (`<id>.eml`), before it answers the sender. */
  mailDirectory: string;
  stop: () => Promise<void>;
};

/**
 * maildev (npm, a dev dependency of deploy): an SMTP server that keeps every mail it accepts in
 * the profile's data folder, with a web page and a REST API (`/api/email`) to read them. It relays
 * nothing onwards.
 */
export async function startMaildev(
  options: { dataDir: string; smtpPort: number; webPort: number; name?: string },
  launch: Launch = startOnce,
): Promise<MailEngine> {
  // The package exports only its ESM entry point; its CLI is run by path.
  const cli = path.join(repoRoot, 'deploy', 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const webUrl = `http://127.0.0.1:${options.webPort}`;
  const mailDirectory = path.join(options.dataDir, options.name ?? 'maildev');
  const { process: server, ready } = await launch(
    {
      name: options.name ?? 'maildev',
      command: process.execPath,
      args: [
        cli,
        '--smtp',
        String(options.smtpPort),
        '--ip',
        '127.0.0.1',
        '--web',
        String(options.webPort),
        '--web-ip',
        '127.0.0.1',
        // Its own folder (maildev's default is one under /tmp that every instance would share).
        '--mail-directory',
        mailDirectory,
      ],
      runDir: options.dataDir,
      port: options.smtpPort,
    },
    {
      ready: async () => {
        await waitForPort(options.smtpPort, 'maildev SMTP');
        await waitForPort(options.webPort, 'maildev web');
        return `SMTP on :${options.smtpPort}, web on :${options.webPort}`;
      },
    },
  );
  await ready;
  return {
    smtpHost: '127.0.0.1',
    smtpPort: options.smtpPort,
    webUrl,
    webPort: options.webPort,
    mailDirectory,
    stop: server.stop,
  };
}
