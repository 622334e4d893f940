import { Partitioners, type Kafka, type Producer } from 'kafkajs';

export type PublishableEvent = { id: string; type: string; subject: string };

/**
 * Writes events keyed by their subject, so all events of one campaign land in one partition in
 * order. Delivery is at least once: a send is acknowledged by all in-sync replicas, and a retried
 * send (here or by a relay that sends its outbox again) repeats the event id, which every consumer
 * dedupes on. Retries stay bounded so a broken broker fails the send, and its caller retries later.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      maxInFlightRequests: 1,
    });
  }

  async publish(topic: string, events: PublishableEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    await this.producer.send({
      topic,
      acks: -1,
      messages: events.map((event) => ({
        key: event.subject,
        value: JSON.stringify(event),
        headers: { 'event-id': event.id, 'event-type': event.type },
      })),
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
