import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { profiles, startEngines } from '../engines/engines';
import { startCampaignService } from './campaign-service';
import { startNoopWorker } from './noop-worker';
import { startNotificationsService, type NotificationsService } from './notifications-service';

/**
 * What every scenario runs against: fresh engines on the bench's own ports (profiles.bench),
 * the campaign service and its worker, the no-op workflow's worker, the one Temporal client
 * both the service and the raw-update load use, and on demand the notifications service.
 */
export async function startBenchRig(log: (line: string) => void) {
  const engines = await startEngines(profiles.bench, (line) => log(`  ${line}`));
  const stops: (() => Promise<void>)[] = [engines.stop];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    const connection = await Connection.connect({ address: engines.temporal.address });
    stops.push(() => connection.close());
    const temporal = new Client({ connection });
    const workerConnection = await NativeConnection.connect({ address: engines.temporal.address });
    stops.push(() => workerConnection.close());
    log('  Bundling the campaign and no-op workflows for their workers');
    const campaign = await startCampaignService({
      databaseUrl: engines.databaseUrls.campaign,
      kafkaBrokers: engines.kafka.brokers,
      temporal,
      workerConnection,
    });
    stops.push(campaign.stop);
    const noop = await startNoopWorker(workerConnection);
    stops.push(noop.stop);
    // Started by the first scenario that reads inboxes, so the others measure without its consumer.
    let notifications: Promise<NotificationsService> | undefined;
    const startNotifications = () => {
      notifications ??= startNotificationsService({
        databaseUrl: engines.databaseUrls.notifications,
        kafkaBrokers: engines.kafka.brokers,
        authSecret: campaign.authSecret,
        smtp: { host: engines.mail.smtpHost, port: engines.mail.smtpPort },
      }).then((service) => {
        stops.push(service.stop);
        return service;
      });
      return notifications;
    };
    return { temporal, campaign, mail: engines.mail, notifications: startNotifications, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type BenchRig = Awaited<ReturnType<typeof startBenchRig>>;
