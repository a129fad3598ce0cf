'use client';
// What the page has to say about the edit: the answer to the last save (with Undo or Try again), and
// that Flex changed under the form. Live notices of other people's changes sit with them (`live`).
import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/field';
import type { Notice } from './save-state';

export function EditNotices({
  notice,
  upstreamChanged,
  canUndo,
  canRetry,
  onUndo,
  onRetry,
  live,
}: {
  notice: Notice;
  upstreamChanged: boolean;
  canUndo: boolean;
  canRetry: boolean;
  onUndo: () => void;
  onRetry: () => void;
  /** The live notice of a change made elsewhere while the page is open. */
  live?: ReactNode;
}) {
  return (
    <>
      {notice && (
        <Alert tone={notice.tone} className="flex flex-wrap items-center gap-3">
          <span>{notice.text}</span>
          {notice.undo && (
            <button type="button" className={buttonClass} onClick={onUndo} disabled={!canUndo}>
              Undo
            </button>
          )}
          {notice.retry && (
            <button type="button" className={buttonClass} onClick={onRetry} disabled={!canRetry}>
              Try again
            </button>
          )}
        </Alert>
      )}
      {live}
      {upstreamChanged && (
        <Alert tone="warning" role="status" className="mt-2">
          This customer was changed in Flex since you opened it. Your edits are kept; when you save, you will
          choose for each changed field which value to keep.
        </Alert>
      )}
    </>
  );
}
