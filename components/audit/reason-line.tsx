// Why a change was made and its ticket, as History and /audit show them. A ticket that is an https link
// is a link (opened in a new tab, without the desk as referrer); anything else is shown as text.
import { isReasonCode, REASON_LABEL, ticketHref } from '@/lib/customers/reason';

export function ReasonLine({
  entry,
}: {
  entry: { reasonCode: string | null; reasonDetail: string | null; ticket: string | null };
}) {
  const { reasonCode, reasonDetail, ticket } = entry;
  if (!reasonCode && !reasonDetail && !ticket) return null;
  const label = isReasonCode(reasonCode) ? REASON_LABEL[reasonCode] : reasonCode;
  const href = ticket ? ticketHref(ticket) : null;
  return (
    <p className="text-muted">
      <span className="font-medium">Reason:</span>{' '}
      {[label, reasonDetail].filter(Boolean).join(': ') || 'not given'}
      {ticket && (
        <>
          {' · '}
          <span className="font-medium">Ticket:</span>{' '}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer" className="underline">
              {ticket}
            </a>
          ) : (
            ticket
          )}
        </>
      )}
    </p>
  );
}
