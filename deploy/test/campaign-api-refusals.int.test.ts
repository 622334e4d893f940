import { randomUUID } from 'node:crypto';
import { createInfluencerProfileStore } from '@campaign/campaign-service';
import { eventually } from '@campaign/testing';
import request from 'supertest';
import {
  bearer,
  createBrand,
  createCampaign,
  createInfluencer,
  startCampaignSystem,
  type CampaignSystem,
} from './system/campaign-system';
import {
  answersWithoutToken,
  documentedOperations,
  problemReason,
  refusalCoverage,
  type DocumentedOperation,
} from './system/documented-refusals';

// Every refusal the campaign API documents, each asked for over HTTP on the real engines: the
// status, the problem+json body that names the reason, and nothing stored. A refusal the OpenAPI
// document declares but no row exercises fails the coverage test below, and so does a row whose
// status the document does not declare.

/** Campaigns of one brand, each in a state some refusal needs. */
type Fixture = 'draft' | 'open' | 'closed' | 'started' | 'lapsed' | 'unknown' | 'malformed';
type Caller =
  | 'nobody'
  | 'owner'
  | 'otherBrand'
  | 'starter'
  | 'ops'
  | 'newcomer' // an influencer without a profile
  | 'unconnected' // a profile of their own making, no social account
  | 'small' // an influencer below the open campaign's follower minimum
  | 'applicant' // applied to the open campaign
  | 'member' // signed, in the started collaboration
  | 'lapsedMember' // agreement pending when the collaboration started
  | 'expired' // agreement expired unsigned
  | 'ghostBrand'; // a brand token whose brand is not on the platform

/** The people the fixtures name; fresh ids so that no other test file meets them. */
const person = (name: string) => `${name}-${randomUUID()}`;
const people = {
  ann: person('ann'), // added to the open campaign by ops, pending
  dee: person('dee'), // selected on the open campaign, agreement out
  small: person('small'), // below the open campaign's follower minimum
  applicant: person('applicant'), // applied to the open campaign
  newcomer: person('newcomer'), // signed up, no profile yet
  unconnected: person('unconnected'), // a profile, no social account
  invitee: person('invitee'), // in the Network, on no campaign
  member: person('member'), // signed, in the started collaboration
  bob: person('bob'), // agreement still pending when the collaboration started
  cy: person('cy'), // agreement expired unsigned
};
const inviteeHandle = `@invitee_${randomUUID().slice(0, 8)}`;
/** An address already on the owner's team, and one that already has an ops account. */
const teammateEmail = `teammate-${randomUUID()}@refusals.campaign-platform.test`;
const opsEmail = `ops-${randomUUID()}@refusals.campaign-platform.test`;
/** Asked for a link until one client's requests are refused: an address nobody has. */
const nobodysEmail = `nobody-${randomUUID()}@refusals.campaign-platform.test`;
const newEmail = () => `new-${randomUUID()}@refusals.campaign-platform.test`;

type Row = {
  /** The operation as the OpenAPI document names it, with Express parameters. */
  op: string;
  on?: Fixture;
  as: Caller;
  body?: object;
  query?: string;
  status: number;
  says: RegExp;
};

