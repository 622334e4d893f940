import { z } from 'zod';
import { EmailAddress } from '../network';
import { eventEnvelope } from './envelope';

export const INFLUENCER_PROFILES_TOPIC = 'influencer.profiles.v1';

/**
 * An influencer's profile was created or changed: what other services keep of it (the
 * notifications service: the audience its newsletter picks by, and where mail goes). It carries
 * the whole of that, not the change, so the latest event alone is the truth. Written by the
 * campaign service in the transaction that changes the profile; the Kafka key (subject) is the
 * influencer id, so one influencer's events stay in order. `changedAt` grows with every change of
 * one influencer, so a consumer keeps the newest and ignores a replayed or older one.
 */
export const InfluencerProfileChanged = eventEnvelope(
  'InfluencerProfileChanged',
  1,
  z.object({
    influencerId: z.string().min(1),
    followers: z.number().int().min(0),
    niches: z.array(z.string()),
    country: z.string().regex(/^[A-Z]{2}$/),
    /** Personal data: consumers keep it for mail and never log it. Null: no mail. */
    email: EmailAddress.nullable(),
    changedAt: z.iso.datetime(),
  }),
);
export type InfluencerProfileChanged = z.infer<typeof InfluencerProfileChanged>;

export const InfluencerProfileEvent = z.discriminatedUnion('type', [InfluencerProfileChanged]);
export type InfluencerProfileEvent = z.infer<typeof InfluencerProfileEvent>;
