'use client';
// Upload and map: the file is read here to show its columns and a guess of what each holds; the person
// confirms the mapping and what a blank cell means, then the server reads the file again and starts the dry run.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClass, inputClass, primaryButtonClass } from '@/components/ui/field';
import { Alert } from '@/components/ui/alert';
import { Row, Table, THead } from '@/components/ui/table';
import { ReasonFields, type ReasonErrors } from '@/components/customer-form/reason-fields';
import { readCsv, type CsvFile } from '@/lib/bulk/csv';
import {
  BULK_FIELD_LABEL,
  BULK_FIELDS,
  duplicateIds,
  guessMapping,
  KEEP_BLANKS,
  mappingProblems,
  type BlankRules,
  type Mapping,
} from '@/lib/bulk/mapping';
import type { ActionResult } from '@/lib/customers/action-result';
import { checkReason, NO_REASON, type ReasonInput } from '@/lib/customers/reason';
import { ADDRESS_FIELDS, type AddressField } from '@/lib/customers/types';

export function BulkUpload({ reasonRequired }: { reasonRequired: boolean }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<CsvFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [blanks, setBlanks] = useState<BlankRules>(KEEP_BLANKS);
  const [reason, setReason] = useState<ReasonInput>(NO_REASON);
  const [reasonErrors, setReasonErrors] = useState<ReasonErrors>({});
  const [busy, setBusy] = useState(false);

  const choose = async (f: File | null) => {
    setError(null);
    setCsv(null);
    setMapping(null);
    setFile(f);
    if (!f) return;
    const r = await readCsv(new Uint8Array(await f.arrayBuffer()));
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setCsv(r.file);
    setMapping(guessMapping(r.file.header));
    setBlanks(KEEP_BLANKS);
  };

  const problems = csv && mapping ? mappingProblems(mapping, csv.header.length) : [];
  const dups =
    csv && mapping && mapping.customer_id !== null ? duplicateIds(csv.rows, mapping.customer_id) : [];

  const start = async () => {
    if (!file || !mapping) return;
    const checked = checkReason(reason, reasonRequired);
    if (!checked.ok) {
      setReasonErrors(checked.fieldErrors);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = new FormData();
      body.set('file', file);
      body.set('mapping', JSON.stringify(mapping));
      body.set('blanks', JSON.stringify(blanks));
      body.set('reason', JSON.stringify(reason));
      const res = await fetch('/bulk/upload', { method: 'POST', body });
      const r = (await res.json()) as ActionResult<{ runId: string }>;
      if (r.ok) router.push(`/bulk/${r.value.runId}`);
      else setError(r.message);
    } catch {
      setError('The Customer Desk server could not be reached. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="upload-title" className="rounded border border-line p-4">
      <h2 id="upload-title" className="mb-2 text-lg font-semibold">
        New correction from a CSV file
      </h2>
      <p className="mb-3 text-sm text-muted">
        UTF-8, comma or semicolon separated, a header row, at most 10,000 rows and 5 MB. One row per customer:
        its id and the address parts to change. Nothing is written until you have reviewed the dry run.{' '}
        <a className="underline" href="/bulk-example.csv" download>
          Example file
        </a>
      </p>
      <label htmlFor="bulk-file" className="font-medium">
        CSV file
      </label>
      <input
        id="bulk-file"
        type="file"
        accept=".csv,text/csv"
        className="mt-1 block"
        onChange={(e) => void choose(e.target.files?.[0] ?? null)}
      />
      {error && (
        <Alert tone="danger" role="alert" as="p" pad="sm" className="mt-3">
          {error}
        </Alert>
      )}
      {csv && mapping && (
        <div className="mt-4 space-y-4">
          <p className="text-sm">
            {csv.rows.length.toLocaleString('en')} rows, {csv.header.length} columns, separated by “
            {csv.delimiter}”.
          </p>
          <Table>
            <caption className="mb-1 text-left font-semibold">Columns</caption>
            <THead>
              <tr>
                <th className="py-1">Field</th>
                <th>Column in the file</th>
                <th>A blank cell means</th>
              </tr>
            </THead>
            <tbody>
              {BULK_FIELDS.map((f) => (
                <Row key={f} align="middle">
                  <th scope="row" className="py-1.5 font-medium">
                    <label htmlFor={`map-${f}`}>{BULK_FIELD_LABEL[f]}</label>
                  </th>
                  <td>
                    <select
                      id={`map-${f}`}
                      className={inputClass}
                      value={mapping[f] ?? ''}
                      onChange={(e) =>
                        setMapping({ ...mapping, [f]: e.target.value === '' ? null : Number(e.target.value) })
                      }
                    >
                      <option value="">Not in the file</option>
                      {csv.header.map((h, i) => (
                        <option key={i} value={i}>
                          {h || `Column ${i + 1}`}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {f !== 'customer_id' && mapping[f] !== null && (
                      <select
                        aria-label={`A blank ${BULK_FIELD_LABEL[f]} means`}
                        className={inputClass}
                        value={blanks[f as AddressField]}
                        onChange={(e) => setBlanks({ ...blanks, [f]: e.target.value as 'keep' | 'clear' })}
                      >
                        <option value="keep">Keep Flex’s value</option>
                        <option value="clear">Clear it</option>
                      </select>
                    )}
                  </td>
                </Row>
              ))}
            </tbody>
          </Table>
          <Preview csv={csv} mapping={mapping} blanks={blanks} />
          {(problems.length > 0 || dups.length > 0) && (
            <Alert tone="danger" role="alert" as="ul" pad="sm" className="text-sm">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
              {dups.length > 0 && (
                <li>Each customer may appear once. Repeated: {dups.slice(0, 5).join('; ')}</li>
              )}
            </Alert>
          )}
          <ReasonFields
            value={reason}
            onChange={(r) => {
              setReason(r);
              setReasonErrors({});
            }}
            errors={reasonErrors}
            required={reasonRequired}
          />
          <div className="flex gap-2">
            <button
              type="button"
              className={primaryButtonClass}
              disabled={busy || problems.length > 0 || dups.length > 0}
              onClick={() => void start()}
            >
              {busy ? 'Starting…' : 'Start the dry run'}
            </button>
            <button type="button" className={buttonClass} onClick={() => void choose(null)}>
              Choose another file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Preview({ csv, mapping, blanks }: { csv: CsvFile; mapping: Mapping; blanks: BlankRules }) {
  const rows = csv.rows.slice(0, 5);
  const fields = ADDRESS_FIELDS.filter((f) => mapping[f] !== null);
  return (
    <Table>
      <caption className="mb-1 text-left font-semibold">The first rows as they will be read</caption>
      <THead>
        <tr>
          <th className="py-1">Customer id</th>
          {fields.map((f) => (
            <th key={f}>{BULK_FIELD_LABEL[f]}</th>
          ))}
        </tr>
      </THead>
      <tbody>
        {rows.map((r, i) => (
          <Row key={i} align="middle">
            <td className="py-1 font-mono">{mapping.customer_id !== null ? r[mapping.customer_id] : ''}</td>
            {fields.map((f) => {
              const cell = r[mapping[f]!] ?? '';
              return (
                <td key={f}>
                  {cell.trim() !== '' ? (
                    cell
                  ) : (
                    <span className="text-muted italic">
                      {blanks[f] === 'clear' ? '(cleared)' : '(keep Flex’s value)'}
                    </span>
                  )}
                </td>
              );
            })}
          </Row>
        ))}
      </tbody>
    </Table>
  );
}
