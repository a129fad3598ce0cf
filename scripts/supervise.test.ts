import { describe, expect, it } from 'vitest';
import { restartDelay } from './supervise';

describe('restartDelay', () => {
  it('grows from 1 s, doubling, to at most 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(restartDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
