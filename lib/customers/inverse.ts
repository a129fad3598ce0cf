// A recorded change as a base and a patch: taken back (revert, undo) or as it was (to see if it landed).
// Pure and client-safe: the review dialog shows the same inverse the save path sends.
import type { Changes } from './history';
import { PATCH_FIELDS, type CustomerPatch, type PatchField } from './patch';

export type BaseAndPatch = { fields: PatchField[]; base: CustomerPatch; patch: CustomerPatch };

function sides(changes: Changes, from: 'before' | 'after', to: 'before' | 'after'): BaseAndPatch {
  const fields = PATCH_FIELDS.filter((f) => Object.hasOwn(changes, f));
  const base: Record<string, unknown> = {};
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    base[f] = changes[f]?.[from];
    patch[f] = changes[f]?.[to];
  }
  return { fields, base: base as CustomerPatch, patch: patch as CustomerPatch };
}

/** The change that takes `changes` back: each field's "before" is sent where Flex should hold its "after". */
export function inverseOf(changes: Changes): BaseAndPatch {
  return sides(changes, 'after', 'before');
}

/** The recorded change itself: its "after" sent where Flex held its "before". */
export function asRecorded(changes: Changes): BaseAndPatch {
  return sides(changes, 'before', 'after');
}
