/**
 * Each consumer group has two topics of its own beside every topic it consumes:
 *
 * - `<topic>.dlt.<groupId>`, the dead-letter topic, where the group parks the events it could not
 *   handle (or not read), so the events behind them on the partition still flow;
 * - `<topic>.retry.<groupId>`, where ops replay parked events to. The group consumes it beside
 *   `<topic>`, so a replayed event reaches only the group that failed it: the other groups have
 *   long handled it, and the producer's topic stays the producer's alone.
 *
 * One partition each: they carry only the rare failures, and one partition gives ops one order of
 * what was parked; the record keeps its key, so a replay stays in order per key too.
 */
export type ConsumerGroupTopics = { deadLetters: string; retries: string };

const DEAD_LETTERS = '.dlt.';
const RETRIES = '.retry.';
/** Kafka's own rule for topic names. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

export function consumerGroupTopics(topic: string, groupId: string): ConsumerGroupTopics {
  const names = {
    deadLetters: `${topic}${DEAD_LETTERS}${groupId}`,
    retries: `${topic}${RETRIES}${groupId}`,
  };
  for (const name of Object.values(names)) {
    if (!TOPIC_NAME.test(name)) {
      throw new Error(`consumer group "${groupId}" of ${topic} gives no valid topic name: ${name}`);
    }
  }
  return names;
}

/** The consumed topic and the group of a dead-letter topic's name; null for any other topic. */
export function parseDeadLetterTopic(name: string): { topic: string; groupId: string } | null {
  const at = name.indexOf(DEAD_LETTERS);
  if (at <= 0 || at + DEAD_LETTERS.length >= name.length) return null;
  return { topic: name.slice(0, at), groupId: name.slice(at + DEAD_LETTERS.length) };
}
