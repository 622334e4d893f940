import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { BrandCampaign } from './BrandCampaign';
import { CampaignList } from './CampaignList';
import { ConversationPage } from './ConversationPage';
import { CreateCampaign } from './CreateCampaign';
import { EditCampaign } from './EditCampaign';
import { Messenger } from './Messenger';
import { Network } from './Network';
import { Plan } from './Plan';
import { Results } from './Results';
import { Support } from './Support';
import { SupportConversation } from './SupportConversation';
import { Team } from './Team';

/** The brand's pages (one chunk, loaded when a brand user opens them). */
export default function BrandArea() {
  const { pathname } = usePath();
  if (match('/brand/campaigns', pathname)) return <CampaignList />;
  if (match('/brand/campaigns/new', pathname)) return <CreateCampaign />;
  if (match('/brand/messages', pathname)) return <Messenger />;
  if (match('/brand/support', pathname)) return <Support />;
  if (match('/brand/team', pathname)) return <Team />;
  if (match('/brand/plan', pathname)) return <Plan />;
  const conversation = match('/brand/messages/:conversationId', pathname);
  if (conversation?.conversationId) {
    return <ConversationPage conversationId={conversation.conversationId} />;
  }
  const support = match('/brand/support/:conversationId', pathname);
  if (support?.conversationId) {
    return <SupportConversation conversationId={support.conversationId} />;
  }
  for (const [suffix, Page] of [
    ['/edit', EditCampaign],
    ['/results', Results],
    ['/network', Network],
  ] as const) {
    const params = match(`/brand/campaigns/:campaignId${suffix}`, pathname);
    if (params?.campaignId) return <Page campaignId={params.campaignId} />;
  }
  const campaign = match('/brand/campaigns/:campaignId', pathname);
  if (campaign?.campaignId) return <BrandCampaign campaignId={campaign.campaignId} />;
  return <NotFound />;
}
