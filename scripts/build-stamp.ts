// Decides whether the production build is current: a hash of every input the build reads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.js',
  'proxy.ts',
  'instrumentation.ts',
  'package-lock.json',
  'tsconfig.json',
  'postcss.config.mjs',
];
const STAMP = path.join('.next', 'desk-source-hash');

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
  // The Server Actions key is embedded at build time: another key needs another build.
  h.update(`key:${process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? ''}`);
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update(fs.readFileSync(f));
  }
  return h.digest('hex');
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return (
    fs.existsSync(path.join(root, '.next', 'BUILD_ID')) &&
    fs.existsSync(stamp) &&
    fs.readFileSync(stamp, 'utf8') === sourceHash(root)
  );
}

/** `hash` is taken before the build starts: an edit made while it runs must make the next start rebuild. */
export function writeStamp(hash: string, root = process.cwd()): void {
  fs.writeFileSync(path.join(root, STAMP), hash);
}
