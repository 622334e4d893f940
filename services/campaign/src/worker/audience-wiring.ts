import type { AudienceActivities } from '@campaign/workflows';
import type { SocialNetwork } from '@campaign/social-network';
import { createInfluencerProfileStore } from '../db/influencer-profile-store';
import type { CampaignDb } from '../db/prisma-client';
import { createSocialAccountStore } from '../db/social-account-store';
import { createAudienceRefresh } from '../social/audience-refresh';
import { createSocialTokenCipher } from '../social/social-token-cipher';
import { createAudienceActivities } from './audience-activities';

/** The audience refresh's activities on the service's database and the social network. */
export function audienceActivities(options: {
  db: CampaignDb;
  network: SocialNetwork;
  tokenKey: Buffer;
  previousTokenKeys?: Buffer[];
}): AudienceActivities {
  const accounts = createSocialAccountStore(
    options.db,
    createSocialTokenCipher(options.tokenKey, options.previousTokenKeys),
  );
  const refresh = createAudienceRefresh({
    network: options.network,
    accounts,
    profiles: createInfluencerProfileStore(options.db),
  });
  return createAudienceActivities({ accounts, refresh });
}
