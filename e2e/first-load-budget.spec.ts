// The first-load JavaScript budgets, read from the production build the suite runs against (the build's
// manifests, gzip sizes; no browser): the edit page within 160 KB, the sign-in page within 145 KB.
import { expect, test } from '@playwright/test';
import { firstLoadFiles, firstLoadJs } from '../bench/first-load';

const BUDGET_KB: Record<string, number> = { '/customers/[id]': 160, '/login': 145 };

for (const [route, kb] of Object.entries(BUDGET_KB))
  test(`first-load JS of ${route} is within ${kb} KB`, () => {
    const { bytes, files } = firstLoadJs(route);
    expect(files, 'the build lists no chunks for the route').toBeGreaterThan(3);
    expect(
      bytes / 1024,
      `${route}: ${(bytes / 1024).toFixed(1)} KB gzip in ${firstLoadFiles(route).join(', ')}`,
    ).toBeLessThanOrEqual(kb);
  });
