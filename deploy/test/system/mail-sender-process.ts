// The notifications service's mail sender alone, wired from its configuration as its main.ts
// wires it, run as a child process so that a test can stop it (SIGTERM: the mails in flight are
// finished first) or kill it (SIGKILL: nothing is finished).
import {
  NotificationsConfig,
  createPrismaClient,
  startMailDelivery,
} from '@campaign/notifications-service';
import { createLogger, loadConfig } from '@campaign/service-runtime';

const config = loadConfig(NotificationsConfig);
const logger = createLogger('mail-sender-process', config.LOG_LEVEL);
const db = createPrismaClient(config.DATABASE_URL);
const delivery = startMailDelivery(config, db, logger);

process.once('SIGTERM', () => {
  void delivery
    .stop()
    .then(() => db.$disconnect())
    .finally(() => process.exit(0));
});
