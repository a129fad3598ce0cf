// A bulk run's state as JSON (for scripts and the bench; the page itself polls through a server action).
import { NextResponse } from 'next/server';
import { getCurrentStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { runView } from '@/lib/bulk/view';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getCurrentStaff();
  if (!staff) return NextResponse.json({ message: 'Sign in first.' }, { status: 401 });
  if (!can(staff.role, 'bulk.run')) return NextResponse.json({ message: 'Not allowed.' }, { status: 403 });
  const { id } = await params;
  const view = /^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await runView(id, 'none') : null;
  if (!view) return NextResponse.json({ message: 'No such run.' }, { status: 404 });
  const { items: _items, ...rest } = view;
  void _items;
  return NextResponse.json(rest, { headers: { 'Cache-Control': 'no-store' } });
}
