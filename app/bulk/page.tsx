import type { Metadata } from 'next';
import Link from 'next/link';
import { BulkUpload } from '@/components/bulk/bulk-upload';
import { Row, Table, THead } from '@/components/ui/table';
import { requirePermission } from '@/lib/auth/guard';
import { listRuns } from '@/lib/bulk/server/runs';
import { getConfig } from '@/lib/config';
import { formatDateTime } from '@/lib/customers/format';

export const metadata: Metadata = { title: 'Bulk corrections' };

export default async function BulkPage() {
  await requirePermission('bulk.run');
  const runs = await listRuns();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Bulk shipping corrections</h1>
      <BulkUpload reasonRequired={getConfig().editReasonRequired} />
      <section aria-labelledby="runs-title">
        <h2 id="runs-title" className="mb-2 text-lg font-semibold">
          Runs
        </h2>
        {runs.length === 0 ? (
          <p className="text-sm text-muted">No runs yet.</p>
        ) : (
          <Table>
            <THead>
              <tr>
                <th className="py-1">Started</th>
                <th>File</th>
                <th>Kind</th>
                <th>By</th>
                <th>State</th>
              </tr>
            </THead>
            <tbody>
              {runs.map((r) => (
                <Row key={r.id} align="middle">
                  <td className="py-1.5">
                    <Link className="text-accent underline" href={`/bulk/${r.id}`}>
                      {formatDateTime(r.createdAt)}
                    </Link>
                  </td>
                  <td>{r.fileName}</td>
                  <td>{r.kind}</td>
                  <td>{r.createdByEmail}</td>
                  <td>{r.state}</td>
                </Row>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
