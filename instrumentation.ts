// Runs once when each app server starts: the client-address stamp on every request (lib/net/peer.ts: Next
// gives the app no socket address); the bulk worker, which picks up runs (its own or those of a server that
// died) from the database; and the sync worker, which keeps the customer index true (one server leads the
// walk of Flex; every server works the webhook queue). When the server stops (lib/lifecycle.ts), the workers
// hand their work back through their own onShutdown hooks, then this process's database pools close.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { stampEveryRequest } = await import('@/lib/net/peer');
  stampEveryRequest();
  const { onShutdown } = await import('@/lib/lifecycle');
  const { startBulkWorker } = await import('@/lib/bulk/server/worker');
  const { closeDatabase } = await import('@/lib/db/database');
  startBulkWorker();
  const { startSyncWorker, stopSyncWorker } = await import('@/lib/sync/worker');
  startSyncWorker();
  onShutdown('sync', stopSyncWorker);
  onShutdown('database', closeDatabase, 'close');
}
