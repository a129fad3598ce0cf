'use client';
// Staff administration: add an account, change a role, disable/enable, reset a password.
import { useRouter } from 'next/navigation';
import { ROLES, ROLE_LABEL } from '@/lib/shared/roles';
import { useState, useTransition, type FormEvent } from 'react';
import { addStaff, changeStaff, type StaffActionResult } from '@/app/staff/actions';
import { Alert } from '@/components/ui/alert';
import { Row, Table, THead } from '@/components/ui/table';

export type StaffRow = {
  id: string;
  email: string;
  displayName: string;
  role: string;
  disabled: boolean;
  lastSignInAt: string | null;
  self: boolean;
};

const ROLE_CHOICES = ROLES.map((r) => [r, ROLE_LABEL[r]] as const);

type Result = StaffActionResult;
const input = 'rounded border border-line bg-canvas px-2 py-1';
const button =
  'min-h-6 rounded border border-line bg-surface px-2 py-1 text-sm font-medium disabled:opacity-50';

export function StaffAdmin({ staff }: { staff: StaffRow[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<Result | null>(null);

  const run = (fn: () => Promise<Result>) =>
    start(async () => {
      const r = await fn();
      setResult(r);
      if (r.ok) router.refresh();
    });

  const onAdd = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = Object.fromEntries(new FormData(form));
    run(async () => {
      const r = await addStaff(data);
      if (r.ok) form.reset();
      return r;
    });
  };

  const fieldError = (name: string) =>
    result && !result.ok && 'fieldErrors' in result ? result.fieldErrors?.[name]?.[0] : undefined;

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        {result && (
          <Alert
            tone={result.ok ? 'success' : 'danger'}
            role={result.ok ? 'status' : 'alert'}
            as="p"
            pad="line"
          >
            {result.ok ? result.value.message : result.message}
          </Alert>
        )}
      </div>
      <form
        onSubmit={onAdd}
        className="grid gap-3 rounded border border-line p-4 md:grid-cols-5"
        aria-label="Add staff member"
      >
        {(
          [
            ['email', 'Email', 'email'],
            ['displayName', 'Name', 'text'],
            ['password', 'Initial password', 'password'],
          ] as const
        ).map(([name, label, type]) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`new-${name}`} className="text-sm font-medium">
              {label}
            </label>
            <input
              id={`new-${name}`}
              name={name}
              type={type}
              className={input}
              aria-invalid={fieldError(name) ? true : undefined}
              aria-describedby={fieldError(name) ? `new-${name}-error` : undefined}
              autoComplete="off"
            />
            {fieldError(name) && (
              <span id={`new-${name}-error`} className="text-sm text-danger">
                {fieldError(name)}
              </span>
            )}
          </div>
        ))}
        <div className="flex flex-col gap-1">
          <label htmlFor="new-role" className="text-sm font-medium">
            Role
          </label>
          <select id="new-role" name="role" className={input} defaultValue="support">
            {ROLE_CHOICES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" disabled={pending} className={button}>
            Add staff member
          </button>
        </div>
      </form>

      <Table size="base">
        <THead className="text-sm">
          <tr>
            <th className="py-1">Staff member</th>
            <th>Role</th>
            <th>Status</th>
            <th>Password</th>
          </tr>
        </THead>
        <tbody>
          {staff.map((s) => (
            <Row key={s.id}>
              <td className="py-2">
                <div className="font-semibold">{s.displayName}</div>
                <div className="text-sm text-muted">{s.email}</div>
              </td>
              <td className="py-2">
                <label className="sr-only" htmlFor={`role-${s.id}`}>
                  Role of {s.email}
                </label>
                <select
                  id={`role-${s.id}`}
                  defaultValue={s.role}
                  disabled={s.self || pending}
                  className={input}
                  onChange={(e) => run(() => changeStaff({ kind: 'role', id: s.id, role: e.target.value }))}
                >
                  {ROLE_CHOICES.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              </td>
              <td className="py-2">
                <span className={s.disabled ? 'text-danger' : 'text-success'}>
                  {s.disabled ? 'Disabled' : 'Active'}
                </span>{' '}
                {!s.self && (
                  <button
                    type="button"
                    className={button}
                    disabled={pending}
                    onClick={() =>
                      run(() => changeStaff({ kind: s.disabled ? 'enable' : 'disable', id: s.id }))
                    }
                  >
                    {s.disabled ? `Enable ${s.email}` : `Disable ${s.email}`}
                  </button>
                )}
              </td>
              <td className="py-2">
                <form
                  className="flex gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const form = e.currentTarget;
                    const pw = String(new FormData(form).get('password') ?? '');
                    run(async () => {
                      const r = await changeStaff({ kind: 'password', id: s.id, password: pw });
                      if (r.ok) form.reset();
                      return r;
                    });
                  }}
                >
                  <label className="sr-only" htmlFor={`pw-${s.id}`}>
                    New password for {s.email}
                  </label>
                  <input
                    id={`pw-${s.id}`}
                    name="password"
                    type="password"
                    autoComplete="new-password"
                    className={`${input} w-40`}
                  />
                  <button type="submit" className={button} disabled={pending}>
                    Reset password
                  </button>
                </form>
              </td>
            </Row>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
