// Decides whether the production build is current. `npm run build` (scripts/build.ts) writes a stamp beside
// the build: a hash of every input the build reads and a hash of the Server Actions key it embedded.
// `npm start`, `npm run cluster` and the tests serve that build while the stamp matches, and say why not.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'instrumentation.ts',
  'proxy.ts',
  'next.config.js',
  'proxy.ts',
  'instrumentation.ts',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
];
export const STAMP = path.join('.next', 'desk-build.json');

type Env = Record<string, string | undefined>;
export type Stamp = { sources: string; key: string; builtAt: string };
export type BuildState =
  | { current: true; stamp: Stamp }
  | { current: false; reason: 'missing' | 'unstamped' | 'sources' | 'key'; why: string };

function walk(p: string, out: string[]): void {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else if (!/\.test\.tsx?$/.test(p)) {
    out.push(p);
  }
}

export function sourceHash(root = process.cwd()): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const h = crypto.createHash('sha256');
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

/** The Server Actions key is embedded at build time: another key needs another build. Only its hash is kept. */
export function keyHash(env: Env = process.env): string {
  return crypto
    .createHash('sha256')
    .update(`key:${env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? ''}`)
    .digest('hex');
}

export function readStamp(root = process.cwd()): Stamp | null {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8')) as Partial<Stamp>;
    return typeof s.sources === 'string' && typeof s.key === 'string' && typeof s.builtAt === 'string'
      ? (s as Stamp)
      : null;
  } catch {
    return null;
  }
}

export function buildState(root = process.cwd(), env: Env = process.env): BuildState {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')))
    return { current: false, reason: 'missing', why: 'there is no build yet' };
  const stamp = readStamp(root);
  if (!stamp)
    return {
      current: false,
      reason: 'unstamped',
      why: 'the build in .next was not made by `npm run build` (no stamp), so it cannot be checked',
    };
  if (stamp.key !== keyHash(env))
    return {
      current: false,
      reason: 'key',
      why: 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY differs from the one the build embedded',
    };
  if (stamp.sources !== sourceHash(root))
    return {
      current: false,
      reason: 'sources',
      why: `the sources changed since the build of ${stamp.builtAt}`,
    };
  return { current: true, stamp };
}

export function buildIsCurrent(root = process.cwd()): boolean {
  return buildState(root).current;
}

/** `sources` is hashed before the build starts: an edit made while it runs must make the next start rebuild. */
export function writeStamp(sources: string, root = process.cwd(), env: Env = process.env): void {
  const stamp: Stamp = { sources, key: keyHash(env), builtAt: new Date().toISOString() };
  fs.writeFileSync(path.join(root, STAMP), `${JSON.stringify(stamp)}\n`);
}
