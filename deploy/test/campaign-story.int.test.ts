import { randomUUID } from 'node:crypto';
import { consumeStoryDue } from '@campaign/campaign-service';
import { CAMPAIGN_EVENTS_TOPIC, storyWorkflowId, type CampaignEvent } from '@campaign/contracts';
import { createLogger } from '@campaign/service-runtime';
import {
  LOCAL_GRAPH_CLIENT_ID,
  LOCAL_GRAPH_CLIENT_SECRET,
  createInstagramGraphApi,
} from '@campaign/social-network';
import { eventually, localGraphControl, testEnvironment } from '@campaign/testing';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import request from 'supertest';
import { listParkedEvents } from '@campaign/service-runtime';
import {
  bearer,
  createBrand,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// The campaign's story on the real engines and the local Graph API, through the Instagram adapter:
// posted once at its moment from the platform's account, with the brand's image or the platform's
// card, retried after a rate limit, given up with the reason on a permanent error, and seen by the
// campaign's brand (only) and by ops.
const env = testEnvironment();
const graph = localGraphControl(env.graphApiUrl);
const PUBLIC_URL = 'http://campaign.test';
const STORY_DELAY_SECONDS = 2;

describe('the campaign story (real engines, local Graph API)', () => {
  const platform = `platform_${randomUUID().slice(0, 8)}`;
  const taskQueue = `story-test-${randomUUID()}`;
  const groupId = `story-test-${randomUUID()}`;
  let system: CampaignSystem;
  let stopConsumer: () => Promise<void>;
  let brand: { id: string; auth: string };
  let ops: string;

  beforeAll(async () => {
    await graph.createAccount({ username: platform, followers: 3_000 });
    const { accountId, accessToken } = await graph.issueToken(platform);
    const account = { accountId, accessToken };
    const network = createInstagramGraphApi({
      baseUrl: env.graphApiUrl,
      clientId: LOCAL_GRAPH_CLIENT_ID,
      clientSecret: LOCAL_GRAPH_CLIENT_SECRET,
      redirectUri: 'http://127.0.0.1/social-account/connected',
    });
    system = await startCampaignSystem('campaign-story-test', {
      taskQueue,
      story: { network, account },
    });
    // The test's consumer group starts at the topic's end: earlier tests' moments are not its own.
    const admin = system.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(CAMPAIGN_EVENTS_TOPIC);
    await admin.setOffsets({
      groupId,
      topic: CAMPAIGN_EVENTS_TOPIC,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
    await admin.disconnect();
    const consumer = consumeStoryDue({
      kafka: system.kafka,
      temporal: system.temporal,
      stories: { find: (id) => system.db.campaignStory.findUnique({ where: { campaignId: id } }) },
      publicUrl: PUBLIC_URL,
      logger: createLogger('campaign-story-test', 'silent'),
      taskQueue,
      groupId,
    });
    await consumer.running;
    stopConsumer = () => consumer.consumer.disconnect();
    brand = await createBrand(system, 'professional');
    ops = await bearer({ role: 'ops', userId: `ops-${randomUUID()}` });
  }, 120_000);

  afterAll(async () => {
    await graph.clearFaults(platform).catch(() => undefined);
    await stopConsumer?.();
    await system?.stop();
  });

  /** A campaign published now whose story is due in a few seconds. */
  async function publishCampaign(title: string, storyImageUrls: string[] = []) {
    const created = await request(system.app)
      .post('/campaigns')
      .set('authorization', brand.auth)
      .send({
        title,
        brief: 'Show our SPF in your morning routine',
        storyImageUrls,
        schedule: { storyDelaySeconds: STORY_DELAY_SECONDS },
      })
      .expect(201);
    const id = created.body.id as string;
    await request(system.app)
      .post(`/campaigns/${id}/publish`)
      .set('authorization', brand.auth)
      .expect(202);
    const published = await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id } });
      expect(row.publishedAt).not.toBeNull();
      return row.publishedAt!;
    });
    return { id, publishedAt: published };
  }

  const storyOf = (campaignId: string, auth = brand.auth) =>
    request(system.app).get(`/campaigns/${campaignId}/story`).set('authorization', auth);

  async function settledStory(campaignId: string) {
    return eventually(
      async () => {
        const { body } = await storyOf(campaignId).expect(200);
        expect(['posted', 'failed']).toContain(body.status);
        return body as {
          status: string;
          mediaId: string | null;
          permalink: string | null;
          postedAt: string | null;
          attempts: number;
          failureReason: string | null;
        };
      },
      { timeoutMs: 60_000 },
    );
  }

  /** The stories the platform's account published with this image. */
  async function publishedWith(imageUrl: string) {
    const stories = await graph.stories(platform);
    return stories.filter((story) => story.imageUrl === imageUrl);
  }

  const eventsOf = async (campaignId: string) =>
    (await system.db.campaignEventOutbox.findMany({ where: { subject: campaignId } })).map(
      (row) => row.envelope as unknown as CampaignEvent,
    );

  it('is scheduled until its moment, then posted once with the brand’s image, however often its moment is redelivered', async () => {
    const image = `https://cdn.brand.test/${randomUUID()}.jpg`;
    const { id, publishedAt } = await publishCampaign('Summer glow', [image, `${image}?second`]);
    const before = await storyOf(id).expect(200);
    expect(before.body).toMatchObject({ campaignId: id, status: 'scheduled', mediaId: null });

    const story = await settledStory(id);
    const [published, ...more] = await publishedWith(image);
    expect(more).toEqual([]);
    expect(story).toMatchObject({
      status: 'posted',
      mediaId: published!.mediaId,
      permalink: published!.permalink,
      failureReason: null,
    });
    // A try each for the container, its processing (asked until ready) and publishing.
    expect(story.attempts).toBeGreaterThanOrEqual(3);
    // At its moment: not before the story delay after publishing.
    expect(new Date(story.postedAt!).getTime()).toBeGreaterThanOrEqual(
      publishedAt.getTime() + STORY_DELAY_SECONDS * 1000,
    );
    const posted = (await eventsOf(id)).filter((event) => event.type === 'CampaignStoryPosted');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.payload).toMatchObject({ campaignId: id, mediaId: published!.mediaId });

    // The moment again: the same event redelivered, and another event naming the same moment.
    const due = (await eventsOf(id)).find((event) => event.type === 'CampaignStoryDue')!;
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [due, { ...due, id: randomUUID() }]);
    // A witness behind them on the campaign's partition: once its story is posted, they were read.
    const witness = randomUUID();
    const witnessImage = `https://cdn.brand.test/${witness}.jpg`;
    const witnessDue = {
      ...due,
      id: randomUUID(),
      payload: { ...due.payload, campaignId: witness, imageUrls: [witnessImage] },
    } as CampaignEvent;
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [witnessDue]);
    await eventually(async () => expect(await publishedWith(witnessImage)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    expect(await publishedWith(image)).toHaveLength(1);
    expect((await storyOf(id).expect(200)).body).toEqual(story);
    // And Temporal itself refuses a second story workflow for the campaign.
    await expect(
      system.temporal.workflow.start('campaignStory', {
        taskQueue,
        workflowId: storyWorkflowId(id),
        args: [{ campaignId: id, brandId: brand.id, title: 'x', imageUrls: [], cardUrl: image }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  });

  it('posts the platform’s card with the campaign’s title when the brand gave no image', async () => {
    const { id } = await publishCampaign('Crème de la crème');
    const story = await settledStory(id);
    expect(story.status).toBe('posted');
    const card = `${PUBLIC_URL}/story-cards/${id}.jpg`;
    expect(await publishedWith(card)).toHaveLength(1);
    // The card the network fetched: a JPEG, served without a token.
    const served = await request(system.app).get(`/story-cards/${id}.jpg`).expect(200);
    expect(served.type).toBe('image/jpeg');
    expect((served.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('is retried after a rate limit, as the network’s Retry-After says, and then posted', async () => {
    await graph.armFault({
      fault: 'rate_limited',
      times: 2,
      path: '/media',
      username: platform,
      retryAfterSeconds: 1,
    });
    const image = `https://cdn.brand.test/${randomUUID()}.jpg`;
    const { id } = await publishCampaign('Rate limited glow', [image]);
    const story = await settledStory(id);
    expect(story).toMatchObject({ status: 'posted', failureReason: null });
    // Both rate limits were met (the network has none left armed) and counted as tries.
    const armed = await fetch(`${env.graphApiUrl}/_control/faults`);
    const { faults } = (await armed.json()) as { faults: { username?: string }[] };
    expect(faults.filter((fault) => fault.username === platform)).toEqual([]);
    expect(story.attempts).toBeGreaterThanOrEqual(5);
    expect(await publishedWith(image)).toHaveLength(1);
  });

  it('is given up at once when the network cannot process the image, with the reason for the brand and ops', async () => {
    await graph.armFault({ fault: 'media_failed', username: platform });
    const image = `https://cdn.brand.test/${randomUUID()}.jpg`;
    const { id } = await publishCampaign('Unprocessable glow', [image]);
    const story = await settledStory(id);
    expect(story).toMatchObject({ status: 'failed', mediaId: null, permalink: null });
    expect(story.failureReason).toMatch(/could not process the story's image/);
    expect(await publishedWith(image)).toEqual([]);
    const failed = (await eventsOf(id)).filter((event) => event.type === 'CampaignStoryFailed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.payload).toMatchObject({ reason: story.failureReason });

    const failures = await eventually(async () => {
      const { body } = await request(system.app)
        .get('/ops/stories?status=failed&limit=100')
        .set('authorization', ops)
        .expect(200);
      const mine = body.items.find((item: { campaignId: string }) => item.campaignId === id);
      expect(mine).toBeDefined();
      return body.items as { status: string }[];
    });
    expect(failures.every((item) => item.status === 'failed')).toBe(true);
    expect(
      failures.find((item) => (item as never as { campaignId: string }).campaignId === id),
    ).toMatchObject({
      title: 'Unprocessable glow',
      brandId: brand.id,
      failureReason: story.failureReason,
    });
  });

  it('is shown to the campaign’s brand and ops only: another brand gets 404', async () => {
    const { id } = await publishCampaign('Private glow');
    const other = await createBrand(system, 'starter');
    const refused = await storyOf(id, other.auth).expect(404);
    expect(refused.type).toBe('application/problem+json');
    await storyOf(id, ops).expect(200);
  });

  it('parks a moment it cannot read, and starts the stories behind it', async () => {
    const campaignId = randomUUID();
    const image = `https://cdn.brand.test/${campaignId}.jpg`;
    const moment = {
      id: randomUUID(),
      type: 'CampaignStoryDue',
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: campaignId,
      payload: {
        campaignId,
        brandId: brand.id,
        title: 'Behind the poison',
        imageUrls: [image],
        dueAt: new Date().toISOString(),
      },
    } as CampaignEvent;
    const poison = { ...moment, id: randomUUID(), payload: { ...moment.payload, imageUrls: 7 } };
    await system.events.publish(CAMPAIGN_EVENTS_TOPIC, [poison as never, moment]);

    await eventually(async () => expect(await publishedWith(image)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    const parked = await eventually(async () => {
      const all = await listParkedEvents(system.kafka, { groupId });
      expect(all).toHaveLength(1);
      return all;
    });
    expect(parked[0]).toMatchObject({ eventId: poison.id, type: 'CampaignStoryDue' });
    expect(parked[0]!.parking.reason).toMatch(/imageUrls/);
  });

  it('pages ops’ list with sealed cursors', async () => {
    const first = await request(system.app)
      .get('/ops/stories?limit=1')
      .set('authorization', ops)
      .expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(system.app)
      .get(`/ops/stories?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set('authorization', ops)
      .expect(200);
    expect(second.body.items[0].campaignId).not.toBe(first.body.items[0].campaignId);
  });
});
