// The bench's memory sampler, in its own process so that reading /proc never blocks the process that
// times requests. Started with fork(); every 200 ms it walks each watched tree through
// /proc/<pid>/task/<tid>/children (no pgrep), and keeps each process's peak RSS (PostgreSQL: PSS, since its
// backends share buffers). Send it 'stop': it answers with the peaks and exits.
import fs from 'node:fs';

/** @type {{ name: string; root: number; pg?: string }[]} */
const watched = JSON.parse(process.argv[2] ?? '[]');
const EVERY_MS = Number(process.argv[3] ?? 200);

function read(path) {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function children(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of tasks) for (const c of read(`/proc/${pid}/task/${t}/children`).split(' ')) if (c.trim()) out.push(Number(c));
  return out;
}

function tree(pid) {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]));
  return all;
}

function kb(pid, pss) {
  const text = pss ? read(`/proc/${pid}/smaps_rollup`) : read(`/proc/${pid}/status`);
  const m = (pss ? /^Pss:\s+(\d+)/m : /VmRSS:\s+(\d+)/).exec(text);
  return Number(m?.[1] ?? 0);
}

/** What a process is, in a few words: the bench groups peaks by this. */
function label(pid) {
  const cmd = read(`/proc/${pid}/cmdline`).split('\0').filter(Boolean);
  const line = cmd.join(' ');
  if (/postgres/.test(line)) return 'postgres';
  if (/next\/dist\/bin\/next|next-server|next start/.test(line)) return 'next start (the app)';
  if (/scripts\/start\.ts/.test(line)) return 'start script (sandbox, embedded PostgreSQL launcher)';
  if (/scripts\/cluster\.ts/.test(line)) return 'cluster script (proxy)';
  if (/tsx\/dist\/cli/.test(line)) return 'tsx launcher';
  return cmd[0]?.split('/').pop() ?? `pid ${pid}`;
}

const peaks = watched.map((w) => ({ name: w.name, totalKb: 0, postgresKb: 0, byProcess: {} }));
const labels = new Map();

function postmaster(dir) {
  const pid = Number(read(`${dir}/pg/postmaster.pid`).split('\n')[0]);
  return pid > 0 ? pid : null;
}

function sample() {
  watched.forEach((w, i) => {
    const p = peaks[i];
    const pgRoot = w.pg ? postmaster(w.pg) : null;
    const pgPids = new Set(pgRoot ? tree(pgRoot) : []);
    let total = 0;
    const now = {};
    for (const pid of tree(w.root)) {
      if (pgPids.has(pid)) continue;
      if (!labels.has(pid)) labels.set(pid, label(pid));
      const l = labels.get(pid);
      if (l === 'postgres') continue;
      const k = kb(pid, false);
      total += k;
      now[l] = (now[l] ?? 0) + k;
    }
    p.totalKb = Math.max(p.totalKb, total);
    for (const [l, k] of Object.entries(now)) p.byProcess[l] = Math.max(p.byProcess[l] ?? 0, k);
    let pg = 0;
    for (const pid of pgPids) pg += kb(pid, true);
    p.postgresKb = Math.max(p.postgresKb, pg);
  });
}

const timer = setInterval(sample, EVERY_MS);
process.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  sample();
  process.send?.(peaks, () => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
