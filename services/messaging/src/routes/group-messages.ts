import { GroupMessageSent, MessageBody } from '@campaign/contracts';
import { ApiRoutes, HttpProblem, parseBody, parseParams } from '@campaign/service-runtime';
import { z } from 'zod';
import type { CollaborationGroupStore } from '../db/collaboration-group-store';
import { toMessageView } from './message-view';

const CampaignParams = z.object({ campaignId: z.uuid() });

/** The brand writes to its whole collaboration at once; each member reads it one-on-one. */
export function groupMessageRoutes(deps: { groups: CollaborationGroupStore }) {
  const routes = new ApiRoutes();
  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/group-messages',
      summary: 'Send one message to every collaborator of a started collaboration',
      roles: ['brand', 'ops'],
      rolesNote: 'the campaign’s brand, ops',
      params: CampaignParams,
      body: MessageBody,
      success: { status: 201, description: 'Posted to each member', schema: GroupMessageSent },
      refusals: [404],
    },
    async (req, res, sender) => {
      const { campaignId } = parseParams(CampaignParams, req);
      const { body } = parseBody(MessageBody, req);
      const messages = await deps.groups.post(sender, campaignId, body);
      if (!messages) {
        throw new HttpProblem(
          404,
          'Collaboration not found',
          `There is no started collaboration for campaign ${campaignId} for you; group messages go to a collaboration's members.`,
        );
      }
      res.status(201).json({
        campaignId,
        recipients: messages.length,
        messages: messages.map(toMessageView),
      });
    },
  );
  return routes;
}
