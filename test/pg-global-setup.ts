// Vitest global setup: one embedded PostgreSQL for the whole run, in a temporary directory outside /root
// (its unprivileged user must reach it). Each test file gets its own database (test/pg-per-file.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPg } from '../scripts/pg-embedded';

let server: EmbeddedPg | undefined;
let dir: string | undefined;

export async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  dir = fs.mkdtempSync(path.join('/tmp', 'desk-vitest-pg-'));
  fs.chmodSync(dir, 0o755);
  server = await startEmbeddedPostgres({ dataDir: dir });
  project.provide('pgAdminUrl', server.adminUrl);
}

export async function teardown() {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
