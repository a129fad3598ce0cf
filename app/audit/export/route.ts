// CSV export of the filtered audit rows (admins only). Cells hold text anyone can type (an email at
// sign-in): every one goes through lib/csv/write.ts, so none runs as a formula in a spreadsheet.
import { authRoute } from '@/lib/auth/route';
import { csvDownload, toCsv } from '@/lib/csv/write';
import { parseAuditParams } from '@/lib/audit/filters';
import { listAudit } from '@/lib/audit/query';
import { outcomeWord } from '@/components/audit/outcome';
import { isReasonCode, REASON_LABEL } from '@/lib/customers/reason';

export const GET = authRoute('audit.read', async (request) => {
  const filters = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const { entries } = await listAudit(filters, { limit: 100_000, offset: 0 });
  const csv = toCsv(
    entries.map((e) => ({
      id: e.id,
      time_utc: e.at,
      actor_email: e.actorEmail ?? '',
      role: e.actorRole ?? '',
      action: e.action,
      customer_id: e.customerId ?? '',
      test_mode: e.testMode === null ? '' : String(e.testMode),
      outcome: e.outcome,
      // The stored code stays for filtering in a spreadsheet; the word is what /audit shows.
      outcome_text: outcomeWord(e).text,
      changes: e.changes ? JSON.stringify(e.changes) : '',
      upstream_status: e.upstreamStatus ?? '',
      upstream_request_id: e.upstreamRequestId ?? '',
      duration_ms: e.durationMs ?? '',
      request_id: e.requestId ?? '',
      ip: e.ip ?? '',
      user_agent: e.userAgent ?? '',
      detail: e.detail ?? '',
      reason_code: e.reasonCode ?? '',
      reason: isReasonCode(e.reasonCode) ? REASON_LABEL[e.reasonCode] : '',
      reason_detail: e.reasonDetail ?? '',
      ticket: e.ticket ?? '',
      reverts_id: e.revertsId ?? '',
      bulk_run_id: e.bulkRunId ?? '',
    })),
  );
  return csvDownload(csv, `audit-${new Date().toISOString().slice(0, 10)}.csv`);
});
