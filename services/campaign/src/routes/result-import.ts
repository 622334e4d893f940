import { CampaignIdParams, PostedResult, ResultImport } from '@campaign/contracts';
import {
  ApiRoutes,
  HttpProblem,
  dependencyUnavailable,
  parseBody,
  parseParams,
} from '@campaign/service-runtime';
import { SocialNetworkError } from '@campaign/social-network';
import type { CollaborationStore } from '../db/collaboration-store';
import type { InsightsImport, InsightsImportOutcome } from '../social/insights-import';

/** Why the collaborator's account cannot read the post, in their words. */
function noAccountReason(account: Extract<InsightsImportOutcome, { outcome: 'no-account' }>) {
  switch (account.account) {
    case 'disconnected':
      return 'Connect your Instagram account to import a post’s insights.';
    case 'expired':
      return 'Connect your Instagram account again (its access expired) to import a post’s insights.';
    case 'revoked':
      return 'Connect your Instagram account again (its access was revoked) to import a post’s insights.';
  }
}

/**
 * A collaborator imports a post's results from its insights on their connected account, instead
 * of typing them in. The same post imported again answers the same result, its figures brought up
 * to date: one post counts once, however often its link is sent.
 */
export function resultImportRoutes(deps: {
  collaborations: CollaborationStore;
  importInsights: InsightsImport;
}) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'post',
      path: '/campaigns/:campaignId/results/import',
      summary: 'Import the results of my post from its Instagram insights',
      roles: ['influencer'],
      rolesNote: 'a collaborator of the campaign, with a connected Instagram account',
      params: CampaignIdParams,
      body: ResultImport,
      success: {
        status: 200,
        description: 'The post’s result, marked `insights` (the same one when imported before)',
        schema: PostedResult,
      },
      refusals: [404, 422],
    },
    async (req, res, influencer) => {
      const { campaignId } = parseParams(CampaignIdParams, req);
      const { postUrl } = parseBody(ResultImport, req);
      if (!(await deps.collaborations.isCollaborator(campaignId, influencer.userId))) {
        throw new HttpProblem(
          404,
          'Collaboration not found',
          'You are not in the group of this campaign; results come from its collaborators.',
        );
      }
      let imported: InsightsImportOutcome;
      try {
        imported = await deps.importInsights({
          campaignId,
          influencerId: influencer.userId,
          postUrl,
        });
      } catch (error) {
        if (error instanceof SocialNetworkError && error.transient) {
          throw Object.assign(
            dependencyUnavailable('Instagram did not answer; try again in a minute.'),
            { cause: error },
          );
        }
        throw error;
      }
      switch (imported.outcome) {
        case 'no-account':
          throw new HttpProblem(422, 'No connected account', noAccountReason(imported));
        case 'not-on-account':
          throw new HttpProblem(
            422,
            'Not your post',
            `The link is not a post of your Instagram account @${imported.username}.`,
          );
        case 'imported':
          res.status(200).json(imported.result);
      }
    },
  );

  return routes;
}
