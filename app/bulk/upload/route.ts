// Starts a dry run from an uploaded CSV (multipart: file, mapping, blanks, reason). A route handler, not a
// server action: files reach 5 MB, past the actions' body limit. authRoute makes the same checks as every
// action (same origin, a session, bulk.run, refusals audited); the file is read again here, whatever the
// browser made of it.
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { authRoute } from '@/lib/auth/route';
import { startDryRun } from '@/lib/bulk/server/commands';
import { CSV_LIMITS } from '@/lib/bulk/csv';
import { BULK_FIELDS } from '@/lib/bulk/mapping';
import { flexMode, getConfig } from '@/lib/config';
import { invalid } from '@/lib/customers/action-result';
import { checkReason } from '@/lib/customers/reason';
import { ADDRESS_FIELDS } from '@/lib/customers/types';

const mappingSchema = z.strictObject(
  Object.fromEntries(BULK_FIELDS.map((f) => [f, z.number().int().min(0).max(500).nullable()])) as Record<
    (typeof BULK_FIELDS)[number],
    z.ZodNullable<z.ZodNumber>
  >,
);
const blanksSchema = z.strictObject(
  Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, z.enum(['keep', 'clear'])])) as Record<
    (typeof ADDRESS_FIELDS)[number],
    z.ZodEnum<{ keep: 'keep'; clear: 'clear' }>
  >,
);

// The answer has the shape of every action's (ActionResult): the page reads both the same way.
const refuse = (status: number, message: string) => NextResponse.json(invalid(message), { status });

function parseJson(v: FormDataEntryValue | null): unknown {
  if (typeof v !== 'string' || v.length > 10_000) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

export const POST = authRoute('bulk.run', async (request, staff) => {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > CSV_LIMITS.bytes + 64 * 1024) return refuse(413, 'The file is larger than 5 MB.');
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, 'The upload could not be read. Choose the file again.');
  }
  const file = form.get('file');
  if (!(file instanceof File)) return refuse(400, 'Choose a CSV file.');
  if (file.size > CSV_LIMITS.bytes) return refuse(413, 'The file is larger than 5 MB.');
  const mapping = mappingSchema.safeParse(parseJson(form.get('mapping')));
  const blanks = blanksSchema.safeParse(parseJson(form.get('blanks')));
  if (!mapping.success || !blanks.success)
    return refuse(400, 'The column choices were not understood. Reload the page.');
  const reason = checkReason(parseJson(form.get('reason')), getConfig().editReasonRequired);
  if (!reason.ok) return refuse(400, Object.values(reason.fieldErrors).join(' '));
  const r = await startDryRun({
    staff,
    testMode: flexMode().testMode,
    fileName: file.name || 'upload.csv',
    bytes: new Uint8Array(await file.arrayBuffer()),
    mapping: mapping.data,
    blanks: blanks.data,
    reason: reason.value,
  });
  return NextResponse.json(r, { status: r.ok ? 200 : 400 });
});
