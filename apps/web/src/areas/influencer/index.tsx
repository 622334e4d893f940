import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { Agreements } from './Agreements';
import { CampaignPage } from './CampaignPage';
import { Marketplace } from './Marketplace';
import { Conversation, Messenger, MySupportChat } from './Messenger';
import { MyCampaigns } from './MyCampaigns';
import { Profile } from './Profile';
import { Settings } from './Settings';
import { SocialAccount } from './SocialAccount';
import { SocialConnected } from './SocialConnected';
import { UploadResults } from './UploadResults';

/** The influencer's pages (one chunk, loaded when an influencer opens them). */
export default function InfluencerArea() {
  const { pathname } = usePath();
  if (match('/influencer/marketplace', pathname)) return <Marketplace />;
  if (match('/influencer/my-campaigns', pathname)) return <MyCampaigns />;
  if (match('/influencer/agreements', pathname)) return <Agreements />;
  if (match('/influencer/messenger', pathname)) return <Messenger />;
  if (match('/influencer/account', pathname)) return <SocialAccount />;
  if (match('/influencer/settings', pathname)) return <Settings />;
  if (match('/influencer/profile', pathname)) return <Profile />;
  if (match('/social-account/connected', pathname)) return <SocialConnected />;
  const conversation = match('/influencer/messenger/:conversationId', pathname);
  if (conversation?.conversationId) {
    return (
      <Conversation
        key={conversation.conversationId}
        conversationId={conversation.conversationId}
      />
    );
  }
  const support = match('/influencer/support/:conversationId', pathname);
  if (support?.conversationId) return <MySupportChat conversationId={support.conversationId} />;
  const results = match('/influencer/campaigns/:campaignId/results', pathname);
  if (results?.campaignId) return <UploadResults campaignId={results.campaignId} />;
  const campaign = match('/influencer/campaigns/:campaignId', pathname);
  if (campaign?.campaignId) return <CampaignPage campaignId={campaign.campaignId} />;
  return <NotFound />;
}
