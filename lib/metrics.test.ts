import { describe, expect, it, vi } from 'vitest';
import {
  countBulkRow,
  countFlexCall,
  countSave,
  countSignInFailure,
  countSignInThrottled,
  countWebhook,
  metricsText,
  observeRequest,
  setSyncLag,
  watchPool,
} from './metrics';

describe('metrics', () => {
  it('serves every metric the desk counts, in Prometheus text format', async () => {
    observeRequest('/customers/[id]', 'POST', 200, 0.18);
    countFlexCall('PATCH', 429, 0.02);
    countFlexCall('GET', 'timeout', 10);
    countSave('saved');
    countSave('conflict');
    countBulkRow('done');
    setSyncLag(4.5);
    countWebhook('applied');
    countSignInFailure('wrong_password');
    countSignInThrottled();
    watchPool('main', { totalCount: 3, idleCount: 2, waitingCount: 1 });
    const text = await metricsText();
    expect(text).toContain(
      'desk_http_request_duration_seconds_bucket{le="0.25",route="/customers/[id]",method="POST",status="200"} 1',
    );
    expect(text).toContain('desk_flex_requests_total{method="PATCH",status="429"} 1');
    expect(text).toContain('desk_flex_requests_total{method="GET",status="timeout"} 1');
    expect(text).toContain('desk_saves_total{outcome="saved"} 1');
    expect(text).toContain('desk_saves_total{outcome="conflict"} 1');
    expect(text).toContain('desk_bulk_rows_total{state="done"} 1');
    expect(text).toContain('desk_sync_lag_seconds 4.5');
    expect(text).toContain('desk_webhooks_received_total{result="applied"} 1');
    expect(text).toContain('desk_sign_in_failures_total{reason="wrong_password"} 1');
    expect(text).toContain('desk_sign_in_throttled_total 1');
    expect(text).toContain('desk_db_pool_connections{pool="main",state="waiting"} 1');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('keeps one registry per process, however many copies of the module load', async () => {
    countSave('invalid');
    // A fresh instance of the module, as the custom server and the Next bundle (or a dev reload) each have.
    vi.resetModules();
    const copy = await import('./metrics');
    expect(copy.countSave).not.toBe(countSave);
    copy.countSave('invalid');
    expect(await copy.metricsText()).toContain('desk_saves_total{outcome="invalid"} 2');
    expect(await metricsText()).toContain('desk_saves_total{outcome="invalid"} 2');
  });
});
