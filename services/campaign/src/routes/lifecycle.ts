import {
  CampaignBoardView,
  CampaignIdParams,
  CloseEarlyRequest,
  ManualAdditionRequest,
  MoveApplicantsRequest,
  SendAgreementsRequest,
  type CampaignActionArgs,
  type CampaignActionName,
} from '@campaign/contracts';
import {
  ApiRoutes,
  type Identity,
  type Role,
  type RouteSpec,
  HttpProblem,
  idempotentRequestId,
  parseBody,
  parseParams,
} from '@campaign/service-runtime';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { BoardView } from '../db/board-store';
import type { CampaignStore } from '../db/campaign-store';
import { requireAccepted } from './require-accepted';
import type { CampaignLifecycle } from '../temporal/campaign-lifecycle';
import { campaignLoader } from './campaign-guard';

type Deps = {
  store: CampaignStore;
  lifecycle: CampaignLifecycle;
  boards: { board: (campaignId: string) => Promise<BoardView> };
};

const ActionAccepted = z.object({
  campaignId: z.uuid(),
  action: z.string(),
  accepted: z.literal(true),
});

/**
 * A lifecycle action on one campaign: same parameters and reply for every one. The refusals are
 * those its rules can give: 404 for a campaign the caller cannot reach, 409 for its state, 422 for
 * what the request names; the 403 for another role comes from `who`.
 */
function actionSpec<R extends Role>(
  path: string,
  summary: string,
  who: Pick<RouteSpec<R>, 'roles' | 'rolesNote'>,
  body?: RouteSpec['body'],
  refusals: number[] = [404, 409, 422],
): RouteSpec<R> {
  return {
    method: 'post',
    path: `/campaigns/:campaignId/${path}`,
    summary,
    ...who,
    params: CampaignIdParams,
    ...(body ? { body } : {}),
    success: { status: 200, description: 'Accepted and stored', schema: ActionAccepted },
    refusals,
  };
}

const ITS_BRAND = { roles: ['brand' as const], rolesNote: 'its own brand' };
const OPS = { roles: ['ops' as const] };

const moveAction = {
  pending: 'moveToPending',
  selected: 'select',
  declined: 'declineApplicant',
} as const;

/**
 * The lifecycle over HTTP. Each action goes to the campaign's workflow as an update; the
 * workflow's rules decide, and a refusal comes back as 409 or 422 with the rule in words.
 */
export function lifecycleRoutes({ store, lifecycle, boards }: Deps) {
  const routes = new ApiRoutes();
  const loadCampaign = campaignLoader(store);

  /** The published campaign the request names, if the caller may reach it. */
  const published = (req: Request, caller: Identity) =>
    loadCampaign(parseParams(CampaignIdParams, req).campaignId, caller, { published: true });

  async function answer<Name extends CampaignActionName>(
    req: Request,
    res: Response,
    campaignId: string,
    action: Name,
    args: CampaignActionArgs<Name>,
  ) {
    const outcome = await lifecycle.act(campaignId, action, args, idempotentRequestId(req));
    requireAccepted(outcome);
    res.status(200).json({ campaignId, action, accepted: true });
  }

  routes.add(
    {
      method: 'get',
      path: '/campaigns/:campaignId/board',
      summary: 'The board: applicants and agreements by state',
      roles: ['brand', 'ops'],
      rolesNote: 'its own brand, ops',
      params: CampaignIdParams,
      success: { status: 200, description: 'The board', schema: CampaignBoardView },
      refusals: [404, 409],
    },
    async (req, res, caller) => {
      const campaign = await published(req, caller);
      const board: CampaignBoardView = {
        campaignId: campaign.id,
        status: campaign.status,
        collaborationStartedAt: campaign.collaborationStartedAt?.toISOString() ?? null,
        ...(await boards.board(campaign.id)),
      };
      res.json(board);
    },
  );

  routes.add(
    actionSpec(
      'selection',
      'Move applicants between pending, selected and declined (nobody is told)',
      ITS_BRAND,
      MoveApplicantsRequest,
    ),
    async (req, res, brand) => {
      const campaign = await published(req, brand);
      const { influencerIds, status } = parseBody(MoveApplicantsRequest, req);
      await answer(req, res, campaign.id, moveAction[status], { influencerIds });
    },
  );

  routes.add(
    actionSpec(
      'agreements',
      'Send agreements to selected influencers (3 days to sign)',
      ITS_BRAND,
      SendAgreementsRequest,
    ),
    async (req, res, brand) => {
      const campaign = await published(req, brand);
      await answer(req, res, campaign.id, 'sendAgreement', parseBody(SendAgreementsRequest, req));
    },
  );

  routes.add(
    actionSpec('collaboration', 'Start the collaboration (once, after the close)', ITS_BRAND),
    async (req, res, brand) => {
      const campaign = await published(req, brand);
      await answer(req, res, campaign.id, 'startCollaboration', { startedBy: brand.userId });
    },
  );

  routes.add(
    actionSpec('close', 'Close the campaign early', OPS, CloseEarlyRequest, [404, 409]),
    async (req, res, ops) => {
      const campaign = await published(req, ops);
      const { reason } = parseBody(CloseEarlyRequest, req);
      await answer(req, res, campaign.id, 'closeEarly', { closedBy: ops.userId, reason });
    },
  );

  routes.add(
    actionSpec(
      'manual-additions',
      'Add an influencer who cannot apply, with the reason (audited)',
      OPS,
      ManualAdditionRequest,
      [404, 409],
    ),
    async (req, res, ops) => {
      const campaign = await published(req, ops);
      const { influencerId, reason } = parseBody(ManualAdditionRequest, req);
      await answer(req, res, campaign.id, 'addManually', {
        influencerId,
        addedBy: ops.userId,
        reason,
      });
    },
  );

  // The influencer acts on their own agreement only; anyone else's is not there for them.
  for (const [path, action] of [
    ['sign', 'sign'],
    ['decline', 'declineAgreement'],
  ] as const) {
    routes.add(
      actionSpec(
        `agreement/${path}`,
        path === 'sign' ? 'Sign my agreement' : 'Decline my agreement (for good)',
        { roles: ['influencer'], rolesNote: 'the influencer the agreement is for' },
      ),
      async (req, res, influencer) => {
        const { campaignId } = parseParams(CampaignIdParams, req);
        if (!(await store.hasAgreement(campaignId, influencer.userId))) {
          throw new HttpProblem(
            404,
            'Agreement not found',
            'You have no agreement for this campaign.',
          );
        }
        await answer(req, res, campaignId, action, { influencerId: influencer.userId });
      },
    );
  }

  return routes;
}
