// Which form fields differ from what was loaded: the edited markers and the "N unsaved changes" count.
import { sameJson } from '@/lib/customers/patch';
import type { CustomerFormInput } from '@/lib/customers/schema';

export const FORM_PATHS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'employer',
  'shipping.country',
  'shipping.line1',
  'shipping.line2',
  'shipping.city',
  'shipping.state',
  'shipping.postal_code',
  'metadata',
] as const;
export type FormPath = (typeof FORM_PATHS)[number];

function get(v: CustomerFormInput, path: FormPath): string {
  if (path.startsWith('shipping.'))
    return v.shipping[path.slice(9) as keyof CustomerFormInput['shipping']] ?? '';
  return v[path as Exclude<FormPath, `shipping.${string}`>] ?? '';
}

function sameMetadataText(a: string, b: string): boolean {
  try {
    return sameJson(JSON.parse(a || '{}'), JSON.parse(b || '{}'));
  } catch {
    return a === b;
  }
}

export function dirtyPaths(loaded: CustomerFormInput, current: CustomerFormInput): FormPath[] {
  return FORM_PATHS.filter((p) => {
    const a = get(loaded, p);
    const b = get(current, p);
    return p === 'metadata' ? !sameMetadataText(a, b) : a !== b;
  });
}
