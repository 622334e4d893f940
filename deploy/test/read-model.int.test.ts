import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '@campaign/campaign-service';
import { createCampaignFacts } from '@campaign/campaign-service/facts';
import { CampaignEvent } from '@campaign/contracts';
import { testEnvironment } from '@campaign/testing';

// Temporal retries an activity that died after writing; the second write must change nothing.
describe('the campaign read model (real PostgreSQL)', () => {
  const db = createPrismaClient(testEnvironment().databaseUrls.campaign);
  const facts = createCampaignFacts(db);

  afterAll(() => db.$disconnect());

  it('applies a batch of facts once, however often it is recorded', async () => {
    const campaignId = randomUUID();
    await db.campaign.create({
      data: {
        id: campaignId,
        brandId: 'brand-1',
        createdBy: 'user-1',
        title: 'Twice',
        brief: 'b',
        qualifications: {},
        storyImageUrls: [],
        schedule: {},
      },
    });
    const about = { campaignId, brandId: 'brand-1' };
    const at = '2026-11-25T10:00:00.000Z';
    const event = (type: string, payload: object) =>
      CampaignEvent.parse({
        id: randomUUID(),
        type,
        version: 1,
        occurredAt: at,
        subject: campaignId,
        payload: { ...about, ...payload },
      });
    const batch = [
      event('CampaignPublished', {
        title: 'Twice',
        publishedBy: 'user-1',
        publishedAt: at,
        closesAt: '2026-12-01T10:00:00.000Z',
      }),
      event('ApplicationReceived', { influencerId: 'ann', at, source: 'applied' }),
      event('ApplicationReceived', {
        influencerId: 'zed',
        at,
        source: 'manual',
        addedBy: 'ops-layla',
        reason: 'profile outdated',
      }),
      event('ApplicantsMoved', { influencerIds: ['ann', 'zed'], to: 'selected', at }),
      event('AgreementSent', {
        title: 'Twice',
        influencerId: 'ann',
        sentAt: at,
        deadline: '2026-11-28T10:00:00.000Z',
      }),
      event('AgreementSigned', { title: 'Twice', influencerId: 'ann', at }),
      event('CampaignClosed', {
        closedAt: at,
        reason: 'ops',
        closedBy: 'ops-layla',
        note: 'asked',
      }),
      event('CollaborationStarted', {
        title: 'Twice',
        startedAt: at,
        startedBy: 'user-1',
        group: ['ann'],
        others: ['zed'],
        lapsedAgreements: [],
      }),
    ];

    const snapshot = async () => ({
      campaign: await db.campaign.findUniqueOrThrow({
        where: { id: campaignId },
        select: { status: true, publishedAt: true, closedAt: true, collaborationStartedAt: true },
      }),
      applications: await db.application.findMany({
        where: { campaignId },
        orderBy: { influencerId: 'asc' },
      }),
      agreements: await db.agreement.findMany({ where: { campaignId } }),
      collaborators: await db.collaborator.findMany({ where: { campaignId } }),
      audit: await db.opsAction.findMany({ where: { campaignId }, orderBy: { action: 'asc' } }),
    });

    await facts.record(batch);
    const once = await snapshot();
    await facts.record(batch);
    expect(await snapshot()).toEqual(once);

    expect(once.campaign.status).toBe('closed');
    expect(once.applications.map((row) => [row.influencerId, row.status, row.source])).toEqual([
      ['ann', 'selected', 'applied'],
      ['zed', 'selected', 'manual'],
    ]);
    expect(once.agreements.map((row) => row.status)).toEqual(['accepted']);
    expect(once.collaborators.map((row) => row.influencerId)).toEqual(['ann']);
    expect(once.audit.map((row) => [row.action, row.actor, row.reason])).toEqual([
      ['add_manually', 'ops-layla', 'profile outdated'],
      ['close_early', 'ops-layla', 'asked'],
    ]);
  });

  it('sends agreements in bulk, a resend replacing the expired one and its reminder', async () => {
    const campaignId = randomUUID();
    await db.campaign.create({
      data: {
        id: campaignId,
        brandId: 'brand-1',
        createdBy: 'user-1',
        title: 'Again',
        brief: 'b',
        qualifications: {},
        storyImageUrls: [],
        schedule: {},
      },
    });
    const event = (type: string, payload: object) =>
      CampaignEvent.parse({
        id: randomUUID(),
        type,
        version: 1,
        occurredAt: '2026-11-25T10:00:00.000Z',
        subject: campaignId,
        payload: { campaignId, brandId: 'brand-1', title: 'Again', ...payload },
      });
    const sent = (influencerId: string, sentAt: string, deadline: string) =>
      event('AgreementSent', { influencerId, sentAt, deadline });
    await facts.record([
      sent('ann', '2026-11-25T10:00:00.000Z', '2026-11-28T10:00:00.000Z'),
      sent('bob', '2026-11-25T10:00:00.000Z', '2026-11-28T10:00:00.000Z'),
      event('AgreementReminderDue', {
        influencerId: 'ann',
        deadline: '2026-11-28T10:00:00.000Z',
        dueAt: '2026-11-27T10:00:00.000Z',
      }),
      event('AgreementExpired', { influencerId: 'ann', at: '2026-11-28T10:00:00.000Z' }),
    ]);
    const resend = [
      sent('ann', '2026-11-29T10:00:00.000Z', '2026-12-02T10:00:00.000Z'),
      sent('cat', '2026-11-29T10:00:00.000Z', '2026-12-02T10:00:00.000Z'),
    ];
    await facts.record(resend);
    await facts.record(resend);

    const rows = await db.agreement.findMany({
      where: { campaignId },
      orderBy: { influencerId: 'asc' },
    });
    expect(
      rows.map((row) => [
        row.influencerId,
        row.status,
        row.deadline.toISOString(),
        row.remindedAt,
        row.decidedAt,
      ]),
    ).toEqual([
      ['ann', 'pending', '2026-12-02T10:00:00.000Z', null, null],
      ['bob', 'pending', '2026-11-28T10:00:00.000Z', null, null],
      ['cat', 'pending', '2026-12-02T10:00:00.000Z', null, null],
    ]);
  });
});
