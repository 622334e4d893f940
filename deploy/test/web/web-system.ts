import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { issueToken, type Identity } from '@campaign/service-runtime';
import { TEST_AUTH_SECRET } from '@campaign/testing';
import AxeBuilder from '@axe-core/playwright';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../src/paths';
import { buildWebApp, startWebServer } from '../../src/web/web-server';
import { startCampaignSystem } from '../system/campaign-system';
import { databaseOfOwn } from '../system/database-of-own';
import { buildMessengerAndInbox } from '../system/messenger-inbox-system';
import { startMailPath } from './web-mail-path';

/** Debian's chromium (deploy/bootstrap.sh installs it); Playwright's own download fails here. */
export const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the browser tests put their screenshots: the run's own folder, so a test run leaves the
 * checkout as it was (each shows fresh ids); `pnpm screenshots` runs the browser tests with
 * `SCREENSHOTS_DIR=docs/screenshots` to refresh the README's.
 */
export const screenshotsDir = path.resolve(
  repoRoot,
  process.env.SCREENSHOTS_DIR ?? '.data/test/screenshots',
);

async function listen(app: Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The three services on this run's engines, the built web app served in front of them as the
 * stack serves it (same origin, `/api/<service>/`), and one browser for the file: each test
 * opens contexts of its own (one per person).
 */
export async function startWebSystem(
  name: string,
  options: {
    /**
     * The real mail path (sign-in links and inbox notifications from Kafka, mailed to maildev),
     * on a notifications database of the file's own; without it, tests deliver what Kafka would.
     */
    mail?: boolean;
    /** The consumer groups whose parked events each service's ops routes answer for. */
    deadLetterGroups?: { campaign?: string[]; messaging?: string[]; notifications?: string[] };
  } = {},
) {
  await buildWebApp();
  const { campaign: campaignGroups, ...messengerGroups } = options.deadLetterGroups ?? {};
  const campaign = await startCampaignSystem(name, {
    requestsPerClientPerMinute: 1_000,
    ...(campaignGroups ? { deadLetterGroups: campaignGroups } : {}),
  });
  const ownNotifications = options.mail ? await databaseOfOwn('notifications', name) : null;
  const messengerAndInbox = buildMessengerAndInbox(name, {
    deadLetterGroups: messengerGroups,
    ...(ownNotifications ? { notificationsDatabaseUrl: ownNotifications.url } : {}),
  });
  const mailPath = options.mail
    ? await startMailPath(campaign.kafka, messengerAndInbox, name)
    : null;
  const services = await Promise.all([
    listen(campaign.app),
    listen(messengerAndInbox.messagingApp),
    listen(messengerAndInbox.notificationsApp),
  ]);
  const [campaignUrl, messagingUrl, notificationsUrl] = services.map((s) => s.url) as [
    string,
    string,
    string,
  ];
  const web = await startWebServer(
    { campaign: campaignUrl, messaging: messagingUrl, notifications: notificationsUrl },
    0,
  );
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox'],
  });
  const contexts: BrowserContext[] = [];

  return {
    campaign,
    inbox: messengerAndInbox.inbox,
    /** The messaging API (for the other side of a conversation) and its collaboration groups. */
    messaging: messengerAndInbox.messagingApp,
    groups: messengerAndInbox.groups,
    /** The Messenger's and the inbox's stores and apps (a test delivers what Kafka would). */
    messenger: messengerAndInbox,
    url: web.url,
    /** A phone-sized browser context signed in as `identity` (its token in sessionStorage). */
    async personAs(identity: Identity): Promise<Page> {
      const token = await issueToken(identity, TEST_AUTH_SECRET);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      contexts.push(context);
      // A script, not a function: it runs in the page, which this file's types do not describe.
      await context.addInitScript(
        `sessionStorage.setItem('campaign.token', ${JSON.stringify(token)})`,
      );
      return context.newPage();
    },
    async stranger(): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      contexts.push(context);
      return context.newPage();
    },
    async stop() {
      for (const context of contexts) await context.close();
      await browser.close();
      await web.stop();
      for (const service of services) await service.close();
      await mailPath?.stop();
      await messengerAndInbox.stop();
      await campaign.stop();
      await ownNotifications?.drop();
    },
  };
}

export type WebSystem = Awaited<ReturnType<typeof startWebSystem>>;

/** The axe check every page passes: no serious or critical violation (WCAG 2.x A and AA). */
export async function seriousAccessibilityViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

export async function screenshot(page: Page, name: string) {
  await mkdir(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

export const unique = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;
