// The conflict rule and the post-save check: pure comparisons of original, current, sent and returned.
import { PATCH_FIELDS, sameField, type CustomerPatch, type PatchField } from './patch';
import type { CustomerFields } from './types';

export type FieldConflict = { field: PatchField; original: unknown; theirs: unknown; yours: unknown };

/** For each field being changed: did Flex's current value move away from what the form was loaded with? */
export function findConflicts(
  original: CustomerFields,
  current: CustomerFields,
  patch: CustomerPatch,
): FieldConflict[] {
  return PATCH_FIELDS.filter((f) => patch[f] !== undefined && !sameField(f, original, current)).map(
    (field) => ({
      field,
      original: original[field],
      theirs: current[field],
      yours: patch[field],
    }),
  );
}

export type StoredDifference = { field: PatchField; path: string; sent: unknown; stored: unknown };

/** Every place where Flex now holds something other than what was sent. */
export function postSaveDifferences(patch: CustomerPatch, returned: CustomerFields): StoredDifference[] {
  const out: StoredDifference[] = [];
  for (const f of PATCH_FIELDS) {
    const sent = patch[f];
    if (sent === undefined) continue;
    if (f === 'shipping' && sent && returned.shipping) {
      const s = sent as NonNullable<CustomerPatch['shipping']>;
      for (const k of Object.keys(s) as (keyof typeof s)[]) {
        if (s[k] !== returned.shipping[k])
          out.push({ field: f, path: `shipping.${k}`, sent: s[k], stored: returned.shipping[k] });
      }
      continue;
    }
    const probe = { ...returned, [f]: sent } as CustomerFields;
    if (!sameField(f, probe, returned)) out.push({ field: f, path: f, sent, stored: returned[f] });
  }
  return out;
}
