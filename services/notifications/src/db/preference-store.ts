import { PreferenceKind } from '@campaign/contracts';
import type { PreferenceChoice } from '../domain/preferences';
import type { NotificationsDb } from './prisma-client';

export type PreferenceStore = ReturnType<typeof createPreferenceStore>;

/** The choices people made (see `NotificationPreference` in schema.prisma), per principal key. */
export function createPreferenceStore(db: NotificationsDb) {
  return {
    /** What this person chose; kinds this service no longer offers a choice for are left out. */
    async chosen(recipientId: string): Promise<PreferenceChoice[]> {
      const rows = await db.notificationPreference.findMany({ where: { recipientId } });
      return rows.flatMap((row) => {
        const kind = PreferenceKind.safeParse(row.kind);
        return kind.success ? [{ kind: kind.data, email: row.email }] : [];
      });
    },

    /** Stores every choice of one edit in one statement: all of them or, on failure, none. */
    async choose(recipientId: string, choices: PreferenceChoice[]): Promise<void> {
      if (choices.length === 0) return;
      const kinds = choices.map((choice) => choice.kind);
      const emails = choices.map((choice) => choice.email);
      await db.$executeRaw`
        INSERT INTO notification_preferences (recipient_id, kind, email, updated_at)
        SELECT ${recipientId}, chosen.kind, chosen.email, now()
        FROM unnest(${kinds}::text[], ${emails}::boolean[]) AS chosen(kind, email)
        ON CONFLICT (recipient_id, kind)
        DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`;
    },
  };
}
