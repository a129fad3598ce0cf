'use server';
// Server actions of the finder: a page of the customer list.
import { z } from 'zod';
import { authAction } from '@/lib/auth/guard';
import { invalid, type ActionResult } from '@/lib/customers/action-result';
import { flexFailure } from '@/lib/customers/failure';
import type { Customer } from '@/lib/customers/types';
import { tryFlex } from '@/lib/flex/errors';
import { flex } from '@/lib/flex/flex';
import { isCustomerId } from '@/lib/customers/types';
import { PAGE_SIZES } from '@/lib/search/query';

const cursor = z.string().refine(isCustomerId).optional();
const pageInput = z.strictObject({
  after: cursor,
  before: cursor,
  limit: z.union(
    PAGE_SIZES.map((n) => z.literal(n)) as [
      z.ZodLiteral<10>,
      z.ZodLiteral<25>,
      z.ZodLiteral<50>,
      z.ZodLiteral<100>,
    ],
  ),
});

export type PageParams = z.infer<typeof pageInput>;

export const listPage = authAction(
  'customer.read',
  async (_staff, input: unknown): Promise<ActionResult<Customer[]>> => {
    const p = pageInput.safeParse(input);
    if (!p.success) return invalid('That page of the list does not exist. Go back to the first page.');
    const r = await tryFlex(() =>
      flex().listCustomers({ limit: p.data.limit, startingAfter: p.data.after, endingBefore: p.data.before }),
    );
    return r.ok ? r : flexFailure(r.failure);
  },
);
