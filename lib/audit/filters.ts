// The /audit filters as they travel in the URL, parsed the same way by the page and the CSV export.
import 'server-only';
import { z } from 'zod';
import { EDIT_REASONS } from '@/lib/customers/reason';
import { AUDIT_ACTIONS, OUTCOMES } from './audit';
import type { AuditFilters } from './query';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const schema = z.object({
  actor: z.string().trim().max(254).optional().catch(undefined),
  customer: z
    .string()
    .trim()
    .regex(/^fcus_[0-9A-Z]{26}$/)
    .optional()
    .catch(undefined),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  outcome: z.enum(OUTCOMES).optional().catch(undefined),
  reason: z.enum(EDIT_REASONS).optional().catch(undefined),
  ticket: z.string().trim().max(200).optional().catch(undefined),
  run: z
    .string()
    .regex(/^blk_[0-9A-HJKMNP-TV-Z]{26}$/)
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export const AUDIT_PAGE_SIZE = 50;

export function parseAuditParams(
  params: Record<string, string | string[] | undefined>,
): AuditFilters & { page: number } {
  const flat = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, (Array.isArray(v) ? v[0] : v) || undefined]),
  );
  const p = schema.parse(flat);
  return {
    actor: p.actor,
    customerId: p.customer,
    action: p.action,
    outcome: p.outcome,
    reason: p.reason,
    ticket: p.ticket,
    runId: p.run,
    from: p.from,
    to: p.to,
    page: p.page ?? 1,
  };
}
