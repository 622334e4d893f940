import { randomUUID } from 'node:crypto';
import { CampaignEvent } from '@campaign/contracts';
import { EventPublisher, listParkedEvents, runEventConsumer } from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import request from 'supertest';
import { bearer } from '../system/campaign-system';
import { invitation, topicOfOwn } from '../system/campaign-events';
import {
  screenshot,
  seriousAccessibilityViolations,
  startWebSystem,
  type WebSystem,
} from './web-system';

/**
 * Customer success's parked-events page in Debian's chromium, on the real services and Kafka: the
 * events each service's consumer groups parked (named, never shown), replayed one by one or all
 * of a group, each handled once by the group that parked it.
 */
describe("customer success's parked events in a browser", () => {
  let web: WebSystem;
  const groups = {
    campaign: `web-dead-letters-story-${randomUUID()}`,
    messaging: `web-dead-letters-messaging-${randomUUID()}`,
    notifications: `web-dead-letters-notifications-${randomUUID()}`,
  };
  const consumers: Consumer[] = [];
  beforeAll(async () => {
    web = await startWebSystem('web-dead-letters', {
      deadLetterGroups: {
        campaign: [groups.campaign],
        messaging: [groups.messaging],
        notifications: [groups.notifications],
      },
    });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await web?.stop();
  });

  /** A consumer group that refuses the events in `refusing` until they are fixed (emptied). */
  async function group(groupId: string, refusing: Set<string>) {
    const { kafka, logger } = web.messenger;
    const topic = await topicOfOwn(kafka, 'web-dead-letters');
    const handled: string[] = [];
    const started = runEventConsumer({
      kafka,
      groupId,
      topic,
      schema: CampaignEvent,
      logger,
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 50 },
      handle: async (event) => {
        if (refusing.has(event.id)) throw new Error('the store refused the invitation');
        handled.push(event.id);
      },
    });
    consumers.push(started.consumer);
    await started.running;
    return { topic, handled };
  }

  test('ops replay one parked event and all of a group; each is handled once', async () => {
    const { kafka } = web.messenger;
    const toJane = invitation(randomUUID(), 'Hi Jane (jane@example.com), join our summer glow');
    const toSam = invitation(randomUUID(), 'Hi Sam, join our summer glow');
    const toKim = invitation(randomUUID(), 'Hi Kim, join our summer glow');
    const refusing = new Set([toJane.id, toSam.id, toKim.id]);
    const messaging = await group(groups.messaging, refusing);
    const notifications = await group(groups.notifications, refusing);
    const events = new EventPublisher(kafka);
    await events.publish(messaging.topic, [toJane]);
    await events.publish(notifications.topic, [toSam, toKim]);
    await events.disconnect();
    await eventually(async () => {
      expect(await listParkedEvents(kafka, { groupId: groups.messaging })).toHaveLength(1);
      expect(await listParkedEvents(kafka, { groupId: groups.notifications })).toHaveLength(2);
    });
    refusing.clear();

    const page = await web.personAs({ role: 'ops', userId: `ops-${randomUUID()}` });
    await page.goto(`${web.url}/ops/parked-events`);
    const messagingSection = page.getByRole('region', { name: 'Messaging' });
    const notificationsSection = page.getByRole('region', { name: 'Notifications' });
    await messagingSection.getByText(toJane.id).waitFor();
    await notificationsSection.getByText(toKim.id).waitFor();
    await page
      .getByRole('region', { name: 'Campaigns (story worker)' })
      .getByText('No parked events.')
      .waitFor();
    // The event is named, never shown: no address, no message text.
    const shown = await page.locator('main').innerText();
    expect(shown).toContain('InfluencerInvited');
    expect(shown).toContain('Error: the store refused the invitation');
    expect(shown).not.toMatch(/Jane|jane@example\.com|summer glow/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'ops-parked-events');

    await messagingSection
      .getByRole('button', { name: `Replay InfluencerInvited ${toJane.id} to ${groups.messaging}` })
      .click();
    await messagingSection
      .getByRole('status')
      .getByText(`Replayed 1 event ${toJane.id}.`)
      .waitFor();
    await messagingSection.getByText('Replayed', { exact: false }).first().waitFor();
    await eventually(async () => expect(messaging.handled).toEqual([toJane.id]));

    await notificationsSection
      .getByRole('button', { name: `Replay all of ${groups.notifications}` })
      .click();
    await notificationsSection
      .getByRole('status')
      .getByText(`Replayed 2 for group ${groups.notifications}.`)
      .waitFor();
    await eventually(async () =>
      expect([...notifications.handled].sort()).toEqual([toSam.id, toKim.id].sort()),
    );
    // Nothing left to replay: the group's button is disabled, and the API refuses a second replay.
    expect(
      await notificationsSection
        .getByRole('button', { name: `Replay all of ${groups.notifications}` })
        .isDisabled(),
    ).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const again = await request(web.messenger.messagingApp)
      .post(`/ops/dead-letters/${toJane.id}/replay`)
      .set('authorization', await bearer({ role: 'ops', userId: 'olga' }))
      .send({ group: groups.messaging })
      .expect(409);
    expect(again.body.detail).toMatch(/replayed once/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messaging.handled).toEqual([toJane.id]);
    expect([...notifications.handled].sort()).toEqual([toSam.id, toKim.id].sort());
  });
});
