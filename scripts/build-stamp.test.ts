// The one build: `npm run build` stamps it, and a start serves it while sources and key match, or says why not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildState, sourceHash, writeStamp } from './build-stamp';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-stamp-'));
  fs.mkdirSync(path.join(root, 'app'));
  fs.writeFileSync(path.join(root, 'app', 'page.tsx'), 'export default function Page() { return null; }\n');
  fs.writeFileSync(path.join(root, 'proxy.ts'), 'export {};\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const KEY = { NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
function fakeBuild(env: Record<string, string> = {}) {
  fs.mkdirSync(path.join(root, '.next'), { recursive: true });
  fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'abc');
  writeStamp(sourceHash(root), root, env);
}

describe('buildState', () => {
  it('no build: builds, saying so', () => {
    expect(buildState(root, {})).toMatchObject({ current: false, reason: 'missing' });
  });

  it('a build made by `next build` directly, without the stamp: cannot be checked, so it is rebuilt', () => {
    fs.mkdirSync(path.join(root, '.next'));
    fs.writeFileSync(path.join(root, '.next', 'BUILD_ID'), 'abc');
    expect(buildState(root, {})).toMatchObject({ current: false, reason: 'unstamped' });
  });

  it('the stamped build is current for the same sources and key, whoever starts it', () => {
    fakeBuild(KEY);
    const s = buildState(root, KEY);
    expect(s.current).toBe(true);
    // The stamp keeps only a hash of the key.
    expect(fs.readFileSync(path.join(root, '.next', 'desk-build.json'), 'utf8')).not.toContain(
      KEY.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY,
    );
  });

  it('another Server Actions key, or changed sources (proxy.ts included), need a new build, and say which', () => {
    fakeBuild(KEY);
    expect(buildState(root, {})).toMatchObject({ current: false, reason: 'key' });
    fs.appendFileSync(path.join(root, 'proxy.ts'), '// changed\n');
    const s = buildState(root, KEY);
    expect(s).toMatchObject({ current: false, reason: 'sources' });
    expect(s.current ? '' : s.why).toMatch(/sources changed since the build of \d{4}-/);
  });

  it('test files are not build inputs', () => {
    fakeBuild();
    fs.writeFileSync(path.join(root, 'app', 'page.test.ts'), 'it()\n');
    expect(buildState(root, {}).current).toBe(true);
  });
});
