'use client';
// The live customer page's side of /customers/[id]/events: who else has it open, and a callback for each
// change (or a resync after the stream was down, when a change may have been missed).
import { useEffect, useEffectEvent, useState } from 'react';

export type LiveChange = {
  customerId: string;
  fields: string[];
  by?: { name: string; role: string };
  source: 'desk' | 'flex' | 'resync';
  at: string;
};
export type Present = { name: string; role: string };

export function useCustomerLive(customerId: string, onChange: (c: LiveChange) => void) {
  const [others, setOthers] = useState<Present[]>([]);
  const [connected, setConnected] = useState(false);
  const [ended, setEnded] = useState<string | null>(null);
  const changed = useEffectEvent(onChange);

  useEffect(() => {
    const es = new EventSource(`/customers/${customerId}/events`);
    let everReady = false;
    es.addEventListener('ready', () => {
      setConnected(true);
      // A reconnect after a drop may have missed a change: read the customer again.
      if (everReady) changed({ customerId, fields: [], source: 'resync', at: new Date().toISOString() });
      everReady = true;
    });
    es.addEventListener('presence', (e) =>
      setOthers(JSON.parse((e as MessageEvent<string>).data) as Present[]),
    );
    es.addEventListener('changed', (e) =>
      changed(JSON.parse((e as MessageEvent<string>).data) as LiveChange),
    );
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
  }, [customerId]);

  return { others, connected, ended };
}
