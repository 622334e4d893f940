import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  configFields,
  createKafka,
  createLogger,
  listParkedEvents,
  loadConfig,
  replayParkedEvents,
  type ParkedEvent,
} from '@campaign/service-runtime';
import { profiles } from './engines/engines';

/**
 * Lists and replays the events consumers parked on their dead-letter topics:
 *
 *   ./deploy/dead-letters list [--group G]
 *   ./deploy/dead-letters replay --group G (--id EVENT_ID | --all)
 *
 * Against KAFKA_BROKERS, the local stack's Kafka by default. A listing shows what and why, never
 * the payload (it may name people). A replay sends each event back once, to its group alone.
 */
const USAGE = `usage: dead-letters list [--group G]
       dead-letters replay --group G (--id EVENT_ID | --all)`;

const Config = z.object({
  KAFKA_BROKERS: configFields.kafkaBrokers.default([`127.0.0.1:${profiles.dev.kafkaPort}`]),
});

async function main(): Promise<void> {
  const { positionals, values } = readArguments();
  const [command, ...rest] = positionals;
  const config = loadConfig(Config);
  const kafka = createKafka(
    'dead-letters',
    config.KAFKA_BROKERS,
    createLogger('dead-letters', 'silent'),
  );

  if (command === 'list' && rest.length === 0 && !values.id && !values.all) {
    const parked = await listParkedEvents(kafka, { groupId: values.group });
    console.log(parked.length === 0 ? 'No parked events.' : table(parked));
    return;
  }
  if (command === 'replay' && rest.length === 0 && values.group && !values.id !== !values.all) {
    const replayed = await replayParkedEvents(kafka, { groupId: values.group, eventId: values.id });
    if (replayed.length === 0) {
      console.error(
        `Nothing to replay for group ${values.group}${values.id ? ` and event ${values.id}` : ''}.`,
      );
      process.exit(values.id ? 1 : 0);
    }
    console.log(`Replayed ${replayed.length} to group ${values.group}:\n${table(replayed)}`);
    return;
  }
  console.error(USAGE);
  process.exit(2);
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { group: { type: 'string' }, id: { type: 'string' }, all: { type: 'boolean' } },
    });
  } catch (error) {
    // An unknown or incomplete option: say what is known rather than a stack.
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exit(2);
  }
}

function table(parked: ParkedEvent[]): string {
  const rows = [
    ['GROUP', 'TOPIC', 'EVENT ID', 'TYPE', 'ATTEMPTS', 'PARKED AT', 'REPLAYED AT', 'REASON'],
    ...parked.map((event) => [
      event.groupId,
      event.topic,
      event.eventId ?? '-',
      event.type ?? '-',
      String(event.parking.attempts),
      event.parking.at.toISOString(),
      event.replayedAt?.toISOString() ?? '-',
      event.parking.reason,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exit(1);
});
