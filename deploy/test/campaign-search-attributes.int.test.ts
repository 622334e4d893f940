import { CAMPAIGN_SEARCH_ATTRIBUTES, campaignWorkflowId } from '@campaign/contracts';
import { eventually } from '@campaign/testing';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createCampaign,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';

// Ops find a campaign in the Temporal UI (its visibility API) by brand, title words and phase, and
// read a summary of it, as `temporal workflow list --query …` does.
describe('finding a campaign in Temporal (real Temporal)', () => {
  let system: CampaignSystem;
  beforeAll(async () => {
    system = await startCampaignSystem('search-attributes-test');
  });
  afterAll(async () => {
    await system?.stop();
  });

  async function workflowIds(query: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const workflow of system.temporal.workflow.list({ query }))
      ids.push(workflow.workflowId);
    return ids.sort();
  }

  it('by its brand and title words, and by its phase as the week goes on', async () => {
    const brand = await createBrand(system, 'starter');
    const other = await createBrand(system, 'starter');
    const first = await createCampaign(system, brand.auth);
    const second = await createCampaign(system, brand.auth);
    const elsewhere = await createCampaign(system, other.auth);
    const { brand: brandKey, title, phase } = CAMPAIGN_SEARCH_ATTRIBUTES;

    await eventually(async () => {
      expect(await workflowIds(`${brandKey.name} = '${brand.id}'`)).toEqual(
        [campaignWorkflowId(first), campaignWorkflowId(second)].sort(),
      );
    });
    expect(
      await workflowIds(`${brandKey.name} = '${other.id}' AND ${title.name} = 'glow'`),
    ).toEqual([campaignWorkflowId(elsewhere)]);

    // Ops close one early: its phase changes in the index, the other's stays open.
    const ops = await bearer({ role: 'ops', userId: 'ops-search' });
    await request(system.app)
      .post(`/campaigns/${first}/close`)
      .set('authorization', ops)
      .send({ reason: 'The brand asked us to stop early' })
      .expect((response) => expect(response.status).toBeLessThan(300));
    await eventually(async () => {
      expect(
        await workflowIds(`${brandKey.name} = '${brand.id}' AND ${phase.name} = 'closed'`),
      ).toEqual([campaignWorkflowId(first)]);
      expect(
        await workflowIds(`${brandKey.name} = '${brand.id}' AND ${phase.name} = 'open'`),
      ).toEqual([campaignWorkflowId(second)]);
    });

    const description = await system.temporal.workflow
      .getHandle(campaignWorkflowId(first))
      .describe();
    expect(await description.staticSummary()).toBe(`“Summer glow” by ${brand.id}`);
  });
});
