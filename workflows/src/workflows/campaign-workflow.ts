import { proxyActivities, sleep, uuid4 } from '@temporalio/workflow';
import type { CampaignWorkflowInput } from '@campaign/contracts';
import type { CampaignActivities } from '../activities/campaign-activities';

// Deterministic code only: time comes from the workflow clock, ids from the seeded uuid4, and every
// side effect is an activity. Activities are idempotent, so a retry never shows twice.
const { recordPublished, recordClosed } = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<void> {
  const publishedAt = Date.now();
  const closeAfterMs = input.schedule.closeAfterSeconds * 1000;
  const closesAt = publishedAt + closeAfterMs;
  // The timer starts with the publish, not after the activity, so the close lands on the dot.
  const closeMoment = sleep(closeAfterMs);
  await recordPublished({
    eventId: uuid4(),
    campaignId: input.campaignId,
    brandId: input.brandId,
    title: input.title,
    publishedBy: input.publishedBy,
    publishedAt: new Date(publishedAt).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
  });

  await closeMoment;

  await recordClosed({
    eventId: uuid4(),
    campaignId: input.campaignId,
    brandId: input.brandId,
    closedAt: new Date(closesAt).toISOString(),
    reason: 'schedule',
  });
}
