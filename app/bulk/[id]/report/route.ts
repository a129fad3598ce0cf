// The run's report: every input row with its plan, outcome, before and after address, and error.
// Every cell goes through lib/csv/write.ts, so a spreadsheet never runs one as a formula.
import { authRoute } from '@/lib/auth/route';
import { csvDownload, toCsv } from '@/lib/csv/write';
import { getRun, runItems } from '@/lib/bulk/server/runs';
import { ADDRESS_FIELDS, type Address } from '@/lib/customers/types';

const flat = (prefix: string, a: Address | null) =>
  Object.fromEntries(ADDRESS_FIELDS.map((f) => [`${prefix}_${f}`, a?.[f] ?? '']));

export const GET = authRoute(
  'bulk.run',
  async (_request, _staff, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const run = /^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await getRun(id) : null;
    if (!run) return new Response('No such run.', { status: 404 });
    const items = await runItems(id);
    const csv = toCsv(
      items.map((i) => ({
        row: i.line,
        ...Object.fromEntries(
          run.header.map((h, k) => [`input:${h || `column ${k + 1}`}`, i.cells[k] ?? '']),
        ),
        customer_id: i.customerId,
        plan: i.kind ?? '',
        outcome: i.state,
        ...flat('before', i.before),
        ...flat('after', i.after),
        error: [i.error, ...Object.entries(i.errors).map(([f, m]) => `${f}: ${m}`)]
          .filter(Boolean)
          .join('; '),
        audit_id: i.auditId ?? '',
      })),
    );
    return csvDownload(csv, `bulk-${id}.csv`);
  },
);
