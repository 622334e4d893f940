import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { type NativeConnection, Worker } from '@temporalio/worker';

const TASK_QUEUE = 'bench-noop';

/**
 * The server keeps a limit on the updates one workflow run takes in its lifetime (2,000 by
 * default), so the raw load moves to a fresh no-op workflow every this many updates. That adds a
 * workflow start per thousand updates and keeps the comparison honest at any number of applicants.
 */
const UPDATES_PER_WORKFLOW = 1_000;

/** The no-op workflow's worker, on a task queue of its own, in the bench's process. */
export async function startNoopWorker(connection: NativeConnection) {
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('./noop-workflow'),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

/**
 * Starts the no-op workflows `updates` updates need and answers, per update, the handle to send
 * it to; `finish` terminates them once the load is over.
 */
export async function startNoopTargets(client: Client, updates: number) {
  const count = Math.max(1, Math.ceil(updates / UPDATES_PER_WORKFLOW));
  const handles = await Promise.all(
    Array.from({ length: count }, () =>
      client.workflow.start('noopWorkflow', {
        taskQueue: TASK_QUEUE,
        workflowId: `bench-noop-${randomUUID()}`,
      }),
    ),
  );
  return {
    handleFor: (index: number) => handles[Math.floor(index / UPDATES_PER_WORKFLOW)]!,
    async finish() {
      await Promise.all(handles.map((handle) => handle.terminate('bench level done')));
    },
  };
}
