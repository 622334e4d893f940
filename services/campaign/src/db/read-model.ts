import type { CampaignEvent } from '@campaign/contracts';
import type { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * How the campaign workflow's facts land in the campaign service's tables, inside the caller's
 * transaction. Applying the same events again leaves the rows as applying them once (every write
 * is an upsert or a guarded update), so a retried recording changes nothing the first one did.
 */
export async function applyToReadModel(tx: Tx, events: CampaignEvent[]): Promise<void> {
  for (let at = 0; at < events.length;) {
    // A burst's batch is mostly applications, a bulk send of agreements all agreements: a run of
    // either is one statement instead of one each.
    const applications = runOf(events, at, 'ApplicationReceived');
    const agreements = runOf(events, at, 'AgreementSent');
    if (applications.length > 0) {
      await storeApplications(tx, applications);
      at += applications.length;
    } else if (agreements.length > 1) {
      await storeAgreementsSent(tx, agreements);
      at += agreements.length;
    } else {
      await applyEvent(tx, events[at]!);
      at += 1;
    }
  }
}

type EventOf<Type extends CampaignEvent['type']> = Extract<CampaignEvent, { type: Type }>;
type ApplicationReceived = EventOf<'ApplicationReceived'>;

/** The events of one type recorded one after another from `at` on. */
function runOf<Type extends CampaignEvent['type']>(
  events: CampaignEvent[],
  at: number,
  type: Type,
): EventOf<Type>[] {
  const run: EventOf<Type>[] = [];
  for (let i = at; i < events.length && events[i]!.type === type; i += 1) {
    run.push(events[i] as EventOf<Type>);
  }
  return run;
}

/** As `AgreementSent` one by one: a new agreement, or a resend replacing an expired one. */
async function storeAgreementsSent(tx: Tx, run: EventOf<'AgreementSent'>[]): Promise<void> {
  // A row may be named once per statement; the latest sending of an agreement is the one kept.
  const events = [...new Map(run.map((event) => [event.payload.influencerId, event])).values()];
  const column = <T>(pick: (payload: EventOf<'AgreementSent'>['payload']) => T) =>
    events.map((event) => pick(event.payload));
  await tx.$executeRaw`
    INSERT INTO "agreements" ("campaign_id", "influencer_id", "status", "sent_at", "deadline")
    SELECT campaign_id, influencer_id, 'pending', sent_at, deadline
    FROM unnest(
      ${column((p) => p.campaignId)}::uuid[],
      ${column((p) => p.influencerId)}::text[],
      ${column((p) => new Date(p.sentAt))}::timestamptz[],
      ${column((p) => new Date(p.deadline))}::timestamptz[]
    ) AS sent(campaign_id, influencer_id, sent_at, deadline)
    ON CONFLICT ("campaign_id", "influencer_id") DO UPDATE SET
      "status" = 'pending',
      "sent_at" = EXCLUDED."sent_at",
      "deadline" = EXCLUDED."deadline",
      "decided_at" = NULL,
      "reminded_at" = NULL`;
}

/**
 * A run of applications in one statement instead of one each (a batch of a hundred costs one
 * round trip); an application already stored stays as it is, as the one-by-one upsert leaves it.
 */
async function storeApplications(tx: Tx, events: ApplicationReceived[]): Promise<void> {
  await tx.application.createMany({
    data: events.map(({ payload: { campaignId, influencerId, at, source } }) => ({
      campaignId,
      influencerId,
      source,
      appliedAt: new Date(at),
      updatedAt: new Date(at),
    })),
    skipDuplicates: true,
  });
  for (const event of events) {
    const { campaignId, influencerId, at, addedBy, reason } = event.payload;
    if (addedBy) {
      await audit(
        tx,
        event.id,
        campaignId,
        addedBy,
        'add_manually',
        influencerId,
        reason ?? '',
        at,
      );
    }
  }
}

async function applyEvent(tx: Tx, event: CampaignEvent): Promise<void> {
  switch (event.type) {
    case 'CampaignPublished': {
      const { campaignId, publishedAt, closesAt } = event.payload;
      await tx.campaign.updateMany({
        where: { id: campaignId, status: 'draft' },
        data: {
          status: 'published',
          publishedAt: new Date(publishedAt),
          closesAt: new Date(closesAt),
        },
      });
      return;
    }
    case 'CampaignClosed': {
      const { campaignId, closedAt, closedBy, note } = event.payload;
      await tx.campaign.updateMany({
        where: { id: campaignId, status: { in: ['draft', 'published'] } },
        data: { status: 'closed', closedAt: new Date(closedAt) },
      });
      if (closedBy) {
        await audit(tx, event.id, campaignId, closedBy, 'close_early', null, note ?? '', closedAt);
      }
      return;
    }
    case 'ApplicationReceived':
      return storeApplications(tx, [event]);
    case 'ApplicantsMoved': {
      const { campaignId, influencerIds, to, at } = event.payload;
      await tx.application.updateMany({
        where: { campaignId, influencerId: { in: influencerIds } },
        data: { status: to, updatedAt: new Date(at) },
      });
      return;
    }
    case 'InfluencerInvited': {
      const { campaignId, influencerId, invitedBy, at } = event.payload;
      await tx.invitation.upsert({
        where: { campaignId_influencerId: { campaignId, influencerId } },
        create: { campaignId, influencerId, invitedBy, invitedAt: new Date(at) },
        update: {},
      });
      return;
    }
    case 'AgreementSent': {
      const { campaignId, influencerId, sentAt, deadline } = event.payload;
      const agreement = {
        status: 'pending' as const,
        sentAt: new Date(sentAt),
        deadline: new Date(deadline),
        decidedAt: null,
        remindedAt: null,
      };
      // A resend after an expiry replaces the expired agreement.
      await tx.agreement.upsert({
        where: { campaignId_influencerId: { campaignId, influencerId } },
        create: { campaignId, influencerId, ...agreement },
        update: agreement,
      });
      return;
    }
    case 'AgreementSigned':
    case 'AgreementDeclined':
    case 'AgreementExpired': {
      const { campaignId, influencerId, at } = event.payload;
      const status = (
        {
          AgreementSigned: 'accepted',
          AgreementDeclined: 'declined',
          AgreementExpired: 'expired',
        } as const
      )[event.type];
      await tx.agreement.updateMany({
        where: { campaignId, influencerId },
        data: { status, decidedAt: new Date(at) },
      });
      return;
    }
    case 'CollaborationStarted': {
      const { campaignId, startedAt } = event.payload;
      const when = new Date(startedAt);
      await tx.campaign.updateMany({
        where: { id: campaignId },
        data: { collaborationStartedAt: when },
      });
      if (event.version === 1) {
        await joinGroup(tx, campaignId, event.payload.group, when);
        await lapse(tx, campaignId, event.payload.lapsedAgreements, when);
      }
      return;
    }
    case 'CollaboratorsJoined': {
      const { campaignId, influencerIds, startedAt } = event.payload;
      await joinGroup(tx, campaignId, influencerIds, new Date(startedAt));
      return;
    }
    case 'AgreementsLapsed': {
      const { campaignId, influencerIds, at } = event.payload;
      await lapse(tx, campaignId, influencerIds, new Date(at));
      return;
    }
    case 'AgreementReminderDue': {
      const { campaignId, influencerId, dueAt } = event.payload;
      await tx.agreement.updateMany({
        where: { campaignId, influencerId, status: 'pending' },
        data: { remindedAt: new Date(dueAt) },
      });
      return;
    }
    case 'CampaignStoryDue':
    case 'CampaignStoryPosted':
    case 'CampaignStoryFailed':
    case 'CampaignNewsletterDue':
    case 'SelectionReminderDue':
    case 'InfluencersPassedOver':
      // For the notifications service; nothing on the board changes.
      return;
  }
}

function joinGroup(tx: Tx, campaignId: string, influencerIds: string[], startedAt: Date) {
  return tx.collaborator.createMany({
    data: influencerIds.map((influencerId) => ({ campaignId, influencerId, startedAt })),
    skipDuplicates: true,
  });
}

function lapse(tx: Tx, campaignId: string, influencerIds: string[], at: Date) {
  return tx.agreement.updateMany({
    where: { campaignId, influencerId: { in: influencerIds }, status: 'pending' },
    data: { status: 'lapsed', decidedAt: at },
  });
}

function audit(
  tx: Tx,
  id: string,
  campaignId: string,
  actor: string,
  action: string,
  influencerId: string | null,
  reason: string,
  at: string,
) {
  // The event id is the audit row's id: recording the same event twice writes one row.
  return tx.opsAction.createMany({
    data: [{ id, campaignId, actor, action, influencerId, reason, at: new Date(at) }],
    skipDuplicates: true,
  });
}
