import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { CampaignPage } from './CampaignPage';
import { Marketplace } from './Marketplace';

/** The influencer's pages (one chunk, loaded when an influencer opens them). */
export default function InfluencerArea() {
  const { pathname } = usePath();
  if (match('/influencer/marketplace', pathname)) return <Marketplace />;
  const campaign = match('/influencer/campaigns/:campaignId', pathname);
  if (campaign?.campaignId) return <CampaignPage campaignId={campaign.campaignId} />;
  return <NotFound />;
}
