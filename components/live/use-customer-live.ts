'use client';
// The live customer page's side of /customers/[id]/events: who else has it open, and a callback for each
// change (or a resync after the stream was down, when a change may have been missed).
import { useEffect, useEffectEvent, useState } from 'react';

export type LiveChange = {
  customerId: string;
  fields: string[];
  by?: { name: string; role: string };
  /** 'since': indexed after the page read the customer, before its stream listened. */
  source: 'desk' | 'flex' | 'resync' | 'since';
  at: string;
  /** A desk save's audit id. */
  changeId?: number;
};
export type Present = { name: string; role: string };

export function useCustomerLive(customerId: string, since: string, onChange: (c: LiveChange) => void) {
  const [others, setOthers] = useState<Present[]>([]);
  const [connected, setConnected] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const changed = useEffectEvent(onChange);

  useEffect(() => {
    const es = new EventSource(`/customers/${customerId}/events?since=${encodeURIComponent(since)}`);
    let everReady = false;
    let reconnected = false;
    es.addEventListener('ready', () => {
      setConnected(true);
      // A reconnect after a drop may have missed a change: read the customer again.
      reconnected = everReady;
      if (everReady) changed({ customerId, fields: [], source: 'resync', at: new Date().toISOString() });
      everReady = true;
    });
    es.addEventListener('presence', (e) =>
      setOthers(JSON.parse((e as MessageEvent<string>).data) as Present[]),
    );
    es.addEventListener('changed', (e) => {
      const c = JSON.parse((e as MessageEvent<string>).data) as LiveChange;
      // After a reconnect the resync above has read the customer again already.
      if (c.source === 'since' && reconnected) return;
      changed(c);
    });
    es.addEventListener('resync', () =>
      changed({ customerId, fields: [], source: 'resync', at: new Date().toISOString() }),
    );
    es.addEventListener('ended', (e) => {
      setEnded((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message);
      es.close();
      setConnected(false);
    });
    es.onerror = () => setConnected(false);
    return () => es.close();
    // `since` is the page's first read; later reads come through the stream itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [customerId]);

  return { others, connected, ended };
}
