import { CampaignIdParams } from '@campaign/contracts';
import {
  ApiRoutes,
  EventStreamHeaders,
  EventStreamQuery,
  followStreams,
  parseHeaders,
  parseParams,
  parseQuery,
  type Logger,
  type StreamListener,
} from '@campaign/service-runtime';
import type { CampaignChanges } from '../db/campaign-changes';
import type { CampaignStore } from '../db/campaign-store';
import { campaignLoader } from './campaign-guard';

/**
 * A campaign's changes, live: the brand's board (and ops') learns at once that an influencer
 * applied, an agreement was signed or the campaign closed, on whichever replica's worker recorded
 * it, and fetches the board again. Only what happened and when: the board says the rest.
 */
export function campaignChangeRoutes(deps: {
  store: CampaignStore;
  changes: CampaignChanges;
  logger: Logger;
  /** The process's listener on `campaign_changes`; without one nobody can follow live. */
  live?: StreamListener;
}) {
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(deps.store);
  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/changes',
      summary:
        "Follow a campaign's changes live (Server-Sent Events), resuming after Last-Event-ID",
      roles: ['brand', 'ops'],
      rolesNote: 'its own brand, ops',
      params: CampaignIdParams,
      headers: EventStreamHeaders,
      query: EventStreamQuery,
      success: {
        status: 200,
        description:
          'An event `change` per event recorded for the campaign (data: `{type, at}`, e.g. `ApplicationReceived`), oldest first; its `id` is the position to resume from with `Last-Event-ID`. Without one, from now on.',
      },
      refusals: [404, 409, 429],
      eventStream: { event: 'change' },
    },
    async (req, res, caller) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const campaign = await loadCampaign(campaignId, caller, { published: true });
      const { 'last-event-id': lastEventId } = parseHeaders(EventStreamHeaders, req);
      const { after } = parseQuery(EventStreamQuery, req);
      await followStreams({
        req,
        res,
        listener: deps.live,
        logger: deps.logger,
        resume:
          lastEventId !== undefined
            ? { value: lastEventId, from: 'header.last-event-id' }
            : after !== undefined
              ? { value: after, from: 'query.after' }
              : undefined,
        streams: {
          keys: [campaign.id],
          heads: async () => [await deps.changes.head(campaign.id)],
          after: (_index, position, limit) => deps.changes.after(campaign.id, position, limit),
        },
      });
    },
  );
  return routes;
}
