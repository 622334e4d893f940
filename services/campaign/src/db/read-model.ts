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
    const applications = applicationsFrom(events, at);
    if (applications.length > 1) {
      await storeApplications(tx, applications);
      at += applications.length;
    } else {
      await applyEvent(tx, events[at]!);
      at += 1;
    }
  }
}

type ApplicationReceived = Extract<CampaignEvent, { type: 'ApplicationReceived' }>;

/** The applications recorded one after another from `at` on: a burst's batch is mostly these. */
function applicationsFrom(events: CampaignEvent[], at: number): ApplicationReceived[] {
  const run: ApplicationReceived[] = [];
  for (let i = at; i < events.length && events[i]!.type === 'ApplicationReceived'; i += 1) {
    run.push(events[i] as ApplicationReceived);
  }
  return run;
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
    case 'ApplicationReceived': {
      const { campaignId, influencerId, at, source, addedBy, reason } = event.payload;
      const when = new Date(at);
      await tx.application.upsert({
        where: { campaignId_influencerId: { campaignId, influencerId } },
        create: { campaignId, influencerId, source, appliedAt: when, updatedAt: when },
        update: {},
      });
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
      return;
    }
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
