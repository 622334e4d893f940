import { MessageView } from '@campaign/contracts';
import type { Message } from '../generated/prisma/client';

export function toMessageView(message: Message): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId,
    senderId: message.senderId,
    senderRole: MessageView.shape.senderRole.parse(message.senderRole),
    body: message.body,
    createdAt: message.createdAt.toISOString(),
  };
}
