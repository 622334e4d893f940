import type { CampaignSchedule } from '@campaign/contracts';
import type { ActionTimings } from './action-timings';
import type { BenchRig } from './bench-rig';
import { apply, publishCampaign } from './campaign-actors';
import { waitForNotification } from './inbox-reader';
import { closeEarly, select, sendAgreements, sign, startCollaboration } from './lifecycle-actions';
import type { NotificationsService } from './notifications-service';

/**
 * The product's week in seconds: the story and the selection reminder come due while the
 * campaign is worked on, so their timers and events run beside the actions. The close and the
 * agreements' window are a backstop only: ops close each campaign once its group has signed, as
 * waiting out a scheduled close would leave the clients idle, not measure anything.
 */
export const COMPRESSED_WEEK: Partial<CampaignSchedule> = {
  storyDelaySeconds: 1,
  selectionReminderAfterSeconds: 3,
  closeAfterSeconds: 3_600,
  agreementWindowSeconds: 3_600,
  agreementReminderBeforeSeconds: 600,
};

/** Between two reads of an inbox while waiting for the congratulations. */
const READ_INTERVAL_MS = 20;
const CONGRATULATIONS_TIMEOUT_MS = 60_000;

export type CampaignCast = {
  brand: string;
  ops: string;
  influencers: { id: string; auth: string }[];
};

export type WeekOutcome = { campaignId: string; applied: number; signed: number };

/**
 * One campaign's week, acted out by one client over HTTP, one action at a time: publish, every
 * influencer applies, the brand selects them all and sends their agreements, each signs, ops
 * close the campaign, the brand starts the collaboration, and the last of the group reads their
 * congratulations. An application or signature that fails leaves that influencer out; any other
 * failure ends the week (and the scenario counts the campaign as not collaborating).
 */
export async function runCampaignWeek(
  rig: BenchRig,
  notifications: NotificationsService,
  cast: CampaignCast,
  timings: { actions: ActionTimings; waits: ActionTimings },
): Promise<WeekOutcome> {
  const { actions, waits } = timings;
  const service = rig.campaign;
  // Creating, publishing and waiting until the read model shows it on the marketplace.
  const campaignId = await waits.time('publish', () =>
    publishCampaign(service, cast.brand, COMPRESSED_WEEK),
  );

  const applied: CampaignCast['influencers'] = [];
  for (const person of cast.influencers) {
    await actions
      .time('apply', () => apply(service, campaignId, person.auth))
      .then(
        () => applied.push(person),
        () => {},
      );
  }
  const ids = applied.map((person) => person.id);
  await actions.time('select', () => select(service, campaignId, cast.brand, ids));
  await actions.time('send agreements', () => sendAgreements(service, campaignId, cast.brand, ids));
  const signed: CampaignCast['influencers'] = [];
  for (const person of applied) {
    await actions
      .time('sign', () => sign(service, campaignId, person.auth))
      .then(
        () => signed.push(person),
        () => {},
      );
  }
  await actions.time('close', () => closeEarly(service, campaignId, cast.ops));
  await actions.time('start collaboration', () =>
    startCollaboration(service, campaignId, cast.brand),
  );
  // One createMany stores the whole group's congratulations, so one inbox stands for all of them.
  const last = signed.at(-1);
  if (last) {
    await waits.time('congratulations', () =>
      waitForNotification(
        notifications,
        last.auth,
        { kind: 'congratulations', campaignId },
        { intervalMs: READ_INTERVAL_MS, timeoutMs: CONGRATULATIONS_TIMEOUT_MS },
      ),
    );
  }
  return { campaignId, applied: applied.length, signed: signed.length };
}
