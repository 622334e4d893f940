import { CAMPAIGN_ACTIONS_UPDATE, campaignWorkflowId } from '@campaign/contracts';
import request from 'supertest';
import {
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// A burst of actions on one campaign travels in a few updates, not one each, and every request
// still gets its own answer: accepted, or refused with its rule.
describe('concurrent actions on one campaign (real PostgreSQL, Temporal and Kafka)', () => {
  let system: CampaignSystem;

  beforeAll(async () => {
    system = await startCampaignSystem('coalescing-test');
  });

  afterAll(async () => {
    await system.stop();
  });

  it('coalesces a burst of applications, answering each on its own', async () => {
    const brand = await createBrand(system, 'professional');
    const campaignId = await createCampaign(system, brand.auth, {
      qualifications: { minFollowers: 5_000 },
    });
    const qualified = await Promise.all(
      Array.from({ length: 40 }, () => createInfluencer(system, { followers: 10_000 })),
    );
    const small = await createInfluencer(system, { followers: 100 });
    const everyone = [...qualified.slice(0, 20), small, ...qualified.slice(20)];

    const answers = await Promise.all(
      everyone.map((influencer) =>
        request(system.app)
          .post(`/campaigns/${campaignId}/applications`)
          .set('authorization', influencer.auth),
      ),
    );

    expect(answers.map((answer) => answer.status)).toEqual(
      everyone.map((influencer) => (influencer === small ? 422 : 201)),
    );
    expect(answers[20]!.body.detail).toMatch(/at least 5000 followers|followers/);
    for (const [i, answer] of answers.entries()) {
      if (i !== 20) expect(answer.body.influencerId).toBe(everyone[i]!.id);
    }
    const applications = await system.db.application.count({ where: { campaignId } });
    expect(applications).toBe(40);

    // Fewer updates than requests: the actions that arrived while one was in flight shared one.
    const history = await system.temporal.workflow
      .getHandle(campaignWorkflowId(campaignId))
      .fetchHistory();
    const batches = (history.events ?? []).filter(
      (event) =>
        event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ===
        CAMPAIGN_ACTIONS_UPDATE,
    );
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(everyone.length / 2);
  });

  it('judges a batch in order: the second of two equal applications is refused', async () => {
    const brand = await createBrand(system, 'professional');
    const campaignId = await createCampaign(system, brand.auth);
    const influencer = await createInfluencer(system);
    const apply = () =>
      request(system.app)
        .post(`/campaigns/${campaignId}/applications`)
        .set('authorization', influencer.auth);
    const answers = await Promise.all([apply(), apply(), apply()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.detail).toMatch(/already applied/);
  });
});
