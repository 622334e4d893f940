import { buildServiceApp, type Logger, type ReadinessCheck } from '@campaign/service-runtime';
import type { Express } from 'express';
import type { ConversationStore } from './db/conversation-store';
import { conversationRoutes } from './routes/conversations';

export type MessagingAppDeps = {
  logger: Logger;
  authSecret: string;
  conversations: ConversationStore;
  readiness: ReadinessCheck[];
};

export function buildMessagingApp(deps: MessagingAppDeps): Express {
  return buildServiceApp({
    ...deps,
    api: { title: 'Messaging API', description: 'Conversations between brands and influencers.' },
    routes: [conversationRoutes(deps)],
  });
}

export { createConversationStore } from './db/conversation-store';
export { createPrismaClient } from './db/prisma-client';
export { consumeInvitations } from './events/invitations-consumer';
