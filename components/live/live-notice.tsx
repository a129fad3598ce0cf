'use client';
// The open customer page is told of changes: when another server or Flex changes this customer, the page
// reads it again from Flex and says which fields changed and who changed them (when it was the desk),
// field by field as the conflict view shows them. Unsaved edits stay in the form. Also says who else has
// the page open.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { FIELD_LABEL } from '@/components/customer-form/display';
import { FieldComparison, type Column } from '@/components/customer-form/field-comparison';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/field';
import { PATCH_FIELDS, sameField, type PatchField } from '@/lib/customers/patch';
import type { CustomerFormInput } from '@/lib/customers/schema';
import { editableFields, type Customer, type CustomerFields } from '@/lib/customers/types';
import { useCustomerLive, type LiveChange } from './use-customer-live';

type Shown = { change: LiveChange; rows: { field: PatchField; before: unknown; now: unknown }[] };

function yours(field: PatchField, values: CustomerFormInput): unknown {
  if (field !== 'metadata') return values[field];
  try {
    return JSON.parse(values.metadata || '{}');
  } catch {
    return values.metadata;
  }
}

const list = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

export function LiveNotice({
  customerId,
  since,
  shown,
  values,
  dirty,
  busy,
  reread,
  onSeen,
  savedHere,
}: {
  customerId: string;
  /** When the page's record was read from Flex (ISO): changes indexed after it are announced on connect. */
  since: string;
  /** The customer as the page shows it (what the form was loaded with). */
  shown: CustomerFields;
  values: CustomerFormInput;
  /** Form paths with unsaved edits. */
  dirty: string[];
  /** A save is under way: its own echo is judged once it has landed. */
  busy: boolean;
  /** Reads the customer from Flex again (null when that failed). */
  reread: () => Promise<Customer | null>;
  /** Hands the fresh answer to the editor, which takes it in while nothing is edited. */
  onSeen?: (c: Customer) => void;
  /** Whether this page made this change itself: it holds Flex's answer to it already. */
  savedHere?: (changeId: number) => boolean;
}) {
  const [notice, setNotice] = useState<Shown | null>(null);
  const [deleted, setDeleted] = useState(false);
  const busyRef = useRef(busy);
  const waiting = useRef<LiveChange | null>(null);
  // The last answer from Flex this page holds: what it opened with or saved, or the last re-read. A second
  // notice of the same change (a webhook after a desk save) then finds nothing new.
  const known = useRef(shown);
  const shownJson = JSON.stringify(shown);
  // Layout effects: the refs hold this render's values before any event of the stream is handled.
  useLayoutEffect(() => {
    busyRef.current = busy;
  });
  useLayoutEffect(() => {
    known.current = JSON.parse(shownJson) as CustomerFields;
  }, [shownJson]);

  const handle = async (change: LiveChange) => {
    if (change.fields.includes('deleted')) {
      setDeleted(true);
      return;
    }
    // This page's own save: it holds Flex's answer already, and there is nothing to read or tell.
    if (change.source === 'desk' && change.changeId !== undefined && savedHere?.(change.changeId)) return;
    // Flex is the truth: the page reads the customer again; the editor takes it in (keeping edits).
    const answer = await reread();
    if (!answer) return;
    // Compared with what the page holds once the answer is in, not before the read: this page's own save,
    // landing meanwhile, is then already what the page shows and is not announced to the one who made it.
    const before = known.current;
    const fresh = editableFields(answer);
    known.current = fresh;
    onSeen?.(answer);
    const rows = PATCH_FIELDS.filter((f) => !sameField(f, before, fresh)).map((field) => ({
      field,
      before: before[field],
      now: fresh[field],
    }));
    // Nothing this page shows differs (its own save, or a change to fields the desk does not edit).
    if (rows.length > 0) setNotice({ change, rows });
  };

  const { others, ended, connected } = useCustomerLive(customerId, since, (c) => {
    if (busyRef.current) waiting.current = c;
    else void handle(c);
  });
  useEffect(() => {
    if (busy || !waiting.current) return;
    const c = waiting.current;
    waiting.current = null;
    void handle(c);
    // handle reads refs only; it runs when a save has finished.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [busy]);

  const edited = new Set(dirty.map((p) => p.split('.')[0]));
  const labels = notice ? notice.rows.map((r) => FIELD_LABEL[r.field]) : [];
  const by = notice?.change.by;
  const headline = !notice
    ? ''
    : notice.change.source === 'desk' && by
      ? `${by.name} (${by.role}) changed ${list(labels)} just now.`
      : notice.change.source === 'resync'
        ? `${list(labels)} changed while this page was not connected.`
        : notice.change.source === 'since'
          ? `${list(labels)} changed in Flex since this page was loaded.`
          : `${list(labels)} changed in Flex just now.`;

  return (
    <div className="space-y-2" data-live={connected ? 'connected' : 'connecting'}>
      {others.length > 0 && (
        <p className="text-sm text-muted" aria-live="polite">
          Also open: {others.map((o) => `${o.name} (${o.role})`).join(', ')}
        </p>
      )}
      {ended && (
        <p role="status" className="text-sm text-warning">
          Live updates stopped: {ended}
        </p>
      )}
      {deleted && (
        <Alert tone="danger" role="alert" as="p">
          This customer was deleted in Flex. Nothing more can be saved to it; copy any unsaved edits you need.
        </Alert>
      )}
      {notice && (
        <Alert
          tone="warning"
          role="status"
          as="section"
          toneText={false}
          aria-label="Changed since you opened it"
        >
          <div className="flex flex-wrap items-start gap-3">
            <p className="font-semibold text-warning">{headline}</p>
            <button type="button" className={`${buttonClass} ml-auto`} onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
          <p className="mb-2 text-sm">
            {edited.size > 0
              ? 'Your unsaved edits are kept; when you save, you will choose for each field changed by both which value to keep.'
              : 'The form now shows the new values.'}
          </p>
          <div className="space-y-2">
            {notice.rows.map((r) => {
              const columns: Column[] = [
                { label: 'Before', value: r.before },
                { label: 'Now in Flex', value: r.now },
              ];
              if (edited.has(r.field))
                columns.push({ label: 'Yours (unsaved)', value: yours(r.field, values) });
              return (
                <fieldset key={r.field} className="rounded border border-line bg-canvas p-2">
                  <legend className="px-1 text-sm font-semibold">{FIELD_LABEL[r.field]}</legend>
                  <FieldComparison field={r.field} columns={columns} />
                </fieldset>
              );
            })}
          </div>
        </Alert>
      )}
    </div>
  );
}
