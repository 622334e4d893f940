import { createPrismaClient } from '@campaign/campaign-service';
import { influencerKey, issueToken } from '@campaign/service-runtime';
import pg from 'pg';
import { COMPRESSED_WEEK } from '../bench/campaign-week';
import type { Send } from './retrying-client';

export type Cast = {
  brandId: string;
  brandUserId: string;
  brand: string;
  ops: string;
  /** Per campaign, its own influencers: ids, tokens and mail addresses. */
  campaigns: { influencers: { id: string; auth: string; email: string }[] }[];
};

/**
 * The brand, ops and every campaign's own influencers, stored straight in the services'
 * databases (profiles in the campaign service's, mail addresses in the notifications service's),
 * with the tokens the services accept.
 */
export async function seedCast(
  databaseUrls: { campaign: string; notifications: string },
  authSecret: string,
  campaigns: number,
  influencers: number,
): Promise<Cast> {
  const brandId = 'multi-node-brand';
  const brandUserId = 'multi-node-brand-user';
  const db = createPrismaClient(databaseUrls.campaign);
  const mail = new pg.Client({ connectionString: databaseUrls.notifications });
  await mail.connect();
  try {
    await db.brand.upsert({
      where: { id: brandId },
      create: { id: brandId, name: 'Multi-node Brand', plan: 'enterprise' },
      update: {},
    });
    const cast: Cast = {
      brandId,
      brandUserId,
      brand: `Bearer ${await issueToken({ role: 'brand', userId: brandUserId, brandId }, authSecret)}`,
      ops: `Bearer ${await issueToken({ role: 'ops', userId: 'multi-node-ops' }, authSecret)}`,
      campaigns: [],
    };
    for (let c = 0; c < campaigns; c++) {
      const ids = Array.from({ length: influencers }, (_, i) => `mn-${c + 1}-${i + 1}`);
      await db.influencerProfile.createMany({
        data: ids.map((id) => ({
          id,
          handle: `@${id}`,
          displayName: `Creator ${id}`,
          niches: ['beauty'],
          country: 'NL',
          followers: 10_000,
          engagementRate: 3.5,
          shippingAddress: { street: 'Keizersgracht 1', city: 'Amsterdam', country: 'NL' },
        })),
        skipDuplicates: true,
      });
      const people = await Promise.all(
        ids.map(async (id) => ({
          id,
          auth: `Bearer ${await issueToken({ role: 'influencer', userId: id }, authSecret)}`,
          email: `${id}@multi-node.campaign-platform.test`,
        })),
      );
      for (const person of people) {
        await mail.query(
          'INSERT INTO mail_addresses (recipient_id, email, updated_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING',
          [influencerKey(person.id), person.email],
        );
      }
      cast.campaigns.push({ influencers: people });
    }
    return cast;
  } finally {
    await db.$disconnect();
    await mail.end();
  }
}

/**
 * One campaign's compressed week through the campaign service's proxy, one action at a time:
 * create and publish, each influencer applies, the brand selects them all and sends their
 * agreements, each signs, ops close it, the brand starts the collaboration. `done` is called
 * after each action, so the proof can time its kills by the work done.
 */
export async function runWeek(
  send: Send,
  campaignUrl: string,
  campaignDatabaseUrl: string,
  cast: Cast,
  index: number,
  done: () => void,
): Promise<string> {
  const influencers = cast.campaigns[index]!.influencers;
  const created = await send(campaignUrl, 'POST', '/campaigns', cast.brand, {
    title: `Multi-node glow ${index + 1}`,
    brief: 'Show our SPF in your morning routine',
    schedule: COMPRESSED_WEEK,
    qualifications: {},
  });
  const { id } = (await created.json()) as { id: string };
  done();
  await send(campaignUrl, 'POST', `/campaigns/${id}/publish`, cast.brand);
  await untilPublished(campaignDatabaseUrl, id);
  done();
  for (const person of influencers) {
    await send(campaignUrl, 'POST', `/campaigns/${id}/applications`, person.auth);
    done();
  }
  const influencerIds = influencers.map((person) => person.id);
  await send(campaignUrl, 'POST', `/campaigns/${id}/selection`, cast.brand, {
    influencerIds,
    status: 'selected',
  });
  done();
  await send(campaignUrl, 'POST', `/campaigns/${id}/agreements`, cast.brand, { influencerIds });
  done();
  for (const person of influencers) {
    await send(campaignUrl, 'POST', `/campaigns/${id}/agreement/sign`, person.auth);
    done();
  }
  await send(campaignUrl, 'POST', `/campaigns/${id}/close`, cast.ops, {
    reason: 'multi-node proof: every agreement is signed',
  });
  done();
  await send(campaignUrl, 'POST', `/campaigns/${id}/collaboration`, cast.brand);
  done();
  return id;
}

/** Actions of one week with `influencers` people: create, publish, apply, select, send, sign, close, start. */
export const actionsPerWeek = (influencers: number) => 6 + 2 * influencers;

async function untilPublished(databaseUrl: string, id: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { rows } = await client.query<{ status: string }>(
        'SELECT status FROM campaigns WHERE id = $1',
        [id],
      );
      if (rows[0]?.status === 'published') return;
      if (Date.now() > deadline) throw new Error(`campaign ${id} was not published within 90 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}
