'use client';
// A bulk run's page: the dry run's plan to review (counts, filters, a diff per row), then the run's progress
// (live, by polling; it survives a reload because the run lives in the database), and the way back.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fetchRunView, runCommand } from '@/app/bulk/[id]/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClass, dangerButtonClass, primaryButtonClass } from '@/components/ui/field';
import { Row, Table, THead } from '@/components/ui/table';
import { BULK_FIELD_LABEL } from '@/lib/bulk/mapping';
import { ROW_KIND_LABEL, ROW_KINDS } from '@/lib/bulk/plan';
import type { Item, RunView as View } from '@/lib/bulk/run-types';
import { ADDRESS_FIELDS, type Address } from '@/lib/customers/types';
import {
  ACTIVE_RUN_STATES,
  DRY_RUN_STATES,
  ROW_OUTCOMES,
  UNDOABLE_RUN_STATES,
  WORKING_RUN_STATES,
  type ItemState,
  type RunKind,
  type RunState,
} from '@/lib/shared/bulk-states';

const STATE_LABEL: Record<RunState, string> = {
  planning: 'Dry run: reading customers from Flex',
  planned: 'Dry run finished: review the plan',
  running: 'Applying',
  paused: 'Paused',
  done: 'Finished',
  cancelled: 'Cancelled',
};
const OUTCOME_LABEL: Record<ItemState, string> = {
  unread: 'Not read yet',
  planned: 'To send',
  sending: 'Sending',
  done: 'Written',
  conflict: 'Conflict: not written',
  failed: 'Failed',
  skipped: 'Skipped',
};
const KIND_LABEL: Record<RunKind, string> = {
  apply: 'Correction',
  retry: 'Retry of failed rows',
  undo: 'Undo',
};

function runQuery(id: string, filter: string) {
  return {
    queryKey: ['bulk-run', id, filter] as const,
    queryFn: async (): Promise<View> => {
      const r = await fetchRunView(id, filter);
      if (!r.ok) throw new Error(r.message);
      return r.value;
    },
  };
}

export function RunView({ initial }: { initial: View }) {
  const id = initial.run.id;
  const router = useRouter();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data = initial } = useQuery({
    ...runQuery(id, filter),
    initialData: filter === '' ? initial : undefined,
    refetchInterval: (q) => {
      const s = q.state.data?.run.state ?? initial.run.state;
      return WORKING_RUN_STATES.includes(s) ? 1000 : false;
    },
  });
  const { run, counts } = data;

  const command = async (c: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await runCommand(id, c, run.fileHash);
      if (!r.ok) setMessage(r.message);
      else if (r.value.runId !== id) router.push(`/bulk/${r.value.runId}`);
      await queryClient.invalidateQueries({ queryKey: ['bulk-run', id] });
    } catch {
      setMessage('The Customer Desk server could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const planning = run.state === 'planning';
  const read = counts.total - counts.byKind.unread;
  const toWrite = counts.byKind.change;
  const finished = counts.byState.done + counts.byState.conflict + counts.byState.failed;
  const progress = planning ? read / Math.max(1, counts.total) : finished / Math.max(1, toWrite);

  return (
    <div className="space-y-4">
      <header>
        <p className="text-sm text-muted">
          <Link href="/bulk" className="underline">
            Bulk corrections
          </Link>{' '}
          · {KIND_LABEL[run.kind]} · {run.fileName} · by {run.createdByEmail}
          {!run.testMode && <span className="ml-2 rounded bg-danger px-1.5 font-bold text-canvas">LIVE</span>}
        </p>
        <h1 className="text-2xl font-semibold">{STATE_LABEL[run.state] ?? run.state}</h1>
      </header>

      {(planning || run.state === 'running' || run.state === 'paused' || run.state === 'done') && (
        <section aria-label="Progress">
          <progress
            className="h-3 w-full"
            max={1}
            value={progress}
            aria-label={planning ? 'Customers read' : 'Rows written'}
          />
          <p className="mt-1 text-sm" aria-live="polite">
            {planning
              ? `${read.toLocaleString('en')} of ${counts.total.toLocaleString('en')} customers read`
              : `${finished.toLocaleString('en')} of ${toWrite.toLocaleString('en')} rows sent: ${counts.byState.done} written, ${counts.byState.conflict} conflicts, ${counts.byState.failed} failed`}
            {data.rate !== null && ` · ${data.rate.toFixed(1)} rows/s`}
            {data.etaSeconds !== null && ` · about ${formatEta(data.etaSeconds)} left`}
            {run.throttled > 0 && ` · Flex asked to slow down ${run.throttled} times`}
          </p>
        </section>
      )}

      {message && (
        <Alert tone="danger" role="alert" as="p" pad="sm">
          {message}
        </Alert>
      )}

      <div className="flex flex-wrap gap-2">
        {run.state === 'planned' && (
          <button
            type="button"
            className={run.testMode ? primaryButtonClass : dangerButtonClass}
            disabled={busy || toWrite === 0}
            onClick={() => void command('confirm')}
          >
            {toWrite === 0
              ? 'Nothing to write'
              : `Apply: write ${toWrite.toLocaleString('en')} ${toWrite === 1 ? 'address' : 'addresses'} to ${run.testMode ? 'Flex' : 'live Flex'}`}
          </button>
        )}
        {run.state === 'running' && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void command('pause')}>
            Pause
          </button>
        )}
        {run.state === 'paused' && (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() => void command('resume')}
          >
            Resume
          </button>
        )}
        {ACTIVE_RUN_STATES.includes(run.state) && (
          <button
            type="button"
            className={buttonClass}
            disabled={busy}
            onClick={() => void command('cancel')}
          >
            Cancel the run
          </button>
        )}
        {counts.byState.failed > 0 && UNDOABLE_RUN_STATES.includes(run.state) && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void command('retry')}>
            Retry failed rows
          </button>
        )}
        {counts.byState.done > 0 && run.kind !== 'undo' && UNDOABLE_RUN_STATES.includes(run.state) && (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void command('undo')}>
            Undo this run…
          </button>
        )}
        {!planning && (
          <a className={buttonClass} href={`/bulk/${id}/report`} download>
            Download report (CSV)
          </a>
        )}
        <Link className={buttonClass} href={`/audit?run=${id}`}>
          Audit trail of this run
        </Link>
      </div>

      <nav aria-label="Filter rows" className="flex flex-wrap gap-2 text-sm">
        <FilterButton label={`All ${counts.total}`} active={filter === ''} onClick={() => setFilter('')} />
        {ROW_KINDS.map((k) => (
          <FilterButton
            key={k}
            label={`${ROW_KIND_LABEL[k]} ${counts.byKind[k]}`}
            active={filter === k}
            onClick={() => setFilter(k)}
          />
        ))}
        {!DRY_RUN_STATES.includes(run.state) &&
          ROW_OUTCOMES.map((s) => (
            <FilterButton
              key={s}
              label={`${OUTCOME_LABEL[s]} ${counts.byState[s]}`}
              active={filter === s}
              onClick={() => setFilter(s)}
            />
          ))}
      </nav>

      <Table>
        <caption className="sr-only">Rows of the file</caption>
        <THead>
          <tr>
            <th className="py-1">Row</th>
            <th>Customer</th>
            <th>Plan</th>
            <th>Change</th>
            <th>Outcome</th>
          </tr>
        </THead>
        <tbody>
          {data.items.map((i) => (
            <ItemRow key={i.line} item={i} />
          ))}
        </tbody>
      </Table>
      {data.items.length === 500 && (
        <p className="text-sm text-muted">The first 500 rows are shown; the report has all.</p>
      )}
    </div>
  );
}

