// Who a company identity is at the desk: the staff member linked to its issuer + subject (created at the
// first sign-in), with the role its groups give now. Every outcome is audited.
import 'server-only';
import { ulid } from 'ulid';
import { appendAudit, type RequestMeta } from '@/lib/audit/audit';
import { db as getDb } from '@/lib/db/database';
import type { StaffTable } from '@/lib/db/schema';
import type { Identity } from './oidc';
import { roleForGroups } from './oidc-roles';
import type { Role } from './permissions';
import { findStaffByEmail, normaliseEmail, toStaff, type Staff } from './staff';

/** Never a valid scrypt hash: staff made by single sign-on have no password. */
export const NO_PASSWORD = 'sso-only';

export type SsoOutcome =
  { ok: true; staff: Staff } | { ok: false; kind: 'no-access' | 'disabled' | 'failed'; reason: string };

const actorOf = (s: { id: string; email: string; role: string }) => ({
  id: s.id,
  email: s.email,
  role: s.role,
});

export async function staffForIdentity(
  identity: Identity,
  roleMap: readonly [string, Role][],
  request: RequestMeta,
): Promise<SsoOutcome> {
  const db = await getDb();
  const role = roleForGroups(identity.groups, roleMap);
  const link = await db
    .selectFrom('staff_oidc')
    .innerJoin('staff', 'staff.id', 'staff_oidc.staff_id')
    .selectAll('staff')
    .where('staff_oidc.issuer', '=', identity.issuer)
    .where('staff_oidc.subject', '=', identity.subject)
    .executeTakeFirst();
  let row: StaffTable | undefined = link;
  const email = identity.email ? normaliseEmail(identity.email) : null;
  const refuse = async (kind: 'no-access' | 'disabled' | 'failed', reason: string): Promise<SsoOutcome> => {
    await appendAudit({
      actor: row ? actorOf(row) : { id: null, email, role: null },
      request,
      action: 'auth.sso_failed',
      outcome: 'rejected',
      detail: reason,
    });
    return { ok: false, kind, reason };
  };

  if (!row && email) {
    const byEmail = await findStaffByEmail(email);
    if (byEmail) {
      // An existing account is joined to a company identity only on the provider's word that the email is
      // theirs, and only once: an account already linked to another identity is not taken over.
      const linked = await db
        .selectFrom('staff_oidc')
        .select('subject')
        .where('staff_id', '=', byEmail.id)
        .executeTakeFirst();
      if (linked || !identity.emailVerified)
        return refuse(
          'failed',
          `email ${linked ? 'belongs to another identity' : 'not verified'}: not linked`,
        );
      row = byEmail;
      if (role)
        await db
          .insertInto('staff_oidc')
          .values({ issuer: identity.issuer, subject: identity.subject, staff_id: row.id, created_at: now() })
          .execute();
    }
  }

  if (!role) {
    // Removed from every desk group: no new session, and the sessions they hold end now.
    if (row) await db.deleteFrom('sessions').where('staff_id', '=', row.id).execute();
    return refuse('no-access', 'no mapped group');
  }

  if (!row) {
    if (!email) return refuse('failed', 'the provider gave no email');
    const created: StaffTable = {
      id: `stf_${ulid()}`,
      email,
      display_name: (identity.name ?? email).trim().slice(0, 200),
      role,
      password_hash: NO_PASSWORD,
      disabled: 0,
      created_at: now(),
      last_sign_in_at: null,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('staff').values(created).execute();
      await trx
        .insertInto('staff_oidc')
        .values({
          issuer: identity.issuer,
          subject: identity.subject,
          staff_id: created.id,
          created_at: now(),
        })
        .execute();
    });
    row = created;
    await appendAudit({
      actor: actorOf(row),
      request,
      action: 'staff.create',
      outcome: 'success',
      detail: `first single sign-on, role ${role} from groups`,
    });
  }

  if (row.disabled === 1) return refuse('disabled', 'account disabled');

  if (row.role !== role) {
    await db.updateTable('staff').set({ role }).where('id', '=', row.id).execute();
    await appendAudit({
      actor: actorOf(row),
      request,
      action: 'staff.role_from_groups',
      outcome: 'success',
      changes: { role: { before: row.role, after: role } },
      detail: `role ${row.role} → ${role} from groups at sign-in`,
    });
    row = { ...row, role };
  }
  return { ok: true, staff: toStaff(row) };
}

const now = () => new Date().toISOString();
