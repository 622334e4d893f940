import { randomUUID } from 'node:crypto';
import { createPrismaClient as campaignDb } from '@campaign/campaign-service';
import {
  createCollaborationGroupStore,
  createPrismaClient as messagingDb,
  createSupportStore,
} from '@campaign/messaging-service';
import {
  createInboxStore,
  createPrismaClient as notificationsDb,
} from '@campaign/notifications-service';
import { brandTeamKey, influencerKey, issueToken, type Identity } from '@campaign/service-runtime';

/** Who the fuzzer calls as: one caller of each role, with fixed ids so a rerun reuses them. */
export const fuzzCallers = {
  brand: { role: 'brand', userId: 'fuzz-brand-user', brandId: 'fuzz-brand' },
  influencer: { role: 'influencer', userId: 'fuzz-influencer' },
  ops: { role: 'ops', userId: 'fuzz-ops' },
} as const satisfies Record<string, Identity>;

export type FuzzCaller = keyof typeof fuzzCallers;

/** Records the fuzzer can name in paths, by parameter name, per service. */
export type KnownIds = {
  campaign: { campaignId: string[] };
  messaging: { campaignId: string[]; conversationId: string[]; supportConversationId: string[] };
  notifications: { notificationId: string[] };
};

type Where = {
  /** Base URL of the running campaign API: campaigns are made through it, as a brand would. */
  campaignApi: string;
  authSecret: string;
  databaseUrls: { campaign: string; messaging: string; notifications: string };
};

/**
 * Gives the fuzzer something to find behind its ids: the callers' brand and profile, a draft
 * and a published campaign with an application, the collaboration's chat, a conversation with
 * customer success opened by the brand and one by the influencer, and a notification in each
 * caller's inbox. Without them every id it sends is unknown and the handlers behind the
 * lookups are never reached. Safe to repeat: each run adds two campaigns.
 */
export async function seedFuzzData(where: Where): Promise<KnownIds> {
  const tokens = Object.fromEntries(
    await Promise.all(
      Object.entries(fuzzCallers).map(async ([caller, identity]) => [
        caller,
        await issueToken(identity, where.authSecret),
      ]),
    ),
  ) as Record<FuzzCaller, string>;
  const call = async (caller: FuzzCaller, method: string, url: string, body?: object) => {
    const response = await fetch(`${where.campaignApi}${url}`, {
      method,
      headers: { authorization: `Bearer ${tokens[caller]}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`Seeding: ${method} ${url} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  };

  const campaigns = campaignDb(where.databaseUrls.campaign);
  const { brandId } = fuzzCallers.brand;
  try {
    await campaigns.brand.upsert({
      where: { id: brandId },
      create: { id: brandId, name: 'Fuzz brand', plan: 'enterprise' },
      update: {},
    });
  } finally {
    await campaigns.$disconnect();
  }
  await call('influencer', 'PUT', '/me/profile', {
    handle: '@fuzz_influencer',
    displayName: 'Fuzz influencer',
    niches: ['beauty'],
    country: 'NL',
    shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
  });
  const create = async () =>
    (await call('brand', 'POST', '/campaigns', { title: 'Fuzz glow', brief: 'Fuzz me' }))
      .id as string;
  const draft = await create();
  const published = await create();
  await call('brand', 'POST', `/campaigns/${published}/publish`);
  await waitUntilPublished(() => call('brand', 'GET', `/campaigns/${published}`));
  await call('influencer', 'POST', `/campaigns/${published}/applications`);

  const messaging = messagingDb(where.databaseUrls.messaging);
  const notifications = notificationsDb(where.databaseUrls.notifications);
  try {
    await createCollaborationGroupStore(messaging).start({
      campaignId: published,
      brandId,
      influencerIds: [fuzzCallers.influencer.userId],
      startedAt: new Date(),
    });
    const conversations = await messaging.conversation.findMany({
      where: { campaignId: published },
    });
    const support = createSupportStore(messaging);
    await support.recordParties(published, [
      brandTeamKey(brandId),
      influencerKey(fuzzCallers.influencer.userId),
    ]);
    const supportConversations = await Promise.all(
      [fuzzCallers.brand, fuzzCallers.influencer].map(
        async (requester) =>
          (await support.open(requester, 'Fuzz needs help', published)).conversation.id,
      ),
    );
    const eventId = randomUUID();
    await createInboxStore(notifications).deliver(
      eventId,
      Object.values(fuzzCallers).map((caller) => ({
        recipientId: caller.userId,
        kind: 'congratulations',
        title: 'Fuzz',
        body: 'A notification to read',
        campaignId: published,
      })),
    );
    const delivered = await notifications.notification.findMany({ where: { eventId } });
    return {
      campaign: { campaignId: [draft, published] },
      messaging: {
        campaignId: [published],
        conversationId: conversations.map((conversation) => conversation.id),
        supportConversationId: supportConversations,
      },
      notifications: { notificationId: delivered.map((notification) => notification.id) },
    };
  } finally {
    await messaging.$disconnect();
    await notifications.$disconnect();
  }
}

/** Publishing is the workflow's to record; it is done when the campaign reads as published. */
async function waitUntilPublished(read: () => Promise<Record<string, unknown>>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await read()).status !== 'published') {
    if (Date.now() > deadline) throw new Error('Seeding: the campaign was not published in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
