import { z } from 'zod';

export const NotificationKind = z.enum([
  'campaign_published',
  'invitation',
  'selection_reminder',
  'agreement_sent',
  'agreement_reminder',
  'agreement_expired',
  'congratulations',
  'bummer',
  'new_message',
  /** A message in a customer-success conversation. */
  'support_message',
  /** The end-of-day digest of the campaigns published that day an influencer qualifies for. */
  'newsletter',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationView = z.object({
  id: z.uuid(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  campaignId: z.uuid().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationList = z.object({
  unread: z.number().int().min(0),
  items: z.array(NotificationView),
});
export type NotificationList = z.infer<typeof NotificationList>;
