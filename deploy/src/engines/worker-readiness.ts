import { Connection } from '@temporalio/client';

/** The worker is ready once Temporal lists it (by its process id) among the queue's pollers. */
export async function waitUntilPolling(
  address: string,
  taskQueue: string,
  pid: number,
  timeoutMs = 90_000,
): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { pollers } = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: taskQueue },
      });
      if (pollers.some((poller) => poller.identity?.startsWith(`${pid}@`))) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  } finally {
    await connection.close();
  }
  throw new Error(`the worker was not polling within ${timeoutMs / 1000} s; see its log`);
}
