// The production build and its stamp. `npm run build` always builds (that is what it is for); `npm start`
// and `npm run cluster` call ensureBuild(), which builds only when there is no current build and says why.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildState, sourceHash, writeStamp } from './build-stamp';

export const nextBin = require.resolve('next/dist/bin/next');

export function build(): void {
  // Hashed before the build: an edit made while it runs must make the next start build again.
  const hash = sourceHash();
  const run = spawnSync(process.execPath, [nextBin, 'build', '--webpack'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (run.status !== 0) throw new Error('The build failed: see the output above.');
  writeStamp(hash);
}

export function ensureBuild(say: (line: string) => void = (l) => console.log(l)): void {
  // DESK_SKIP_BUILD (the second e2e server): serve the build that is there, made by the first.
  if (process.env.DESK_SKIP_BUILD && fs.existsSync(path.join('.next', 'BUILD_ID'))) return;
  const state = buildState();
  if (state.current) {
    say(`Serving the build of ${state.stamp.builtAt} (current: same sources and Server Actions key).`);
    return;
  }
  say(`Building the app first: ${state.why}. (About a minute; \`npm run build\` ahead of time avoids this.)`);
  build();
}

if (require.main === module) {
  try {
    build();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
