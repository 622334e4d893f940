// The recording side of the campaign service (how facts are stored and how their events leave),
// for tests that drive it without the worker; the worker itself wires it in worker/recording.ts.
export { createPrismaClient, type CampaignDb } from './db/prisma-client';
export { createCampaignFacts, type CampaignFacts } from './db/campaign-facts';
export { createCampaignRosterStore, type CampaignRosterStore } from './db/campaign-roster-store';
export { createCampaignEventOutbox, type CampaignEventOutbox } from './db/campaign-event-outbox';
export { startCampaignEventRelay } from './events/campaign-event-relay';
