'use client';
// The raw JSON metadata editor: CodeMirror 6 with JSON highlighting and a parse-error linter.
// Loaded only when someone opens the JSON mode (see metadata-editor.tsx).
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorView, basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

export default function JsonEditor({
  value,
  onChange,
  labelledBy,
  describedBy,
  invalid,
}: {
  value: string;
  onChange: (v: string) => void;
  labelledBy: string;
  describedBy: string | undefined;
  invalid: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(jsonParseLinter(), { delay: 200 }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChangeRef.current(u.state.doc.toString());
        }),
        EditorView.contentAttributes.of({
          'aria-labelledby': labelledBy,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          'aria-multiline': 'true',
          role: 'textbox',
        }),
      ],
    });
    view.current = v;
    return () => v.destroy();
    // The editor owns its document after mount; outside changes are pushed in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      className={`overflow-hidden rounded border ${invalid ? 'border-danger' : 'border-line'} bg-canvas text-sm`}
      data-invalid={invalid || undefined}
    />
  );
}
