import type { Admin, Kafka } from 'kafkajs';

/** A readiness check that asks the cluster for its metadata over one kept admin connection. */
export function kafkaProbe(kafka: Kafka): {
  check: () => Promise<unknown>;
  close: () => Promise<void>;
} {
  let admin: Admin | undefined;
  return {
    async check() {
      if (!admin) {
        const fresh = kafka.admin();
        await fresh.connect();
        admin = fresh;
      }
      try {
        return await admin.describeCluster();
      } catch (error) {
        await admin.disconnect().catch(() => {});
        admin = undefined;
        throw error;
      }
    },
    async close() {
      await admin?.disconnect();
      admin = undefined;
    },
  };
}
