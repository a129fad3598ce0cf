import type { Metadata } from 'next';
import { StaffAdmin } from '@/components/staff/staff-admin';
import { requirePermission } from '@/lib/auth/guard';
import { listStaff } from '@/lib/auth/staff';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const me = await requirePermission('staff.manage');
  const staff = await listStaff();
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">Staff</h1>
      <StaffAdmin
        staff={staff.map((s) => ({
          id: s.id,
          email: s.email,
          displayName: s.displayName,
          role: s.role,
          disabled: s.disabled,
          lastSignInAt: s.lastSignInAt,
          self: s.id === me.id,
        }))}
      />
    </section>
  );
}
