import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { BrandCampaign } from './BrandCampaign';
import { CampaignList } from './CampaignList';
import { CreateCampaign } from './CreateCampaign';

/** The brand's pages (one chunk, loaded when a brand user opens them). */
export default function BrandArea() {
  const { pathname } = usePath();
  if (match('/brand/campaigns', pathname)) return <CampaignList />;
  if (match('/brand/campaigns/new', pathname)) return <CreateCampaign />;
  const campaign = match('/brand/campaigns/:campaignId', pathname);
  if (campaign?.campaignId) return <BrandCampaign campaignId={campaign.campaignId} />;
  return <NotFound />;
}
