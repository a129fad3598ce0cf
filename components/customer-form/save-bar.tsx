'use client';
// The bar under the form: how many unsaved changes, Discard, and Save (Ctrl/Cmd+S). It sticks to the
// bottom of the window while there is something to save.
import { buttonClass, primaryButtonClass } from '@/components/ui/field';

export function SaveBar({
  dirtyCount,
  saving,
  onDiscard,
}: {
  dirtyCount: number;
  saving: boolean;
  onDiscard: () => void;
}) {
  return (
    <div
      className={`${dirtyCount > 0 ? 'fixed' : 'static mt-4'} inset-x-0 bottom-0 z-10 border-t border-line bg-surface`}
    >
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
        <span aria-live="polite" className="text-sm">
          {dirtyCount === 0
            ? 'No unsaved changes'
            : `${dirtyCount} unsaved ${dirtyCount === 1 ? 'change' : 'changes'}`}
        </span>
        <button
          type="button"
          className={`${buttonClass} ml-auto`}
          disabled={dirtyCount === 0 || saving}
          onClick={onDiscard}
        >
          Discard
        </button>
        <button
          type="submit"
          className={primaryButtonClass}
          disabled={dirtyCount === 0 || saving}
          aria-keyshortcuts="Control+S Meta+S"
        >
          {saving ? 'Saving…' : 'Save changes'}
          {!saving && (
            <kbd aria-hidden="true" className="ml-1 text-xs opacity-80">
              Ctrl S
            </kbd>
          )}
        </button>
      </div>
    </div>
  );
}
