// Which address the desk listens on. HOSTNAME wins when set. Otherwise a desk with the sandbox's demo
// accounts (one published password for every role) listens on 127.0.0.1 only; any other listens on every
// interface, as a server behind a load balancer must.
type ListenConfig = { hostname: string | null; flex: { sandbox: boolean }; admin: unknown };

export type ListenHost = {
  /** null: every interface (Node's default: `::` with IPv4 mapped, or 0.0.0.0). */
  host: string | null;
  /** What to tell the person starting it, or null. */
  note: string | null;
};

export function demoAccounts(config: ListenConfig): boolean {
  return config.flex.sandbox && !config.admin;
}

export function listenHost(config: ListenConfig): ListenHost {
  if (config.hostname) return { host: config.hostname, note: null };
  if (demoAccounts(config))
    return {
      host: '127.0.0.1',
      note:
        'Listening on 127.0.0.1 only: the demo accounts share one published password. To open the desk to ' +
        'other machines, set HOSTNAME=0.0.0.0 (better: set ADMIN_EMAIL and ADMIN_PASSWORD instead of using ' +
        'demo accounts).',
    };
  return { host: null, note: null };
}

/** The URL to print for a listen address. */
export function localUrl(host: string | null, port: number): string {
  if (!host || host === '0.0.0.0' || host === '::') return `http://localhost:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
