import { randomUUID } from 'node:crypto';
import { EVENT_STREAMS_PER_PRINCIPAL } from '@campaign/service-runtime';
import { eventually } from '@campaign/testing';
import { problemReason } from './system/documented-refusals';
import request from 'supertest';
import { followStream, listen, type EventStreamClient } from './system/event-stream-client';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// The brand watches applicants arrive live: a campaign's changes as Server-Sent Events, each the
// moment its event is recorded, resumed after Last-Event-ID without a gap or a repeat, and only
// for the campaign's own brand and ops.
describe("a campaign's changes, live (real PostgreSQL and Temporal)", () => {
  let system: CampaignSystem;
  let url: string;
  let close: () => Promise<void>;
  const clients: EventStreamClient[] = [];

  beforeAll(async () => {
    system = await startCampaignSystem('campaign-changes-test');
    ({ url, close } = await listen(system.app));
    await eventually(async () => expect(system.live.connected).toBe(true));
  });
  afterAll(async () => {
    for (const client of clients) client.close();
    await close?.();
    await system?.stop();
  });

  /** Follows as `auth` (an authorization header's value, as the system's helpers give it). */
  const follow = async (target: string, auth: string, options?: { lastEventId?: string }) => {
    const client = await followStream(target, auth.replace(/^Bearer /, ''), options);
    clients.push(client);
    return client;
  };

  const apply = (campaignId: string, auth: string) =>
    request(system.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', auth)
      .send({})
      .expect(201);

  it('tells the brand of each application as it is recorded, and a reconnect gets exactly what it missed', async () => {
    const brand = await createBrand(system, 'starter');
    const campaignId = await createCampaign(system, brand.auth);
    const watching = await follow(`${url}/campaigns/${campaignId}/changes`, brand.auth);
    expect(watching.status).toBe(200);
    await watching.waitFor('ready', 1);

    const first = await createInfluencer(system);
    await apply(campaignId, first.auth);
    const [applied] = await watching.waitFor('change', 1);
    expect(applied!.data).toMatchObject({ type: 'ApplicationReceived' });
    // Only what happened and when: who applied is the board's to say.
    expect(JSON.stringify(applied!.data)).not.toContain(first.id);
    const seen = watching.lastEventId;
    watching.close();

    const second = await createInfluencer(system);
    const third = await createInfluencer(system);
    await apply(campaignId, second.auth);
    await apply(campaignId, third.auth);
    const resumed = await follow(`${url}/campaigns/${campaignId}/changes`, brand.auth, {
      lastEventId: seen!,
    });
    const missed = await resumed.waitFor('change', 2);
    expect(missed.map((event) => (event.data as { type: string }).type)).toEqual([
      'ApplicationReceived',
      'ApplicationReceived',
    ]);
    await resumed.waitFor('ready', 1);
    expect(resumed.of('change')).toHaveLength(2);

    const ops = await follow(
      `${url}/campaigns/${campaignId}/changes`,
      await bearer({ role: 'ops', userId: 'ops-changes' }),
      { lastEventId: '0' },
    );
    // From the start: the publishing, then the three applications.
    const all = await ops.waitFor('change', 4);
    expect(all.map((event) => (event.data as { type: string }).type)).toEqual([
      'CampaignPublished',
      'ApplicationReceived',
      'ApplicationReceived',
      'ApplicationReceived',
    ]);
  });

  it('refuses a 17th stream held open by one person (429), each refusal as problem+json', async () => {
    const brand = await createBrand(system, 'starter');
    const campaignId = await createCampaign(system, brand.auth);
    const held = [];
    for (let i = 0; i < EVENT_STREAMS_PER_PRINCIPAL; i += 1) {
      const stream = await follow(`${url}/campaigns/${campaignId}/changes`, brand.auth);
      await stream.waitFor('ready', 1);
      held.push(stream);
    }
    const refused = await request(url)
      .get(`/campaigns/${campaignId}/changes`)
      .set('authorization', brand.auth)
      .set('accept', 'text/event-stream');
    expect({ status: refused.status, type: refused.type }).toEqual({
      status: 429,
      type: 'application/problem+json',
    });
    expect(problemReason(refused.body)).toMatch(/At most 16 live streams/);
    for (const stream of held) stream.close();
  });

  it('is no one else’s: another brand gets 404, an influencer 403, a draft 409', async () => {
    const brand = await createBrand(system, 'starter');
    const campaignId = await createCampaign(system, brand.auth);
    const draft = await createCampaign(system, brand.auth, { draft: true });
    const other = await createBrand(system, 'starter');
    const influencer = await createInfluencer(system);
    for (const [auth, status, id] of [
      [other.auth, 404, campaignId],
      [influencer.auth, 403, campaignId],
      [brand.auth, 409, draft],
      [brand.auth, 404, randomUUID()],
    ] as const) {
      const answer = await request(system.app)
        .get(`/campaigns/${id}/changes`)
        .set('authorization', auth)
        .set('accept', 'text/event-stream');
      expect({ status: answer.status, type: answer.type }).toEqual({
        status,
        type: 'application/problem+json',
      });
    }
  });
});
