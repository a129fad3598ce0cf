// A bulk run's state as JSON (for scripts and the bench; the page itself polls through a server action).
import { NextResponse } from 'next/server';
import { authRoute } from '@/lib/auth/route';
import { runView } from '@/lib/bulk/server/view';

export const GET = authRoute(
  'bulk.run',
  async (_request, _staff, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const view = /^blk_[0-9A-HJKMNP-TV-Z]{26}$/.test(id) ? await runView(id, 'none') : null;
    if (!view) return NextResponse.json({ message: 'No such run.' }, { status: 404 });
    const { items: _items, ...rest } = view;
    void _items;
    return NextResponse.json(rest, { headers: { 'Cache-Control': 'no-store' } });
  },
);
