import {
  DeadLetterListQuery,
  ParkedEventPage,
  ReplayAllParkedEvents,
  ReplayParkedEvent,
  ReplayParkedEventParams,
  ReplayedParkedEvents,
} from '@campaign/contracts';
import { deadLetterPosition, type DeadLetterDesk } from '../kafka/dead-letters/dead-letter-desk';
import { ApiRoutes } from './api-routes';
import { cursorPosition, encodePageCursor } from './page-cursor';
import { HttpProblem, dependencyUnavailable } from './problem';
import { parseBody, parseParams, parseQuery } from './validate';

/**
 * Customer success's view of the events this service's consumers parked, and their replay: the
 * same reading and replay as `./deploy/dead-letters`, over HTTP, for ops only. Each service
 * answers for its own consumer groups; the web app's ops page asks all three.
 */
export function deadLetterRoutes(deps: { deadLetters?: DeadLetterDesk }) {
  const routes = new ApiRoutes();

  routes.add(
    {
      method: 'get',
      path: '/ops/dead-letters',
      summary: "The events this service's consumer groups parked, oldest first, with their replay",
      roles: ['ops'],
      rolesNote: 'customer success',
      query: DeadLetterListQuery,
      success: {
        status: 200,
        description: 'Parked events (never their payload)',
        schema: ParkedEventPage,
      },
      refusals: [404],
    },
    async (req, res) => {
      const { group, limit, cursor } = parseQuery(DeadLetterListQuery, req);
      const position = cursorPosition(cursor);
      const desk = deskOf(deps, group);
      const after = position
        ? (view: { parkedAt: string }, id: string) =>
            view.parkedAt > position.at.toISOString() ||
            (view.parkedAt === position.at.toISOString() && id > position.id)
        : () => true;
      const parked = (await reading(() => desk.list(group))).filter((view) =>
        after(view, deadLetterPosition(view)),
      );
      const page = parked.slice(0, limit);
      const last = page.at(-1);
      res.json({
        items: page,
        nextCursor:
          parked.length > limit && last
            ? encodePageCursor({ at: new Date(last.parkedAt), id: deadLetterPosition(last) })
            : null,
      });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/ops/dead-letters/:eventId/replay',
      summary: 'Replay one parked event to the consumer group that parked it (once)',
      roles: ['ops'],
      rolesNote: 'customer success',
      params: ReplayParkedEventParams,
      body: ReplayParkedEvent,
      success: {
        status: 200,
        description: "Sent back to the group's retry topic `<topic>.retry.<group>`",
        schema: ReplayedParkedEvents,
      },
      refusals: [404, 409],
    },
    async (req, res) => {
      const { eventId } = parseParams(ReplayParkedEventParams, req);
      const { group } = parseBody(ReplayParkedEvent, req);
      const desk = deskOf(deps, group);
      const result = await reading(() => desk.replayOne(group, eventId));
      if (result.outcome === 'not-parked') {
        throw new HttpProblem(
          404,
          'Parked event not found',
          `Consumer group ${group} has not parked event ${eventId}.`,
        );
      }
      if (result.outcome === 'already-replayed') {
        throw new HttpProblem(
          409,
          'Already replayed',
          `Each parked event is replayed once: event ${eventId} was replayed to group ${group} at ${result.replayedAt}.`,
        );
      }
      res.json({ replayed: result.replayed });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/ops/dead-letters/replay-all',
      summary: 'Replay every event a consumer group still has parked (each once)',
      roles: ['ops'],
      rolesNote: 'customer success',
      body: ReplayAllParkedEvents,
      success: {
        status: 200,
        description:
          'Those sent back now, oldest first; empty when every parked event was replayed already',
        schema: ReplayedParkedEvents,
      },
      refusals: [404],
    },
    async (req, res) => {
      const { group } = parseBody(ReplayAllParkedEvents, req);
      const desk = deskOf(deps, group);
      res.json({ replayed: await reading(() => desk.replayAll(group)) });
    },
  );

  return routes;
}

/** The service's desk, if the group (when named) is one of the service's own consumer groups. */
function deskOf(deps: { deadLetters?: DeadLetterDesk }, group: string | undefined) {
  const desk = deps.deadLetters;
  if (!desk) throw dependencyUnavailable('This process has no Kafka to read parked events from.');
  if (group !== undefined && !desk.groups.includes(group)) {
    throw new HttpProblem(
      404,
      'Consumer group not found',
      `${group} is not a consumer group of this service (${desk.groups.join(', ')}).`,
    );
  }
  return desk;
}

/** Kafka not answering is a 503 to retry, never a 500. */
async function reading<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name.startsWith('KafkaJS')) {
      throw dependencyUnavailable('Kafka did not answer; retry shortly.');
    }
    throw error;
  }
}