// One refusal per line: the table reads best unwrapped.
// prettier-ignore
const rows: Row[] = [
  { op: 'POST /campaigns', as: 'applicant', body: { title: 'Mine', brief: 'b' }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns', as: 'owner', body: { title: 'x' }, status: 400, says: /title|brief/ },

  { op: 'GET /campaigns', as: 'applicant', status: 403, says: /for the role\(s\): brand, ops/ },
  { op: 'GET /campaigns', as: 'owner', query: 'brandId=someone-else', status: 403, says: /another brand's campaigns is for ops/ },
  { op: 'GET /campaigns', as: 'owner', query: 'status=archived', status: 400, says: /status/ },

  { op: 'GET /campaigns/:campaignId', on: 'open', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId', on: 'draft', as: 'applicant', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },

  { op: 'PATCH /campaigns/:campaignId', on: 'draft', as: 'applicant', body: { title: 'New title' }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'PATCH /campaigns/:campaignId', on: 'draft', as: 'otherBrand', body: { title: 'New title' }, status: 404, says: /no campaign/ },
  { op: 'PATCH /campaigns/:campaignId', on: 'draft', as: 'owner', body: { title: 'x' }, status: 400, says: /title/ },
  { op: 'PATCH /campaigns/:campaignId', on: 'open', as: 'owner', body: { title: 'Too late now' }, status: 409, says: /can no longer be edited/ },

  { op: 'POST /campaigns/:campaignId/publish', on: 'draft', as: 'applicant', status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns/:campaignId/publish', on: 'draft', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/publish', on: 'open', as: 'owner', status: 409, says: /published once/ },
  { op: 'POST /campaigns/:campaignId/publish', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },

  { op: 'GET /marketplace', as: 'applicant', query: 'limit=0', status: 400, says: /limit/ },

  { op: 'GET /campaigns/:campaignId/board', on: 'open', as: 'applicant', status: 403, says: /for the role\(s\): brand, ops/ },
  { op: 'GET /campaigns/:campaignId/board', on: 'open', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/board', on: 'draft', as: 'owner', status: 409, says: /publish it first/ },
  { op: 'GET /campaigns/:campaignId/board', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },

  { op: 'POST /campaigns/:campaignId/selection', on: 'open', as: 'applicant', body: { influencerIds: ['x'], status: 'selected' }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns/:campaignId/selection', on: 'open', as: 'otherBrand', body: { influencerIds: ['x'], status: 'selected' }, status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/selection', on: 'open', as: 'owner', body: { influencerIds: [], status: 'maybe' }, status: 400, says: /influencerIds|status/ },
  { op: 'POST /campaigns/:campaignId/selection', on: 'draft', as: 'owner', body: { influencerIds: ['x'], status: 'selected' }, status: 409, says: /publish it first/ },
  { op: 'POST /campaigns/:campaignId/selection', on: 'started', as: 'owner', body: { influencerIds: ['x'], status: 'selected' }, status: 409, says: /the group is final/ },
  { op: 'POST /campaigns/:campaignId/selection', on: 'open', as: 'owner', body: { influencerIds: ['stranger'], status: 'selected' }, status: 422, says: /Not an applicant of this campaign: stranger/ },

  { op: 'POST /campaigns/:campaignId/agreements', on: 'open', as: 'applicant', body: { influencerIds: ['x'] }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns/:campaignId/agreements', on: 'open', as: 'otherBrand', body: { influencerIds: ['x'] }, status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/agreements', on: 'open', as: 'owner', body: { influencerIds: 'x' }, status: 400, says: /influencerIds/ },
  { op: 'POST /campaigns/:campaignId/agreements', on: 'open', as: 'owner', body: { influencerIds: [people.ann] }, status: 422, says: new RegExp(`go only to selected influencers; not selected: ${people.ann}`) },
  { op: 'POST /campaigns/:campaignId/agreements', on: 'open', as: 'owner', body: { influencerIds: [people.dee] }, status: 409, says: new RegExp(`already pending or signed for: ${people.dee}`) },

  { op: 'POST /campaigns/:campaignId/collaboration', on: 'closed', as: 'applicant', status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns/:campaignId/collaboration', on: 'closed', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/collaboration', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'POST /campaigns/:campaignId/collaboration', on: 'open', as: 'owner', status: 409, says: /becomes available when it closes/ },
  { op: 'POST /campaigns/:campaignId/collaboration', on: 'closed', as: 'owner', status: 422, says: /the group would be empty/ },

  { op: 'POST /campaigns/:campaignId/close', on: 'open', as: 'owner', body: { reason: 'please' }, status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /campaigns/:campaignId/close', on: 'open', as: 'applicant', body: { reason: 'please' }, status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /campaigns/:campaignId/close', on: 'open', as: 'ops', body: { reason: '' }, status: 400, says: /reason/ },
  { op: 'POST /campaigns/:campaignId/close', on: 'unknown', as: 'ops', body: { reason: 'asked' }, status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/close', on: 'closed', as: 'ops', body: { reason: 'asked' }, status: 409, says: /already closed/ },

  { op: 'POST /campaigns/:campaignId/manual-additions', on: 'open', as: 'owner', body: { influencerId: 'x', reason: 'fits' }, status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /campaigns/:campaignId/manual-additions', on: 'open', as: 'ops', body: { influencerId: 'x' }, status: 400, says: /reason/ },
  { op: 'POST /campaigns/:campaignId/manual-additions', on: 'unknown', as: 'ops', body: { influencerId: 'x', reason: 'fits' }, status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/manual-additions', on: 'open', as: 'ops', body: { influencerId: people.ann, reason: 'fits' }, status: 409, says: new RegExp(`${people.ann} is already an applicant`) },

  { op: 'POST /campaigns/:campaignId/agreement/sign', on: 'started', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /campaigns/:campaignId/agreement/sign', on: 'open', as: 'applicant', status: 404, says: /no agreement/ },
  { op: 'POST /campaigns/:campaignId/agreement/sign', on: 'malformed', as: 'applicant', status: 400, says: /campaignId/ },
  { op: 'POST /campaigns/:campaignId/agreement/sign', on: 'started', as: 'lapsedMember', status: 409, says: /the group is final/ },
  { op: 'POST /campaigns/:campaignId/agreement/sign', on: 'lapsed', as: 'expired', status: 422, says: /The agreement expired at/ },
  { op: 'POST /campaigns/:campaignId/agreement/decline', on: 'started', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /campaigns/:campaignId/agreement/decline', on: 'open', as: 'applicant', status: 404, says: /no agreement/ },
  { op: 'POST /campaigns/:campaignId/agreement/decline', on: 'malformed', as: 'applicant', status: 400, says: /campaignId/ },
  { op: 'POST /campaigns/:campaignId/agreement/decline', on: 'started', as: 'lapsedMember', status: 409, says: /the group is final/ },
  { op: 'POST /campaigns/:campaignId/agreement/decline', on: 'lapsed', as: 'expired', status: 422, says: /The agreement expired at/ },

  { op: 'GET /network', on: 'open', as: 'applicant', status: 403, says: /for the role\(s\): brand/ },
  { op: 'GET /network', on: 'open', as: 'starter', status: 403, says: /Starter/ },
  { op: 'GET /network', on: 'open', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /network', on: 'open', as: 'owner', query: 'minFollowers=-5', status: 400, says: /minFollowers/ },

  { op: 'GET /campaigns/:campaignId/invitations/template', on: 'open', as: 'applicant', status: 403, says: /for the role\(s\): brand/ },
  { op: 'GET /campaigns/:campaignId/invitations/template', on: 'open', as: 'starter', status: 403, says: /Starter/ },
  { op: 'GET /campaigns/:campaignId/invitations/template', on: 'open', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/invitations/template', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'GET /campaigns/:campaignId/invitations/template', on: 'draft', as: 'owner', status: 409, says: /publish it first/ },

  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'applicant', body: { influencerId: 'x' }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'starter', body: { influencerId: 'x' }, status: 403, says: /Starter/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'otherBrand', body: { influencerId: 'x' }, status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'owner', body: { template: 'Hi there {influencer}' }, status: 400, says: /influencerId/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'owner', body: { influencerId: 'nobody-at-all' }, status: 404, says: /no influencer nobody-at-all/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'open', as: 'owner', body: { influencerId: people.applicant }, status: 409, says: /has already applied/ },
  { op: 'POST /campaigns/:campaignId/invitations', on: 'closed', as: 'owner', body: { influencerId: people.invitee }, status: 409, says: /closed at .* takes no new applications/ },

  { op: 'POST /campaigns/:campaignId/applications', on: 'open', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'draft', as: 'small', status: 404, says: /no campaign/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'malformed', as: 'small', status: 400, says: /campaignId/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'open', as: 'applicant', status: 409, says: /already applied/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'closed', as: 'small', status: 409, says: /takes no new applications/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'open', as: 'small', status: 422, says: /at least 1000000 followers \(you have 800\)/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'open', as: 'newcomer', status: 422, says: /Complete your influencer profile/ },
  { op: 'POST /campaigns/:campaignId/applications', on: 'open', as: 'unconnected', status: 422, says: /Connect your Instagram account: this campaign asks for at least 1000000 followers/ },

  { op: 'GET /campaigns/:campaignId/collaborations', on: 'started', as: 'member', status: 403, says: /for the role\(s\): brand/ },
  { op: 'GET /campaigns/:campaignId/collaborations', on: 'started', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/collaborations', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'GET /campaigns/:campaignId/collaborations', on: 'closed', as: 'owner', status: 409, says: /has not started/ },
  { op: 'GET /campaigns/:campaignId/collaborations/addresses.xlsx', on: 'started', as: 'member', status: 403, says: /for the role\(s\): brand/ },
  { op: 'GET /campaigns/:campaignId/collaborations/addresses.xlsx', on: 'started', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/collaborations/addresses.xlsx', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'GET /campaigns/:campaignId/collaborations/addresses.xlsx', on: 'open', as: 'owner', status: 409, says: /has not started/ },

  { op: 'POST /campaigns/:campaignId/results', on: 'started', as: 'owner', body: { postUrl: 'https://x.example/p' }, status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /campaigns/:campaignId/results', on: 'started', as: 'member', body: { postUrl: 'not a url' }, status: 400, says: /postUrl/ },
  { op: 'POST /campaigns/:campaignId/results', on: 'started', as: 'lapsedMember', body: resultOf('https://x.example/p'), status: 404, says: /not in the group of this campaign/ },
  { op: 'POST /campaigns/:campaignId/results/import', on: 'started', as: 'owner', body: { postUrl: 'https://www.instagram.com/p/ABC/' }, status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /campaigns/:campaignId/results/import', on: 'started', as: 'member', body: { postUrl: 'not a url' }, status: 400, says: /postUrl/ },
  { op: 'POST /campaigns/:campaignId/results/import', on: 'started', as: 'lapsedMember', body: { postUrl: 'https://www.instagram.com/p/ABC/' }, status: 404, says: /not in the group of this campaign/ },
  { op: 'POST /campaigns/:campaignId/results/import', on: 'started', as: 'member', body: { postUrl: 'https://www.instagram.com/p/ABC/' }, status: 422, says: /Connect your Instagram account to import a post’s insights/ },
  { op: 'GET /campaigns/:campaignId/results', on: 'started', as: 'member', status: 403, says: /for the role\(s\): brand/ },
  { op: 'GET /campaigns/:campaignId/results', on: 'started', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/results', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'GET /campaigns/:campaignId/results', on: 'open', as: 'owner', status: 409, says: /has not started/ },

  { op: 'GET /me/applications', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'GET /me/agreements', as: 'ops', status: 403, says: /for the role\(s\): influencer/ },

  { op: 'GET /me/profile', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'GET /me/profile', as: 'newcomer', status: 404, says: /no influencer profile yet/ },
  { op: 'PUT /me/profile', as: 'ops', body: profileEdit('@fresh_face'), status: 403, says: /for the role\(s\): influencer/ },
  { op: 'PUT /me/profile', as: 'newcomer', body: { ...profileEdit('no at sign'), followers: 1e6 }, status: 400, says: /handle|followers/ },
  { op: 'PUT /me/profile', as: 'newcomer', body: profileEdit(inviteeHandle), status: 409, says: new RegExp(`${inviteeHandle} belongs to another influencer`) },

  { op: 'POST /me/social-account/connection', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /me/social-account/connection', as: 'newcomer', status: 409, says: /Create your influencer profile/ },
  { op: 'POST /me/social-account/connection/callback', as: 'ops', body: { code: 'c', state: 's' }, status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /me/social-account/connection/callback', as: 'unconnected', body: { code: 'c' }, status: 400, says: /state/ },
  { op: 'POST /me/social-account/connection/callback', as: 'unconnected', body: { code: 'c', state: 'forged.state' }, status: 422, says: /not one this API issued/ },
  { op: 'GET /me/social-account', as: 'ops', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'DELETE /me/social-account', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /me/social-account/refresh', as: 'owner', status: 403, says: /for the role\(s\): influencer/ },
  { op: 'POST /me/social-account/refresh', as: 'unconnected', status: 409, says: /Connect your Instagram account first/ },
  { op: 'GET /ops/social-accounts', as: 'unconnected', query: 'status=expired', status: 403, says: /for the role\(s\): ops/ },
  { op: 'GET /ops/social-accounts', as: 'ops', query: 'status=connected', status: 400, says: /status/ },
  { op: 'GET /ops/social-accounts', as: 'ops', query: 'status=expired&cursor=forged', status: 400, says: /cursor/ },

  { op: 'GET /ops/audit', as: 'owner', status: 403, says: /for the role\(s\): ops/ },
  { op: 'GET /ops/audit', as: 'ops', query: 'limit=100000', status: 400, says: /limit/ },

  { op: 'GET /campaigns/:campaignId/story', on: 'open', as: 'otherBrand', status: 404, says: /no campaign/ },
  { op: 'GET /campaigns/:campaignId/story', on: 'open', as: 'applicant', status: 403, says: /for the role\(s\): brand, ops/ },
  { op: 'GET /campaigns/:campaignId/story', on: 'malformed', as: 'owner', status: 400, says: /campaignId/ },
  { op: 'GET /ops/stories', as: 'owner', status: 403, says: /for the role\(s\): ops/ },
  { op: 'GET /ops/stories', as: 'ops', query: 'status=scheduled', status: 400, says: /status/ },
  { op: 'GET /ops/stories', as: 'ops', query: 'cursor=forged', status: 400, says: /cursor/ },
  // The story card is public (the network fetches it): a draft's is not found, like no campaign's.
  { op: 'GET /story-cards/:campaignId.jpg', on: 'draft', as: 'nobody', status: 404, says: /no campaign/ },
  { op: 'GET /story-cards/:campaignId.jpg', on: 'malformed', as: 'nobody', status: 400, says: /campaignId/ },

  { op: 'POST /accounts/influencers', as: 'nobody', body: { displayName: 'Copy', handle: inviteeHandle, email: newEmail(), country: 'NL' }, status: 409, says: /That handle is taken/ },
  { op: 'POST /accounts/brands', as: 'nobody', body: { brandName: 'B', name: 'N', email: 'not-an-address' }, status: 400, says: /email/ },
  { op: 'POST /sign-in/sessions', as: 'nobody', body: { code: 'A'.repeat(43) }, status: 400, says: /no longer valid/ },
  { op: 'GET /me/account', as: 'ops', status: 404, says: /no account/ },
  { op: 'GET /brand/team', as: 'applicant', status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /brand/team/invitations', as: 'ops', body: { name: 'Eli', email: newEmail() }, status: 403, says: /for the role\(s\): brand/ },
  { op: 'POST /brand/team/invitations', as: 'ghostBrand', body: { name: 'Eli', email: newEmail() }, status: 404, says: /not on the platform/ },
  { op: 'POST /brand/team/invitations', as: 'owner', body: { name: 'Eli', email: teammateEmail }, status: 409, says: /already on your team/ },
  { op: 'POST /ops/accounts', as: 'owner', body: { name: 'Noor', email: newEmail() }, status: 403, says: /for the role\(s\): ops/ },
  { op: 'POST /ops/accounts', as: 'ops', body: { name: 'Noor', email: opsEmail }, status: 409, says: /already has an ops account/ },
  { op: 'GET /ops/brands', as: 'owner', status: 403, says: /for the role\(s\): ops/ },
  { op: 'PUT /ops/brands/:brandId/plan', as: 'owner', body: { plan: 'enterprise', reason: 'mine' }, status: 403, says: /for the role\(s\): ops/ },
  { op: 'PUT /ops/brands/:brandId/plan', as: 'ops', body: { plan: 'enterprise', reason: 'asked' }, status: 404, says: /no brand/ },
  { op: 'PUT /ops/brands/:brandId/plan', as: 'ops', body: { plan: 'gold', reason: 'asked' }, status: 400, says: /plan/ },
  { op: 'GET /ops/brands/:brandId/plan-changes', as: 'owner', status: 403, says: /for the role\(s\): ops/ },
  { op: 'GET /ops/brands/:brandId/plan-changes', as: 'ops', status: 404, says: /no brand/ },
  // Last: once one client has asked too often, every sign-up and sign-in of it is refused a while.
  { op: 'POST /sign-in/links', as: 'nobody', body: { email: nobodysEmail }, status: 429, says: /Too many sign-up or sign-in requests/ },
  { op: 'POST /sign-in/sessions', as: 'nobody', body: { code: 'A'.repeat(43) }, status: 429, says: /Too many/ },
  { op: 'POST /accounts/brands', as: 'nobody', body: { brandName: 'B', name: 'N', email: newEmail() }, status: 429, says: /Too many/ },
  { op: 'POST /accounts/influencers', as: 'nobody', body: { displayName: 'D', handle: '@late_comer', email: newEmail(), country: 'NL' }, status: 429, says: /Too many/ },
];

function profileEdit(handle: string) {
  return {
    handle,
    displayName: 'Fresh Face',
    niches: ['beauty'],
    country: 'NL',
    shippingAddress: { street: 'Prinsengracht 2', city: 'Amsterdam', country: 'NL' },
  };
}

function resultOf(postUrl: string) {
  return { postUrl, reach: 1200, impressions: 3000, likes: 140, comments: 12, clicks: 30 };
}

describe('the campaign API refuses with the reason, changing nothing (real engines)', () => {
  let system: CampaignSystem;
  let campaigns: Record<Fixture, string>;
  let auth: Record<Caller, string | null>;
  let documented: DocumentedOperation[];

  beforeAll(async () => {
    system = await startCampaignSystem('refusals-test');
    const owner = await createBrand(system, 'professional');
    const otherBrand = await createBrand(system, 'enterprise');
    const starter = await createBrand(system, 'starter');
    await createInfluencer(system, { id: people.small, followers: 800 });
    await createInfluencer(system, { id: people.applicant, followers: 2_000_000 });
    await createInfluencer(system, { id: people.invitee, handle: inviteeHandle });
    // A profile as an influencer makes it (PUT /me/profile): no figures until an account reports.
    await createInfluencerProfileStore(system.db).save(
      people.unconnected,
      profileEdit(`@unconnected_${randomUUID().slice(0, 8)}`),
    );
    const ops = await bearer({ role: 'ops', userId: 'ops-layla' });
    const influencer = (id: string) => bearer({ role: 'influencer', userId: id });
    auth = {
      nobody: null,
      owner: owner.auth,
      otherBrand: otherBrand.auth,
      starter: starter.auth,
      ops,
      newcomer: await influencer(people.newcomer),
      unconnected: await influencer(people.unconnected),
      small: await influencer(people.small),
      applicant: await influencer(people.applicant),
      member: await influencer(people.member),
      lapsedMember: await influencer(people.bob),
      expired: await influencer(people.cy),
      ghostBrand: await bearer({
        role: 'brand',
        userId: 'ghost',
        brandId: `ghost-${randomUUID()}`,
      }),
    };
    // The owner's team has a teammate; customer success has a colleague.
    await request(system.app)
      .post('/brand/team/invitations')
      .set('authorization', owner.auth)
      .send({ name: 'Eli', email: teammateEmail })
      .expect(201);
    await request(system.app)
      .post('/ops/accounts')
      .set('authorization', ops)
      .send({ name: 'Noor', email: opsEmail })
      .expect(201);
    const act = (campaignId: string, caller: string, path: string, body: object = {}) =>
      request(system.app)
        .post(`/campaigns/${campaignId}/${path}`)
        .set('authorization', caller)
        .send(body)
        .expect((response) => expect(response.status).toBeLessThan(300));
    const add = (campaignId: string, ...ids: string[]) =>
      Promise.all(
        ids.map((influencerId) =>
          act(campaignId, ops, 'manual-additions', { influencerId, reason: 'fixture' }),
        ),
      );
    const selectAndSend = async (campaignId: string, ...ids: string[]) => {
      await act(campaignId, owner.auth, 'selection', { influencerIds: ids, status: 'selected' });
      await act(campaignId, owner.auth, 'agreements', { influencerIds: ids });
    };

    const [draft, open, closed, started, lapsed] = await Promise.all([
      createCampaign(system, owner.auth, { draft: true }),
      createCampaign(system, owner.auth, { qualifications: { minFollowers: 1_000_000 } }),
      createCampaign(system, owner.auth),
      createCampaign(system, owner.auth),
      createCampaign(system, owner.auth, {
        schedule: { agreementWindowSeconds: 1, agreementReminderBeforeSeconds: 0 },
      }),
    ]);
    campaigns = {
      draft,
      open,
      closed,
      started,
      lapsed,
      unknown: randomUUID(),
      malformed: 'not-a-campaign-id',
    };
    // Open: `applicant` applied, ann added by ops and pending, dee selected with an agreement out.
    await act(open, auth.applicant!, 'applications');
    await add(open, people.ann, people.dee);
    await selectAndSend(open, people.dee);
    // Closed early by ops with nobody signed.
    await add(closed, people.ann);
    await act(closed, ops, 'close', { reason: 'fixture' });
    // Started: `member` signed and is in the group; bob's agreement was still pending.
    await add(started, people.member, people.bob);
    await selectAndSend(started, people.member, people.bob);
    await act(started, auth.member!, 'agreement/sign');
    await act(started, ops, 'close', { reason: 'fixture' });
    await act(started, owner.auth, 'collaboration');
    // Lapsed: cy's agreement ran out unsigned.
    await add(lapsed, people.cy);
    await selectAndSend(lapsed, people.cy);
    await eventually(async () => {
      const agreement = await system.db.agreement.findUniqueOrThrow({
        where: { campaignId_influencerId: { campaignId: lapsed, influencerId: people.cy } },
      });
      expect(agreement.status).toBe('expired');
    });
    await eventually(async () => {
      const row = await system.db.campaign.findUniqueOrThrow({ where: { id: started } });
      expect(row.collaborationStartedAt).not.toBeNull();
    });

    // Two have their own refusals tests: a campaign's live changes (campaign-changes, which holds
    // streams open) and the ops routes for parked events (dead-letters-over-http).
    documented = (await documentedOperations(system.app)).filter(
      ({ path }) =>
        path !== '/campaigns/{campaignId}/changes' && !path.startsWith('/ops/dead-letters'),
    );
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  let before: unknown;
  it('takes a snapshot of what the fixture campaigns store', async () => {
    before = await storedState(system, Object.values(campaigns));
    expect(before).toMatchObject({ campaigns: expect.any(Array) });
  });

  const titled = rows.map(
    (row) =>
      [
        `${row.op}${row.on ? ` on the ${row.on} campaign` : ''} as ${row.as} → ${row.status}`,
        row,
      ] as const,
  );
  it.each(titled)('%s', async (_title, { op, on, as, body, query, status, says }) => {
    const [method, template] = op.split(' ') as [string, string];
    let path = template
      .replace(':campaignId', on ? campaigns[on] : '')
      .replace(':brandId', 'no-such-brand');
    if (status === 429) {
      // One client asks for links (for an address nobody has) until it is refused.
      for (let asked = 0; asked < 1_000; asked++) {
        const link = await request(system.app).post('/sign-in/links').send({ email: nobodysEmail });
        if (link.status === 429) break;
        expect(link.status).toBe(202);
      }
    }
    if (template === '/network') path += `?campaignId=${campaigns[on!]}`;
    if (query) path += `${path.includes('?') ? '&' : '?'}${query}`;
    let call = request(system.app)[
      method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'
    ](path);
    if (auth[as]) call = call.set('authorization', auth[as]);
    const response = await (body ? call.send(body) : call);

    expect({ status: response.status, body: response.body }).toMatchObject({
      status,
      body: { status },
    });
    expect(response.type).toBe('application/problem+json');
    expect(problemReason(response.body)).toMatch(says);
  });

  it('stored nothing while refusing', async () => {
    expect(await storedState(system, Object.values(campaigns))).toEqual(before);
  });

  it('exercises every refusal the OpenAPI document declares, and declares every one it gives', () => {
    expect(refusalCoverage(documented, rows)).toEqual({ unasked: [], undeclared: [] });
  });

  it('refuses every documented operation without a valid bearer token', async () => {
    const forged = await request(system.app)
      .get(`/campaigns/${campaigns.open}`)
      .set('authorization', 'Bearer not.a.token');
    expect(forged.status).toBe(401);
    // The story card is public: the social network fetches it without a token; so are signing
    // up and signing in, which come before there is a token.
    const withToken = documented.filter(
      ({ path }) => !/^\/(story-cards|accounts|sign-in)\//.test(path),
    );
    const answers = await answersWithoutToken(system.app, withToken, campaigns.open);
    expect(
      answers.filter(({ status, type }) => status !== 401 || type !== 'application/problem+json'),
    ).toEqual([]);
    expect(answers.length).toBeGreaterThan(25);
  });
});

/** What the campaigns store, read straight from PostgreSQL, in a stable order. */
async function storedState(system: CampaignSystem, campaignIds: string[]) {
  const where = { campaignId: { in: campaignIds.filter((id) => id !== 'not-a-campaign-id') } };
  const byInfluencer = { influencerId: 'asc' } as const;
  return {
    campaigns: await system.db.campaign.findMany({
      where: { id: where.campaignId },
      orderBy: { id: 'asc' },
    }),
    applications: await system.db.application.findMany({ where, orderBy: byInfluencer }),
    agreements: await system.db.agreement.findMany({ where, orderBy: byInfluencer }),
    invitations: await system.db.invitation.findMany({ where, orderBy: byInfluencer }),
    collaborators: await system.db.collaborator.findMany({ where, orderBy: byInfluencer }),
    opsActions: await system.db.opsAction.findMany({ where, orderBy: { id: 'asc' } }),
    results: await system.db.result.findMany({ where, orderBy: { id: 'asc' } }),
    socialAccounts: await system.db.socialAccount.findMany({
      where: { influencerId: { in: Object.values(people) } },
    }),
    profiles: await system.db.influencerProfile.findMany({
      where: { id: { in: Object.values(people) } },
      orderBy: { id: 'asc' },
    }),
  };
}
