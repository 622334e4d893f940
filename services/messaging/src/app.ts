import {
  buildServiceApp,
  deadLetterRoutes,
  type DeadLetterDesk,
  type ExternalIssuerSettings,
  type IdempotencyStore,
  type Logger,
  type ReadinessCheck,
  type StreamListener,
} from '@campaign/service-runtime';
import type { Express } from 'express';
import type { CollaborationGroupStore } from './db/collaboration-group-store';
import type { ConversationStore } from './db/conversation-store';
import type { SupportStore } from './db/support-store';
import type { LiveConversations } from './db/live-conversations';
import { conversationStreamRoutes } from './routes/conversation-stream';
import { conversationRoutes } from './routes/conversations';
import { groupMessageRoutes } from './routes/group-messages';
import { supportRoutes } from './routes/support';

export type MessagingAppDeps = {
  logger: Logger;
  authSecret: string;
  corsOrigins?: string[];
  conversations: ConversationStore;
  groups: CollaborationGroupStore;
  /** Customer-success conversations (`routes/support.ts`). */
  support: SupportStore;
  idempotencyStore: IdempotencyStore;
  readiness: ReadinessCheck[];
  /** This service's consumer groups' parked events (`deadLetterDesk`); without it, 503. */
  deadLetters?: DeadLetterDesk;
  /** An external OpenID Connect provider whose tokens are accepted too (`OIDC_ISSUER`). */
  oidc?: ExternalIssuerSettings;
  /** What following a conversation reads (`createLiveConversations`). */
  liveConversations: LiveConversations;
  /** The process's one listener on `conversation_live` (`createConversationListener`). */
  live?: StreamListener;
};

export function buildMessagingApp(deps: MessagingAppDeps): Express {
  return buildServiceApp({
    ...deps,
    api: {
      title: 'Messaging API',
      description:
        'Conversations between brands and influencers, group messages, and conversations with customer success.',
    },
    routes: [
      conversationRoutes(deps),
      groupMessageRoutes(deps),
      conversationStreamRoutes(deps),
      supportRoutes(deps),
      deadLetterRoutes(deps),
    ],
  });
}

export { createCollaborationGroupStore } from './db/collaboration-group-store';
export { createConversationStore } from './db/conversation-store';
export { createConversationListener, createLiveConversations } from './db/live-conversations';
export { createMessageOutbox } from './db/message-outbox';
export { createPrismaClient } from './db/prisma-client';
export { consumeCampaignEvents } from './events/campaign-events-consumer';
export { startMessageRelay } from './events/message-relay';
export { createSupportStore } from './db/support-store';
export { createSupportOutbox } from './db/support-outbox';
export { startSupportMessageRelay } from './events/support-relay';
