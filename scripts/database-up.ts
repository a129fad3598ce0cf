// The app database for `npm start`, `npm run cluster` and the bench: DATABASE_URL checked when set,
// otherwise the embedded PostgreSQL in DATA_DIR/pg started. The URL is then handed to the app as DATABASE_URL.
import type { Config } from '@/lib/config';
import { checkDatabase } from '@/lib/db/database';
import { startEmbeddedPostgres } from './pg-embedded';

export type DatabaseUp = { url: string; embedded: boolean; describe: string; stop(): Promise<void> };

export async function bringUpDatabase(config: Config, say: (line: string) => void): Promise<DatabaseUp> {
  if (config.database.url) {
    const version = await checkDatabase(config.database.url, 'DATABASE_URL');
    const u = new URL(config.database.url);
    return {
      url: config.database.url,
      embedded: false,
      describe: `PostgreSQL ${version} at ${u.hostname}:${u.port || 5432}${u.pathname} (DATABASE_URL)`,
      stop: async () => {},
    };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.database.embeddedPort,
    say,
  });
  return {
    url: pg.url,
    embedded: true,
    describe: `PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${pg.dataDir}`,
    stop: () => pg.stop(),
  };
}
