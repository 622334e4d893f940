import type { BenchRig } from './bench-rig';

/** What `pnpm bench` was asked for; each scenario takes the settings it needs from here. */
export type BenchSettings = {
  quick: boolean;
  /** Influencers applying to each campaign of the hot-campaign scenario. */
  applicants: number;
  /** Clients sending at once; each scenario runs once per level. */
  concurrencies: number[];
  /** Influencers applying to the huge-campaign scenario's one campaign (`--huge N`). */
  hugeApplicants: number;
  /** Event to inbox: notifications timed in each phase (idle, under load). */
  samples: number;
  /** Many campaigns: how many, and how many influencers each (all of them in its group). */
  campaigns: number;
  campaignSize: number;
  /** Mail throughput: mails owed in the outbox, and sent again by the bare loop. */
  mails: number;
  /** Newsletter day: influencers in the audience, and campaigns of the day (`--newsletter N`). */
  newsletterInfluencers: number;
  newsletterCampaigns: number;
};

/** One scenario's outcome: a table for the terminal and its full figures for the JSON file. */
export type ScenarioReport = {
  scenario: string;
  /** What the scenario measures, in a sentence, printed above its table. */
  about: string;
  table: { headers: string[]; rows: string[][] };
  /** Figures that fit no column, printed below the table, a line each. */
  notes?: string[];
  results: unknown;
};

/**
 * A scenario of `pnpm bench` (hot campaign, event to inbox, many campaigns, a huge campaign, mail
 * and live updates): runs on the shared rig and reports what it measured.
 */
export type Scenario = {
  name: string;
  run: (
    rig: BenchRig,
    settings: BenchSettings,
    log: (line: string) => void,
  ) => Promise<ScenarioReport>;
};