function FilterButton({ label, active, onClick }: { label: string; active: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={`min-h-7 rounded border px-2 ${active ? 'border-accent bg-accent text-canvas' : 'border-line'}`}
    >
      {label}
    </button>
  );
}

function ItemRow({ item }: { item: Item }) {
  const diff = ADDRESS_FIELDS.filter((f) => (item.before?.[f] ?? '') !== (item.after?.[f] ?? ''));
  return (
    <Row>
      <td className="py-1.5">{item.line}</td>
      <td className="font-mono">
        {/^fcus_/.test(item.customerId) ? (
          <Link prefetch={false} className="text-accent underline" href={`/customers/${item.customerId}`}>
            {item.customerId}
          </Link>
        ) : (
          item.customerId || '(none)'
        )}
        {item.errors.customer_id && <div className="font-sans text-danger">⚠ {item.errors.customer_id}</div>}
      </td>
      <td>{item.kind ? ROW_KIND_LABEL[item.kind] : 'Not read yet'}</td>
      <td>
        {item.kind === 'change' || item.kind === 'invalid' ? (
          <ul>
            {diff.map((f) => (
              <li key={f}>
                <span className="font-medium">{BULK_FIELD_LABEL[f]}</span>:{' '}
                <span className="text-muted line-through">{show(item.before, f)}</span> →{' '}
                {show(item.after, f)}
                {item.errors[f] && <div className="text-danger">⚠ {item.errors[f]}</div>}
              </li>
            ))}
            {Object.entries(item.errors)
              .filter(([f]) => f !== 'customer_id' && !diff.includes(f as never))
              .map(([f, m]) => (
                <li key={f} className="text-danger">
                  ⚠ {BULK_FIELD_LABEL[f as keyof typeof BULK_FIELD_LABEL]}: {m}
                </li>
              ))}
          </ul>
        ) : null}
      </td>
      <td>
        {OUTCOME_LABEL[item.state] ?? item.state}
        {item.error && <div className="text-muted">{item.error}</div>}
      </td>
    </Row>
  );
}

function show(a: Address | null, f: keyof Address): string {
  const v = a?.[f] ?? '';
  return v === '' ? '(empty)' : v;
}

function formatEta(s: number): string {
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}
