// Staff accounts: lookup, creation, role and status changes, bootstrap of the admin and demo accounts.
import 'server-only';
import { ulid } from 'ulid';
import { db as getDb } from '@/lib/db/database';
import type { StaffTable } from '@/lib/db/schema';
import { hashPassword } from './password';
import type { Role } from './permissions';

export type Staff = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
};

export const MIN_PASSWORD = 12;

export function toStaff(row: StaffTable): Staff {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findStaffByEmail(email: string): Promise<StaffTable | undefined> {
  const db = await getDb();
  return db.selectFrom('staff').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findStaffById(id: string): Promise<Staff | undefined> {
  const db = await getDb();
  const row = await db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStaff(row) : undefined;
}

export async function listStaff(): Promise<Staff[]> {
  const db = await getDb();
  return (await db.selectFrom('staff').selectAll().orderBy('email').execute()).map(toStaff);
}

export class StaffExistsError extends Error {}

export async function createStaff(input: {
  email: string;
  displayName: string;
  role: Role;
  password: string;
}): Promise<Staff> {
  const db = await getDb();
  if (await findStaffByEmail(input.email))
    throw new StaffExistsError('A staff member with this email already exists.');
  const row: StaffTable = {
    id: `stf_${ulid()}`,
    email: normaliseEmail(input.email),
    display_name: input.displayName.trim(),
    role: input.role,
    password_hash: await hashPassword(input.password),
    disabled: 0,
    created_at: new Date().toISOString(),
    last_sign_in_at: null,
  };
  await db.insertInto('staff').values(row).execute();
  return toStaff(row);
}

export async function setRole(id: string, role: Role): Promise<void> {
  const db = await getDb();
  await db.updateTable('staff').set({ role }).where('id', '=', id).execute();
}

export async function setDisabled(id: string, disabled: boolean): Promise<void> {
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ disabled: disabled ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('staff_id', '=', id).execute(); // ends their sessions at once
  });
}

/**
 * A new password ends every session of that person (whoever knew the old one is signed out), except the
 * one given: an admin resetting their own password stays signed in where they did it.
 */
export async function setPassword(id: string, password: string, keepSessionHash?: string): Promise<void> {
  const db = await getDb();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: hash }).where('id', '=', id).execute();
    let ended = trx.deleteFrom('sessions').where('staff_id', '=', id);
    if (keepSessionHash) ended = ended.where('id_hash', '!=', keepSessionHash);
    await ended.execute();
  });
}

export async function markSignedIn(id: string): Promise<void> {
  const db = await getDb();
  await db
    .updateTable('staff')
    .set({ last_sign_in_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

/** ADMIN_EMAIL/ADMIN_PASSWORD: make sure that admin exists, enabled, with that password and role. */
export async function ensureAdmin(email: string, password: string): Promise<void> {
  const existing = await findStaffByEmail(email);
  if (!existing) {
    await createStaff({ email, displayName: 'Administrator', role: 'admin', password });
    return;
  }
  const db = await getDb();
  await db
    .updateTable('staff')
    .set({ role: 'admin', disabled: 0, password_hash: await hashPassword(password) })
    .where('id', '=', existing.id)
    .execute();
}

export const DEMO_PASSWORD = 'desk-demo-password';
export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role }[] = [
  { email: 'admin@desk.test', displayName: 'Ada Admin', role: 'admin' },
  { email: 'support@desk.test', displayName: 'Sam Support', role: 'support' },
  { email: 'ops@desk.test', displayName: 'Olu Ops', role: 'ops' },
  { email: 'viewer@desk.test', displayName: 'Vic Viewer', role: 'viewer' },
];

/** On the embedded sandbox with no admin configured: one account per role, created when missing. */
export async function ensureDemoAccounts(): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    if (!(await findStaffByEmail(a.email))) await createStaff({ ...a, password: DEMO_PASSWORD });
  }
}
