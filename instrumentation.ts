// Runs once when each app server starts: the bulk worker, which picks up runs (its own or those of a
// server that died) from the database.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startBulkWorker } = await import('@/lib/bulk/server/worker');
  startBulkWorker();
}
