// Holds the framework at versions with known security fixes (npm audit cannot reach its service here).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

function installed(pkg: string): number[] {
  const json = JSON.parse(fs.readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string };
  return json.version.split(/[.-]/).slice(0, 3).map(Number);
}

function atLeast(v: number[], min: number[]): boolean {
  for (let i = 0; i < 3; i++) {
    if ((v[i] ?? 0) !== (min[i] ?? 0)) return (v[i] ?? 0) > (min[i] ?? 0);
  }
  return true;
}

describe('security floor of installed packages', () => {
  it.each([
    ['next', [16, 3, 8]],
    ['react', [19, 2, 1]],
    ['react-dom', [19, 2, 1]],
  ])('%s is at least %j', (pkg, min) => {
    expect(atLeast(installed(pkg), min), `${pkg} ${installed(pkg).join('.')}`).toBe(true);
  });

  it('better-sqlite3 stays on 12.x (13 needs Node 22)', () => {
    expect(installed('better-sqlite3')[0]).toBe(12);
  });
});
