'use client';
// Someone changed the customer after it was opened: per field, original / theirs / yours, and a choice.
import type { FieldConflict } from '@/lib/customers/conflict';
import { Alert } from '@/components/ui/alert';
import { primaryButtonClass } from '@/components/ui/field';
import { FIELD_LABEL } from './display';
import { FieldComparison } from './field-comparison';

export type Choice = 'mine' | 'theirs';

export function ConflictPanel({
  conflicts,
  choices,
  onChoose,
  onApply,
}: {
  conflicts: FieldConflict[];
  choices: Partial<Record<string, Choice>>;
  onChoose: (field: string, c: Choice) => void;
  onApply: () => void;
}) {
  const allChosen = conflicts.every((c) => choices[c.field]);
  return (
    <Alert tone="warning" role={null} as="section" pad="lg" toneText={false} aria-labelledby="conflict-title">
      <h2 id="conflict-title" className="text-lg font-semibold text-warning">
        Changed since you opened it by someone else
      </h2>
      <p className="mb-3 text-sm">
        Nothing was saved. For each field, keep your value or take theirs, then review again.
      </p>
      <div className="space-y-3">
        {conflicts.map((c) => (
          <fieldset key={c.field} className="rounded border border-line bg-canvas p-3">
            <legend className="px-1 font-semibold">{FIELD_LABEL[c.field]}</legend>
            <FieldComparison
              field={c.field}
              columns={[
                { label: 'When you opened it', value: c.original },
                { label: 'Theirs (now in Flex)', value: c.theirs },
                { label: 'Yours', value: c.yours },
              ]}
            />
            <div className="mt-2 flex gap-4">
              {(['mine', 'theirs'] as const).map((choice) => (
                <label key={choice} className="flex min-h-6 items-center gap-1.5">
                  <input
                    type="radio"
                    name={`conflict-${c.field}`}
                    checked={choices[c.field] === choice}
                    onChange={() => onChoose(c.field, choice)}
                  />
                  {choice === 'mine' ? 'Keep mine' : 'Take theirs'}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      <button type="button" disabled={!allChosen} onClick={onApply} className={`${primaryButtonClass} mt-3`}>
        Review again
      </button>
      {!allChosen && <p className="mt-1 text-sm">Choose for every field to continue.</p>}
    </Alert>
  );
}
