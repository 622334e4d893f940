import { match, usePath } from '../../app/router';
import { NotFound } from '../../pages/NotFound';
import { Layout } from '../../ui/Layout';
import { AllCampaigns } from './AllCampaigns';
import { AuditTable } from './AuditTable';
import { BrandPlan } from './BrandPlan';
import { Brands } from './Brands';
import { OpsAccounts } from './OpsAccounts';
import { OpsCampaign } from './OpsCampaign';
import { ParkedEvents } from './ParkedEvents';
import { OpsSupportChat, SupportQueue } from './SupportQueue';

/**
 * Customer success's pages (one chunk): campaigns, the support queue, brands and their plans, ops
 * accounts, the audit log, the parked events.
 */
export default function OpsArea() {
  const { pathname } = usePath();
  if (match('/ops/campaigns', pathname)) return <AllCampaigns />;
  if (match('/ops/support', pathname)) return <SupportQueue />;
  if (match('/ops/brands', pathname)) return <Brands />;
  if (match('/ops/accounts', pathname)) return <OpsAccounts />;
  const brand = match('/ops/brands/:brandId', pathname);
  if (brand?.brandId) return <BrandPlan key={brand.brandId} brandId={brand.brandId} />;
  if (match('/ops/parked-events', pathname)) return <ParkedEvents />;
  if (match('/ops/audit', pathname)) {
    return (
      <Layout title="Audit log">
        <AuditTable />
      </Layout>
    );
  }
  const campaign = match('/ops/campaigns/:campaignId', pathname);
  if (campaign?.campaignId) return <OpsCampaign campaignId={campaign.campaignId} />;
  const support = match('/ops/support/:conversationId', pathname);
  if (support?.conversationId) {
    return <OpsSupportChat key={support.conversationId} conversationId={support.conversationId} />;
  }
  return <NotFound />;
}
