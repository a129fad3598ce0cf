// The production build, made when missing or stale (the sources or the Server Actions key changed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildIsCurrent, sourceHash, writeStamp } from './build-stamp';

export const nextBin = require.resolve('next/dist/bin/next');

export function ensureBuild(): void {
  // DESK_SKIP_BUILD (the second e2e server): serve the build that is there, made by the first.
  if (process.env.DESK_SKIP_BUILD && fs.existsSync(path.join('.next', 'BUILD_ID'))) return;
  if (buildIsCurrent()) return;
  console.log('Building the app (first start, or the sources changed)…');
  // Taken before the build: an edit made while it runs must make the next start build again.
  const hash = sourceHash();
  const build = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error('The build failed: see the output above.');
  writeStamp(hash);
}
