// The pure minimal-PATCH builder: only what differs from what the form was loaded with.
// Shipping goes whole when any address field changed; metadata goes whole when it changed.
import { ADDRESS_FIELDS, CONTACT_FIELDS, type Address, type CustomerFields, type Metadata } from './types';

export type CustomerPatch = Partial<CustomerFields>;
export type PatchField = keyof CustomerFields;

export function sameAddress(a: Address | null, b: Address | null): boolean {
  if (a === null || b === null) return a === b;
  return ADDRESS_FIELDS.every((f) => a[f] === b[f]);
}

/** Deep equality for JSON values, blind to key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every(
      (k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Metadata)[k], (b as Metadata)[k]),
    )
  );
}

export function sameField(field: PatchField, a: CustomerFields, b: CustomerFields): boolean {
  if (field === 'shipping') return sameAddress(a.shipping, b.shipping);
  if (field === 'metadata') return sameJson(a.metadata, b.metadata);
  return a[field] === b[field];
}

export const PATCH_FIELDS: readonly PatchField[] = [...CONTACT_FIELDS, 'shipping', 'metadata'];

export function buildPatch(original: CustomerFields, edited: CustomerFields): CustomerPatch {
  const patch: CustomerPatch = {};
  for (const f of PATCH_FIELDS) {
    if (sameField(f, original, edited)) continue;
    if (f === 'shipping') patch.shipping = edited.shipping === null ? null : { ...edited.shipping };
    else if (f === 'metadata') patch.metadata = edited.metadata;
    else patch[f] = edited[f];
  }
  return patch;
}

export function changedFields(patch: CustomerPatch): PatchField[] {
  return PATCH_FIELDS.filter((f) => patch[f] !== undefined);
}
