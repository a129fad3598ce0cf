// Pages and components take tables, dialogs and state-coloured boxes from components/ui (Table, Dialog,
// Alert, Badge), not written by hand: a raw <table>, <dialog> or soft state fill outside components/ui
// fails here, named by file and line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCANNED = ['app', 'components'];
const SHARED = path.join('components', 'ui');
const SOURCE = /\.(tsx?|jsx?|mdx)$/;

const RULES: { what: RegExp; use: string }[] = [
  { what: /<table\b/, use: 'Table, THead and Row from components/ui/table' },
  { what: /<dialog\b/, use: 'Dialog from components/ui/dialog' },
  {
    what: /\bbg-(danger|warning|success)-soft\b/,
    use: 'Alert from components/ui/alert (a badge: Badge; a highlight: SOFT_FILL from components/ui/tone)',
  },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (rel !== SHARED) out.push(...sourceFiles(rel));
    } else if (SOURCE.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Every line of app/ and components/ (outside components/ui) that breaks a rule, as "file:line: …". */
function handMadeParts(files: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of files)
    text.split('\n').forEach((line, i) => {
      for (const rule of RULES)
        if (rule.what.test(line)) found.push(`${file}:${i + 1}: ${line.trim()} (use ${rule.use})`);
    });
  return found;
}

describe('shared UI parts', () => {
  it('finds the files it checks', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files).toContain(path.join('components', 'customer-form', 'review-dialog.tsx'));
    expect(files).toContain(path.join('app', 'audit', 'page.tsx'));
    expect(files.some((f) => f.startsWith(SHARED + path.sep))).toBe(false);
  });

  it('names the file and line of a hand-made table, dialog or coloured box', () => {
    const text = [
      'ok',
      '<table className="w-full">',
      '<dialog ref={ref}>',
      '<p className="rounded bg-danger-soft p-2">',
      'aria-[invalid=true]:bg-warning-soft',
      '<tbody>',
    ].join('\n');
    const found = handMadeParts([{ file: 'x.tsx', text }]);
    expect(found.map((f) => f.split(':').slice(0, 2).join(':'))).toEqual([
      'x.tsx:2',
      'x.tsx:3',
      'x.tsx:4',
      'x.tsx:5',
    ]);
  });

  it('app/ and components/ use Table, Dialog and Alert from components/ui', () => {
    const files = SCANNED.flatMap(sourceFiles).map((file) => ({
      file,
      text: fs.readFileSync(path.join(ROOT, file), 'utf8'),
    }));
    expect(handMadeParts(files)).toEqual([]);
  });
});
