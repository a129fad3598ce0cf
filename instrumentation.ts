// Runs once when each app server starts: the client-address stamp on every request (lib/net/peer.ts: Next
// gives the app no socket address), and the bulk worker, which picks up runs (its own or those of a server
// that died) from the database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { stampEveryRequest } = await import('@/lib/net/peer');
  stampEveryRequest();
  const { startBulkWorker } = await import('@/lib/bulk/worker');
  startBulkWorker();
}
