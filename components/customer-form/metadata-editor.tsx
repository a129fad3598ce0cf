'use client';
// Metadata as a key/value table or as raw JSON. The JSON text is the one source of truth, so switching
// modes keeps everything, and values that are not strings (numbers, booleans, null, nested) are kept as JSON.
import { lazyPart } from '@/components/ui/lazy-part';
import { useId, useState } from 'react';
import { rowsFromMetadata, textFromRows, type MetadataRow } from '@/lib/customers/metadata';
import type { Metadata } from '@/lib/customers/types';
import { buttonClass, inputClass } from '@/components/ui/field';

const JsonEditor = lazyPart(
  () => import('./json-editor').then((m) => m.default),
  <p className="rounded border border-line p-3 text-sm text-muted">Loading the JSON editor…</p>,
);

function parseObject(text: string): Metadata | null {
  try {
    const v: unknown = JSON.parse(text || '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Metadata) : null;
  } catch {
    return null;
  }
}

type Props = {
  value: string;
  onChange: (text: string) => void;
  error: string | undefined;
  edited: boolean;
  readOnly: boolean;
};

export function MetadataEditor({ value, onChange, error, edited, readOnly }: Props) {
  const [mode, setMode] = useState<'table' | 'json'>('table');
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [rows, setRows] = useState<MetadataRow[] | null>(null);
  const labelId = useId();
  const errorId = `${labelId}-error`;

  // Rows follow the text unless the person is mid-edit in the table (rows state set). Limits are not
  // applied here, so an over-limit object still shows every key rather than an empty table.
  const tableRows = rows ?? rowsFromMetadata(parseObject(value) ?? {});

  const updateRows = (next: MetadataRow[]) => {
    setRows(next);
    onChange(textFromRows(next));
  };

  const switchTo = (m: 'table' | 'json') => {
    // The table can only show JSON that parses; limits are checked (and reported) on save.
    if (m === 'table') {
      if (!parseObject(value)) {
        setSwitchError(
          'Fix the JSON before switching to the table: it must be one JSON object, like {"key": "value"}.',
        );
        return;
      }
    }
    setSwitchError(null);
    setRows(null);
    setMode(m);
  };

  const rowKeyDupes = new Set(tableRows.map((r) => r.key).filter((k, i, all) => all.indexOf(k) !== i));

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <label
          id={labelId}
          htmlFor={mode === 'json' ? undefined : `${labelId}-table`}
          className="font-semibold"
        >
          Metadata
        </label>
        {edited && (
          <span className="text-xs font-semibold text-accent" title="Changed, not saved yet">
            ● <span className="sr-only">(edited)</span>
          </span>
        )}
        {!readOnly && (
          <div
            role="group"
            aria-label="Metadata view"
            className="ml-auto flex overflow-hidden rounded border border-line text-sm"
          >
            {(['table', 'json'] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={mode === m}
                onClick={() => switchTo(m)}
                className={`min-h-7 px-3 ${mode === m ? 'bg-accent text-canvas' : 'bg-surface'}`}
              >
                {m === 'table' ? 'Table' : 'JSON'}
              </button>
            ))}
          </div>
        )}
      </div>
      {switchError && (
        <p role="alert" className="text-sm text-danger">
          {switchError}
        </p>
      )}

      {readOnly ? (
        <pre className="overflow-x-auto rounded bg-surface p-3 font-mono text-sm">{value}</pre>
      ) : mode === 'json' ? (
        <JsonEditor
          value={value}
          onChange={onChange}
          labelledBy={labelId}
          describedBy={error ? errorId : undefined}
          invalid={!!error}
        />
      ) : (
        <div
          id={`${labelId}-table`}
          role="group"
          aria-labelledby={labelId}
          aria-describedby={error ? errorId : undefined}
          tabIndex={-1}
          className="@container flex flex-col gap-2"
        >
          {tableRows.length === 0 && <p className="text-sm text-muted">No metadata. Add a field to start.</p>}
          {tableRows.map((r, i) => (
            // A grid, not a wrapping flex row: the columns shrink together, so key, value, type and remove
            // stay on one line in the half-width column at 1366 px. Below 28rem of room (a phone) the row takes
            // two lines in reading order (key and value, then type and remove), ruled off from the next row.
            <div
              key={i}
              className="grid grid-cols-2 items-start gap-2 border-b border-line pb-2 @md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto_auto] @md:border-0 @md:pb-0"
            >
              <input
                aria-label={`Key ${i + 1}`}
                value={r.key}
                maxLength={60}
                onChange={(e) =>
                  updateRows(tableRows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))
                }
                className={`${inputClass} w-full min-w-0 font-mono`}
                aria-invalid={
                  rowKeyDupes.has(r.key) || r.key.length === 0 || r.key.length > 40 ? true : undefined
                }
              />
              <input
                aria-label={`Value ${i + 1}`}
                value={r.value}
                onChange={(e) =>
                  updateRows(tableRows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                }
                className={`${inputClass} w-full min-w-0 ${r.kind === 'json' ? 'font-mono' : ''}`}
              />
              <select
                aria-label={`Value type ${i + 1}`}
                value={r.kind}
                onChange={(e) => {
                  const kind = e.target.value as MetadataRow['kind'];
                  // Converting keeps the meaning: a text "42" becomes the JSON string "\"42\"" only if it is not valid JSON.
                  let value = r.value;
                  if (kind === 'json' && r.kind === 'text') {
                    try {
                      JSON.parse(r.value);
                    } catch {
                      value = JSON.stringify(r.value);
                    }
                  }
                  if (kind === 'text' && r.kind === 'json') {
                    try {
                      const v: unknown = JSON.parse(r.value);
                      value = typeof v === 'string' ? v : r.value;
                    } catch {
                      value = r.value;
                    }
                  }
                  updateRows(tableRows.map((x, j) => (j === i ? { ...x, kind, value } : x)));
                }}
                className={`${inputClass} justify-self-start`}
              >
                <option value="text">Text</option>
                <option value="json">JSON</option>
              </select>
              <button
                type="button"
                aria-label={`Remove ${r.key || `field ${i + 1}`}`}
                onClick={() => updateRows(tableRows.filter((_, j) => j !== i))}
                className={`${buttonClass} min-h-9 w-9 justify-self-end px-0`}
              >
                ×
              </button>
              {rowKeyDupes.has(r.key) && (
                <span className="col-span-full text-sm text-danger">
                  This key appears twice; only the last one would be kept.
                </span>
              )}
            </div>
          ))}
          <div>
            <button
              type="button"
              onClick={() => updateRows([...tableRows, { key: '', value: '', kind: 'text' }])}
              className={buttonClass}
            >
              + Add field
            </button>
          </div>
        </div>
      )}
      {error && (
        <span id={errorId} className="flex items-start gap-1 text-sm text-danger">
          <span aria-hidden="true">⚠</span>
          {error}
        </span>
      )}
    </div>
  );
}
