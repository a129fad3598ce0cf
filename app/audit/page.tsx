import type { Metadata } from 'next';
import Link from 'next/link';
import { ChangesList } from '@/components/audit/changes-list';
import { OutcomeBadge } from '@/components/audit/outcome-badge';
import { ReasonLine } from '@/components/audit/reason-line';
import { Row, Table, THead } from '@/components/ui/table';
import { EDIT_REASONS, REASON_LABEL } from '@/lib/customers/reason';
import { requirePermission } from '@/lib/auth/guard';
import { AUDIT_ACTIONS, OUTCOMES } from '@/lib/audit/audit';
import { AUDIT_PAGE_SIZE, parseAuditParams } from '@/lib/audit/filters';
import { listAudit } from '@/lib/audit/query';
import { formatDateTime } from '@/lib/customers/format';

export const metadata: Metadata = { title: 'Audit trail' };

type Params = Record<string, string | string[] | undefined>;

function queryString(params: Params, extra: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...extra })) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value) q.set(k, value);
  }
  return q.toString();
}

const field = 'rounded border border-line bg-canvas px-2 py-1';

function FilterInput(p: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder?: string;
  type?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`f-${p.name}`} className="text-sm font-medium">
        {p.label}
      </label>
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        defaultValue={p.value ?? ''}
        placeholder={p.placeholder}
        className={field}
      />
    </div>
  );
}

function FilterSelect(p: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly string[];
  labels?: Record<string, string>;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`f-${p.name}`} className="text-sm font-medium">
        {p.label}
      </label>
      <select id={`f-${p.name}`} name={p.name} defaultValue={p.value ?? ''} className={field}>
        <option value="">Any</option>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {p.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requirePermission('audit.read');
  const params = await searchParams;
  const f = parseAuditParams(params);
  const { entries, total } = await listAudit(f, {
    limit: AUDIT_PAGE_SIZE,
    offset: (f.page - 1) * AUDIT_PAGE_SIZE,
  });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const { page: _page, ...filterParams } = params;
  void _page;
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Audit trail</h1>
      <form
        method="get"
        className="mb-4 grid gap-3 rounded border border-line p-4 md:grid-cols-4 xl:grid-cols-10"
        aria-label="Filter the audit trail"
      >
        <FilterInput name="actor" label="Actor" value={f.actor} placeholder="email" />
        <FilterInput name="customer" label="Customer" value={f.customerId} placeholder="fcus_…" />
        <FilterSelect name="action" label="Action" value={f.action} options={AUDIT_ACTIONS} />
        <FilterSelect name="outcome" label="Outcome" value={f.outcome} options={OUTCOMES} />
        <FilterSelect
          name="reason"
          label="Reason"
          value={f.reason}
          options={EDIT_REASONS}
          labels={REASON_LABEL}
        />
        <FilterInput name="ticket" label="Ticket" value={f.ticket} placeholder="ZD-4821" />
        <FilterInput name="run" label="Bulk run" value={f.runId} placeholder="blk_…" />
        <FilterInput name="from" label="From" value={f.from} type="date" />
        <FilterInput name="to" label="To" value={f.to} type="date" />
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-accent px-3 py-1 font-semibold text-canvas">
            Filter
          </button>
          <Link href="/audit" className="px-1 py-1 text-sm underline">
            Clear
          </Link>
        </div>
      </form>
      <div className="mb-2 flex items-center justify-between text-sm">
        <p aria-live="polite">
          {total} {total === 1 ? 'entry' : 'entries'}
        </p>
        <a
          href={`/audit/export?${queryString(filterParams, {})}`}
          className="rounded border border-line px-2 py-1 font-medium"
          download
        >
          Export CSV
        </a>
      </div>
      <Table>
        <THead>
          <tr>
            <th className="py-1">Time (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Customer</th>
            <th>Outcome</th>
            <th>Details</th>
          </tr>
        </THead>
        <tbody>
          {entries.map((e) => (
            <Row key={e.id}>
              <td className="py-1.5 whitespace-nowrap">
                {formatDateTime(e.at)}
                <div className="text-muted">#{e.id}</div>
              </td>
              <td>
                {e.actorEmail ?? '—'}
                <div className="text-muted">{e.actorRole}</div>
              </td>
              <td className="font-mono">{e.action}</td>
              <td>
                {e.customerId ? (
                  <Link
                    prefetch={false}
                    className="font-mono text-accent underline"
                    href={`/customers/${e.customerId}`}
                  >
                    {e.customerId}
                  </Link>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <OutcomeBadge entry={e} />
              </td>
              <td>
                {e.detail && <div className="text-muted">{e.detail}</div>}
                {e.revertsId !== null && <div className="text-muted">Reverts #{e.revertsId}</div>}
                {e.bulkRunId && (
                  <Link className="text-accent underline" href={`/bulk/${e.bulkRunId}`}>
                    Bulk run {e.bulkRunId}
                  </Link>
                )}
                <ChangesList changes={e.changes} />
                <ReasonLine entry={e} />
                <div className="text-muted">
                  {[
                    e.ip,
                    e.requestId,
                    e.upstreamStatus ? `Flex ${e.upstreamStatus}` : null,
                    e.durationMs !== null ? `${e.durationMs} ms` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </td>
            </Row>
          ))}
        </tbody>
      </Table>
      <nav aria-label="Pages" className="mt-4 flex items-center gap-3">
        {f.page > 1 && (
          <Link
            className="underline"
            href={`/audit?${queryString(filterParams, { page: String(f.page - 1) })}`}
          >
            Newer
          </Link>
        )}
        <span className="text-sm text-muted">
          Page {f.page} of {pages}
        </span>
        {f.page < pages && (
          <Link
            className="underline"
            href={`/audit?${queryString(filterParams, { page: String(f.page + 1) })}`}
          >
            Older
          </Link>
        )}
      </nav>
    </section>
  );
}
