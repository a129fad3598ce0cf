// Runs once when each app server starts: the client-address stamp on every request (lib/net/peer.ts: Next
// gives the app no socket address); the bulk worker, which picks up runs (its own or those of a server that
// died) from the database; and the sync worker, which keeps the customer index true (one server leads the
// walk of Flex; every server works the webhook queue).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { stampEveryRequest } = await import('@/lib/net/peer');
  stampEveryRequest();
  const { startBulkWorker } = await import('@/lib/bulk/server/worker');
  startBulkWorker();
  const { startSyncWorker } = await import('@/lib/sync/worker');
  startSyncWorker();
}
