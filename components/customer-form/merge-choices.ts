// After a conflict, the form's next values: each conflicting field as the person chose, other fields keep
// the person's edits, and take Flex's new value where they edited nothing.
import { toFormValues, type CustomerFormInput } from '@/lib/customers/form-values';
import { PATCH_FIELDS } from '@/lib/customers/patch';
import { editableFields, type Customer } from '@/lib/customers/types';
import { dirtyPaths } from './dirty';

export function mergeChoices(
  mine: CustomerFormInput,
  opened: Customer,
  current: Customer,
  choices: Partial<Record<string, 'mine' | 'theirs'>>,
): CustomerFormInput {
  const theirs = toFormValues(editableFields(current), current.phone_display);
  const edits = new Set(
    dirtyPaths(toFormValues(editableFields(opened), opened.phone_display), mine).map((p) => p.split('.')[0]),
  );
  const next: CustomerFormInput = { ...theirs };
  for (const f of PATCH_FIELDS) {
    const choice = choices[f];
    const keepMine = choice ? choice === 'mine' : edits.has(f);
    (next as Record<string, unknown>)[f] = keepMine ? mine[f] : theirs[f];
  }
  return next;
}
