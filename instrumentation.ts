// Runs once when each app server starts: the bulk worker, which picks up runs (its own or those of a
// server that died) from the database, and what happens when the server stops (lib/lifecycle.ts): the
// worker hands its run back at once (its own hook), then this process's database pools close.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { onShutdown } = await import('@/lib/lifecycle');
  const { startBulkWorker } = await import('@/lib/bulk/worker');
  const { closeDatabase } = await import('@/lib/db/database');
  startBulkWorker();
  onShutdown('database', closeDatabase, 'close');
}
