// Metadata rules (FLEX_API.md choice 3) and JSON-text helpers shared by the editor and the schema.
import type { JsonValue, Metadata } from './types';

// The same limits the sandbox enforces; the metadata object itself is nesting level 1.
export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 40, maxDepth: 5, maxBytes: 8192 } as const;

export function jsonDepth(value: unknown): number {
  if (Array.isArray(value)) return 1 + value.reduce<number>((m, v) => Math.max(m, jsonDepth(v)), 0);
  if (typeof value === 'object' && value !== null)
    return 1 + Object.values(value).reduce<number>((m, v) => Math.max(m, jsonDepth(v)), 0);
  return 0;
}

export function formatMetadata(m: Metadata): string {
  return Object.keys(m).length === 0 ? '{}' : JSON.stringify(m, null, 2);
}

/** Line and column (1-based) of a JSON.parse error, from the engine's message. */
export function jsonErrorLocation(
  text: string,
  error: unknown,
): { line: number; column: number; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), message };
  const pos = /position (\d+)/.exec(message);
  const at = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1, message };
}

export type MetadataCheck = { ok: true; value: Metadata } | { ok: false; message: string };

/** Parses metadata JSON text and checks every limit. Never throws. */
export function checkMetadataText(text: string): MetadataCheck {
  if (text.trim() === '') return { ok: true, value: {} };
  if (new TextEncoder().encode(text).length > METADATA_LIMITS.maxBytes * 4)
    return { ok: false, message: `Metadata is too large: at most ${METADATA_LIMITS.maxBytes} bytes.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const { line, column } = jsonErrorLocation(text, e);
    return { ok: false, message: `Metadata is not valid JSON: line ${line}, column ${column}.` };
  }
  return checkMetadataValue(parsed);
}

export function checkMetadataValue(parsed: unknown): MetadataCheck {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, message: 'Metadata must be a JSON object, like {"key": "value"}.' };
  const keys = Object.keys(parsed);
  if (keys.length > METADATA_LIMITS.maxKeys)
    return {
      ok: false,
      message: `Metadata can have at most ${METADATA_LIMITS.maxKeys} keys (it has ${keys.length}).`,
    };
  const badKey = keys.find((k) => k.length < 1 || k.length > METADATA_LIMITS.maxKeyLength);
  if (badKey !== undefined)
    return {
      ok: false,
      message: `Metadata keys must be 1–${METADATA_LIMITS.maxKeyLength} characters: “${badKey.slice(0, 20)}${badKey.length > 20 ? '…' : ''}” is not.`,
    };
  if (jsonDepth(parsed) > METADATA_LIMITS.maxDepth)
    return { ok: false, message: `Metadata can be nested at most ${METADATA_LIMITS.maxDepth} levels deep.` };
  const bytes = new TextEncoder().encode(JSON.stringify(parsed)).length;
  if (bytes > METADATA_LIMITS.maxBytes)
    return {
      ok: false,
      message: `Metadata is too large: ${bytes} bytes, at most ${METADATA_LIMITS.maxBytes}.`,
    };
  return { ok: true, value: parsed as Metadata };
}

export type MetadataRow = { key: string; value: string; kind: 'text' | 'json' };

export function rowsFromMetadata(m: Metadata): MetadataRow[] {
  return Object.entries(m).map(([key, v]) =>
    typeof v === 'string' ? { key, value: v, kind: 'text' } : { key, value: JSON.stringify(v), kind: 'json' },
  );
}

/** Rows back to JSON text. A JSON-kind value is inserted as typed, so a mistake shows as a parse error. */
export function textFromRows(rows: MetadataRow[]): string {
  if (rows.length === 0) return '{}';
  const lines = rows.map(
    (r) =>
      `  ${JSON.stringify(r.key)}: ${r.kind === 'text' ? JSON.stringify(r.value) : r.value.trim() || 'null'}`,
  );
  return `{\n${lines.join(',\n')}\n}`;
}

export function isJsonValue(v: unknown): v is JsonValue {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v) || typeof v === 'object';
}
