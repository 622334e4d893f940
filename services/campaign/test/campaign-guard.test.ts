import type { Campaign } from '../src/generated/prisma/client';
import { campaignLoader } from '../src/routes/campaign-guard';

// The one way a route reaches the campaign it names; the stored rows are all it reads.
const draft = { id: 'c-draft', brandId: 'A', status: 'draft' } as Campaign;
const live = { id: 'c-live', brandId: 'A', status: 'published' } as Campaign;
const rows = new Map([draft, live].map((row) => [row.id, row]));
const loadCampaign = campaignLoader({ find: async (id) => rows.get(id) ?? null });

const brandA = { role: 'brand', userId: 'u1', brandId: 'A' } as const;
const brandB = { role: 'brand', userId: 'u2', brandId: 'B' } as const;
const influencer = { role: 'influencer', userId: 'i1' } as const;
const ops = { role: 'ops', userId: 'o1' } as const;

describe('loading the campaign a route names', () => {
  it('gives its own brand and ops the campaign, drafts included', async () => {
    await expect(loadCampaign('c-draft', brandA)).resolves.toBe(draft);
    await expect(loadCampaign('c-draft', ops)).resolves.toBe(draft);
    await expect(loadCampaign('c-live', influencer)).resolves.toBe(live);
  });

  it('answers another brand, and an influencer about a draft, as if it did not exist', async () => {
    const notFound = { status: 404, detail: 'There is no campaign c-draft for you.' };
    await expect(loadCampaign('c-draft', brandB)).rejects.toMatchObject(notFound);
    await expect(loadCampaign('c-draft', influencer)).rejects.toMatchObject(notFound);
    await expect(loadCampaign('c-gone', ops)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses a draft with 409 where the route needs it published', async () => {
    await expect(loadCampaign('c-draft', brandA, { published: true })).rejects.toMatchObject({
      status: 409,
      title: 'Not published',
    });
    await expect(loadCampaign('c-live', brandA, { published: true })).resolves.toBe(live);
  });
});
