// What the campaign workflow's worker needs of the campaign service (without its HTTP app): how
// facts are recorded and how their events leave.
export { createPrismaClient, type CampaignDb } from './db/prisma-client';
export { createCampaignFacts, type CampaignFacts } from './db/campaign-facts';
export { createCampaignEventOutbox, type CampaignEventOutbox } from './db/campaign-event-outbox';
export { startCampaignEventRelay } from './events/campaign-event-relay';
