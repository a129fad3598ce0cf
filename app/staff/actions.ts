'use server';
// Staff administration (admins only). Every change is audited.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { appendAudit, type AuditAction } from '@/lib/audit/audit';
import { authAction, sessionToken } from '@/lib/auth/guard';
import { hashToken } from '@/lib/auth/session';
import { accountKey, clearFailures } from '@/lib/auth/throttle';
import { ROLES } from '@/lib/auth/permissions';
import { requestInfo } from '@/lib/auth/request';
import { invalid, notFound, ok, refused, type ActionResult } from '@/lib/customers/action-result';
import {
  MIN_PASSWORD,
  StaffExistsError,
  createStaff,
  findStaffById,
  normaliseEmail,
  setDisabled,
  setPassword,
  setRole,
  type Staff,
} from '@/lib/auth/staff';

/** What a staff change answers: the words saying what was done, or why not. */
export type StaffActionResult = ActionResult<{ message: string }>;

const password = z
  .string()
  .min(MIN_PASSWORD, { error: `Use at least ${MIN_PASSWORD} characters.` })
  .max(200);
const staffId = z.string().regex(/^stf_[0-9A-Z]{26}$/);

const newStaff = z.strictObject({
  email: z.email({ error: 'Enter an email address.' }).max(254),
  displayName: z.string().trim().min(1, { error: 'Enter a name.' }).max(100),
  role: z.enum(ROLES),
  password,
});

async function audit(actor: Staff, action: AuditAction, target: Staff | { email: string }, detail: string) {
  await appendAudit({
    actor: { id: actor.id, email: actor.email, role: actor.role },
    request: await requestInfo(),
    action,
    outcome: 'success',
    detail: `${target.email}: ${detail}`,
  });
}

export const addStaff = authAction(
  'staff.manage',
  async (actor, input: unknown): Promise<StaffActionResult> => {
    const parsed = newStaff.safeParse(input);
    if (!parsed.success)
      return invalid('Check the highlighted fields.', z.flattenError(parsed.error).fieldErrors);
    try {
      const created = await createStaff(parsed.data);
      await audit(actor, 'staff.create', created, `created as ${created.role}`);
    } catch (e) {
      if (e instanceof StaffExistsError) return invalid(e.message, { email: [e.message] });
      throw e;
    }
    revalidatePath('/staff');
    return ok({ message: `Added ${parsed.data.email}.` });
  },
);

const change = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('role'), id: staffId, role: z.enum(ROLES) }),
  z.strictObject({ kind: z.literal('disable'), id: staffId }),
  z.strictObject({ kind: z.literal('enable'), id: staffId }),
  z.strictObject({ kind: z.literal('password'), id: staffId, password }),
]);

export const changeStaff = authAction(
  'staff.manage',
  async (actor, input: unknown): Promise<StaffActionResult> => {
    const parsed = change.safeParse(input);
    if (!parsed.success)
      return invalid(
        z.flattenError(parsed.error).formErrors[0] ??
          Object.values(z.flattenError(parsed.error).fieldErrors).flat()[0] ??
          'Invalid change.',
      );
    const c = parsed.data;
    const target = await findStaffById(c.id);
    if (!target) return notFound('No such staff member.');
    if (target.id === actor.id && c.kind !== 'password')
      return refused('You cannot change your own role or disable yourself.');
    switch (c.kind) {
      case 'role':
        await setRole(c.id, c.role);
        await audit(actor, 'staff.role_change', target, `${target.role} → ${c.role}`);
        break;
      case 'disable':
        await setDisabled(c.id, true);
        await audit(actor, 'staff.disable', target, 'disabled; sessions ended');
        break;
      case 'enable':
        await setDisabled(c.id, false);
        await audit(actor, 'staff.enable', target, 'enabled');
        break;
      case 'password': {
        const own = target.id === actor.id ? await sessionToken() : undefined;
        await setPassword(c.id, c.password, own ? hashToken(own) : undefined);
        // A new password is also how an admin lets someone in whose account is held by the sign-in throttle.
        await clearFailures(accountKey(normaliseEmail(target.email)));
        await audit(
          actor,
          'staff.password_reset',
          target,
          'password reset; other sessions ended; sign-in wait cleared',
        );
        break;
      }
    }
    revalidatePath('/staff');
    return ok({ message: `Updated ${target.email}.` });
  },
);
