import {
  CAMPAIGN_TASK_QUEUE,
  CAMPAIGN_WORKFLOW_TYPE,
  campaignWorkflowId,
} from '@campaign/contracts';
import { eventually } from '@campaign/testing';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// A campaign's workflow completes a grace period after its collaboration started, instead of
// continuing as new forever; its id can never start another.
describe('a campaign whose collaboration started (real PostgreSQL, Temporal and Kafka)', () => {
  let system: CampaignSystem;

  beforeAll(async () => {
    system = await startCampaignSystem('finish-test', { finishAfterCollaborationSeconds: 2 });
  });

  afterAll(async () => {
    await system.stop();
  });

  it('completes its workflow after the grace period, and its id never starts again', async () => {
    const brand = await createBrand(system, 'professional');
    const member = await createInfluencer(system);
    const campaignId = await createCampaign(system, brand.auth);
    const act = (path: string, auth: string, body: object = {}) =>
      request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', auth)
        .send(body);
    await act('applications', member.auth).expect(201);
    await act('selection', brand.auth, { influencerIds: [member.id], status: 'selected' }).expect(
      200,
    );
    await act('agreements', brand.auth, { influencerIds: [member.id] }).expect(200);
    await act('agreement/sign', member.auth).expect(200);
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    await act('close', ops, { reason: 'the brand asked to start sooner' }).expect(200);
    await act('collaboration', brand.auth).expect(200);

    const handle = system.temporal.workflow.getHandle(campaignWorkflowId(campaignId));
    // Within the grace period the workflow still answers by its rules.
    const again = await act('collaboration', brand.auth).expect(409);
    expect(again.body.detail).toMatch(/can be pressed once/);

    await eventually(async () => {
      expect((await handle.describe()).status.name).toBe('COMPLETED');
    });
    await expect(
      system.temporal.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
        taskQueue: CAMPAIGN_TASK_QUEUE,
        workflowId: campaignWorkflowId(campaignId),
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        args: [{ campaignId, brandId: brand.id, title: 'Again', publishedBy: 'u', schedule: {} }],
      }),
    ).rejects.toThrow(WorkflowExecutionAlreadyStartedError);

    // Later actions get the refusals the rules gave before, judged on the read model.
    const latecomer = await createInfluencer(system);
    const answers = {
      again: await act('collaboration', brand.auth),
      apply: await act('applications', latecomer.auth),
      close: await act('close', ops, { reason: 'too late to close' }),
      select: await act('selection', brand.auth, {
        influencerIds: [member.id],
        status: 'declined',
      }),
      signAgain: await act('agreement/sign', member.auth),
    };
    expect(
      Object.fromEntries(
        Object.entries(answers).map(([name, sent]) => [name, [sent.status, sent.body.detail]]),
      ),
    ).toEqual({
      again: [409, again.body.detail],
      apply: [409, expect.stringMatching(/takes no new applications/)],
      close: [409, expect.stringMatching(/already closed/)],
      select: [409, expect.stringMatching(/the group is final/)],
      signAgain: [200, undefined],
    });
    const publish = await request(system.app)
      .post(`/campaigns/${campaignId}/publish`)
      .set('authorization', brand.auth)
      .expect(409);
    expect(publish.body.title).toBe('Already published');
  });

  it('refuses, and stores nothing, on a campaign whose workflow an operator terminated', async () => {
    const brand = await createBrand(system, 'professional');
    const influencer = await createInfluencer(system);
    const campaignId = await createCampaign(system, brand.auth);
    await system.temporal.workflow
      .getHandle(campaignWorkflowId(campaignId))
      .terminate('stopped by an operator');
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const closing = await request(system.app)
      .post(`/campaigns/${campaignId}/close`)
      .set('authorization', ops)
      .send({ reason: 'the brand asked' });
    expect(closing.status).toBe(409);
    expect(closing.body.detail).toMatch(/stopped by operators \(terminated\)/);
    const applying = await request(system.app)
      .post(`/campaigns/${campaignId}/applications`)
      .set('authorization', influencer.auth);
    expect(applying.status).toBe(409);
    expect(await system.db.application.count({ where: { campaignId } })).toBe(0);
  });
});
