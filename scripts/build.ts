// The production build, made when missing or stale (the sources or the Server Actions key changed).
import { spawnSync } from 'node:child_process';
import { buildIsCurrent, writeStamp } from './build-stamp';

export const nextBin = require.resolve('next/dist/bin/next');

export function ensureBuild(): void {
  if (buildIsCurrent()) return;
  console.log('Building the app (first start, or the sources changed)…');
  const build = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error('The build failed: see the output above.');
  writeStamp();
}
