import { HttpProblem } from '@campaign/service-runtime';

/** The same answer for a campaign that does not exist and one the caller may not see. */
export const campaignNotFound = (campaignId: string) =>
  new HttpProblem(404, 'Campaign not found', `There is no campaign ${campaignId} for you.`);

export const campaignNotPublished = () =>
  new HttpProblem(409, 'Not published', 'The campaign is a draft; publish it first.');
