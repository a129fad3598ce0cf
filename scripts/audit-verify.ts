// `npm run audit:verify`: walks the audit hash chain in sequence order and names the first broken row.
// Reads DATABASE_URL, or the embedded PostgreSQL of DATA_DIR (started for the check when not running).
import { parseConfig } from '@/lib/config';
import { verifyChain } from '@/lib/audit/audit';
import { checkDatabase, closeDatabase } from '@/lib/db/database';
import { embeddedUrlFor, startEmbeddedPostgres } from './pg-embedded';

async function main() {
  const config = parseConfig(process.env);
  let stop = async () => {};
  if (!config.database.url) {
    const running = embeddedUrlFor(config.dataDir);
    const up = running
      ? await checkDatabase(running).then(
          () => true,
          () => false,
        )
      : false;
    if (up && running) process.env.DATABASE_URL = running;
    else {
      const pg = await startEmbeddedPostgres({ dataDir: config.dataDir });
      process.env.DATABASE_URL = pg.url;
      stop = () => pg.stop();
    }
  }
  try {
    const result = await verifyChain();
    if (result.ok) {
      console.log(`Audit trail intact: ${result.rows} rows, every hash matches.`);
      return;
    }
    console.error(
      `Audit trail BROKEN at row ${result.brokenId}: ${result.reason}. (${result.rows} rows checked.)`,
    );
    process.exitCode = 1;
  } finally {
    await closeDatabase();
    await stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
