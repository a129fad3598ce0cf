// `npm run bench:search`: 1,000,000 customers seeded straight into an embedded PostgreSQL's index (one
// INSERT … SELECT over generate_series per 100,000 rows, search indexes built after the load), then search
// latency through the app's own searchCustomers: by name, part of a name, phone as said, postal code,
// metadata and a misspelling; one client, then four at once. Prints p50/p95/p99, index sizes on disk and
// whether any plan scans the whole table; writes bench/results-search.json. Asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { migrate, openDatabase } from '../lib/db/database';
import type { DB } from '../lib/db/schema';
import { interpret } from '../lib/search/interpret';
import {
  createSearchIndexes,
  dropSearchIndexes,
  fillSearchWords,
  SEARCH_INDEXES,
} from '../lib/search/search-ddl';
import { rankedQuery, searchCustomers, typoQuery } from '../lib/search/search';
import { startEmbeddedPostgres } from '../scripts/pg-embedded';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000);
const CHUNK = 100_000;
const PER_KIND = Number(process.env.BENCH_SEARCH_QUERIES ?? 200);
const say = (s: string) => process.stdout.write(`${s}\n`);

const FIRST = `Liam Olivia Noah Emma Oliver Charlotte Elijah Amelia James Ava William Sophia Benjamin Isabella Lucas Mia
  Henry Evelyn Theodore Harper José María Zoë Chloé Amélie Léa Renée Inès Hélène François Jérôme Björn Åsa Søren Łukasz
  Małgorzata Dvořák Ñuño Andrés Sofía Jürgen Müller Günther Çağla Ayşe Niamh Siobhán Seán Aoife Grace Ada Alan Katherine
  Hedy Margaret Barbara Dorothy Mary Frances Radia Shafi Anita Jean Joan Priya Arjun Wei Mei Hiroshi Yuki Kwame Amara`;
const LAST = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodríguez Martínez Hernández López González Wilson
  Anderson Thomas Taylor Moore Jackson Martin Lee Pérez Thompson White Harris Sánchez Clark Ramírez Lewis Robinson Walker
  Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter
  Roberts Vázquez Núñez Ibáñez Muñoz Þórsson Østergaard Ångström Dvořáková Kowalski Wiśniewski Šimůnek Hopper Lovelace
  Turing Hamilton Lamarr Johansson Nakamura Okonkwo Mensah Chatterjee Iyer Zhang Moreau Dubois Lefèvre Fontaine Bélanger
  Gauthier Schäfer Köhler Weiß Jäger O'Brien MacDonald Fitzgerald`;
const CITY = `London Paris Berlin Madrid Málaga Sevilla Zürich Genève München Köln Kraków Łódź Göteborg Malmö København Århus
  Reykjavík Dublin Cork Oslo Tromsø Montréal Québec Toronto Vancouver Seattle Portland Denver Austin Boston Chicago Atlanta
  Miami Phoenix Houston Oakland Fresno Tucson Omaha`;
const words = (s: string) => s.split(/\s+/).filter(Boolean);

async function seed(d: Kysely<DB>) {
  const first = words(FIRST);
  const last = words(LAST);
  const city = words(CITY);
  for (let start = 0; start < ROWS; start += CHUNK) {
    const end = Math.min(ROWS, start + CHUNK) - 1;
    // Pseudo-random but repeatable picks (hashes of the row number), so runs are comparable.
    await sql`
      INSERT INTO customer_index (id, test_mode, first_name, last_name, email, phone, phone_digits, employer,
        city, postal_code, postal_norm, country, metadata, created_at, synced_at)
      SELECT 'fcus_' || lpad(i::text, 26, '0'), true, f, l,
        lower(unaccent(f)) || '.' || replace(lower(unaccent(l)), '''', '') || i || '@' ||
          (ARRAY['example.com','mail.example','corp.example','inbox.example'])[1 + (i % 4)],
        '+1' || ph, ph, 'Employer ' || (i % 997), c, pc, upper(replace(pc, ' ', '')), co,
        jsonb_build_object('order', 'ORD-' || (1000000 + i), 'plan', (ARRAY['basic','plus','pro'])[1 + (i % 3)],
          'since', 2010 + (i % 15)),
        now() - make_interval(secs => i), now()
      FROM (
        SELECT i,
          (${first}::text[])[1 + abs(hashint4(i)) % ${first.length}] AS f,
          (${last}::text[])[1 + abs(hashint4(i + 7919)) % ${last.length}] AS l,
          (${city}::text[])[1 + abs(hashint4(i + 104729)) % ${city.length}] AS c,
          (200 + abs(hashint4(i + 1)) % 800)::text || lpad((abs(hashint4(i + 2)) % 10000000)::text, 7, '0') AS ph,
          CASE WHEN i % 3 = 0
            THEN (ARRAY['SW1A','EC1A','W1A','M1','B33','LS1','G2','EH1'])[1 + i % 8] || ' ' || (i % 10) || chr(65 + i % 26) || chr(65 + (i / 26) % 26)
            ELSE lpad((abs(hashint4(i + 3)) % 100000)::text, 5, '0') END AS pc,
          CASE WHEN i % 3 = 0 THEN 'GB' ELSE 'US' END AS co
        FROM generate_series(${start}::int, ${end}::int) AS i
      ) s`.execute(d);
    say(`  seeded ${(end + 1).toLocaleString('en')}`);
  }
}

type Kind = 'name' | 'part of name' | 'phone' | 'postal' | 'metadata' | 'typo';

async function queries(d: Kysely<DB>): Promise<Record<Kind, string[]>> {
  const rows = (
    await sql<{
      first_name: string;
      last_name: string;
      phone_digits: string;
      postal_code: string;
      order: string;
    }>`
      SELECT first_name, last_name, phone_digits, postal_code, metadata->>'order' AS order
      FROM customer_index TABLESAMPLE SYSTEM (1) REPEATABLE (42) LIMIT ${PER_KIND}`.execute(d)
  ).rows;
  const lastNames = new Set(words(LAST).map((x) => x.toLowerCase()));
  const typo = (s: string) => {
    // Swap one vowel for another, so the result is no real name in the data.
    for (let i = 1; i < s.length; i++) {
      const v = 'aeiou'.indexOf(s[i]!);
      if (v >= 0) {
        const t = s.slice(0, i) + 'eioua'[v]! + s.slice(i + 1);
        if (!lastNames.has(t.toLowerCase())) return t;
      }
    }
    return `${s}x`;
  };
  return {
    name: rows.map((r) => `${r.first_name} ${r.last_name}`),
    'part of name': rows.map((r) => r.last_name.slice(1, 5)),
    phone: rows.map(
      (r) => `(${r.phone_digits.slice(0, 3)}) ${r.phone_digits.slice(3, 6)}-${r.phone_digits.slice(6)}`,
    ),
    postal: rows.map((r, i) => (i % 2 ? r.postal_code.toLowerCase().replace(' ', '') : r.postal_code)),
    metadata: rows.map((r) => r.order),
    typo: rows.map((r) => typo(r.last_name)),
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

async function timeAll(d: Kysely<DB>, qs: string[], clients: number): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < qs.length; i = next++) {
        const t = performance.now();
        const r = await searchCustomers(qs[i]!, { testMode: true, database: d });
        out.push(performance.now() - t);
        if (!r.ok) say(`  ! ${qs[i]}: ${r.message}`);
      }
    }),
  );
  return out;
}

async function seqScans(d: Kysely<DB>, q: string): Promise<boolean> {
  const plan = interpret(q);
  for (const query of [rankedQuery(plan, true), plan.typo ? typoQuery(plan, true) : null]) {
    if (!query) continue;
    const c = query.compile(d);
    const r = await d.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx); // as searchCustomers runs it
      return trx.executeQuery<{ 'QUERY PLAN': string }>({ ...c, sql: `EXPLAIN ${c.sql}` });
    });
    const lines = r.rows.map((x) => x['QUERY PLAN']);
    if (lines.some((x) => /Seq Scan on customer_index/.test(x))) return true;
    // An index read with no condition under it (a partial index used for its WHERE only) reads every row.
    for (let i = 0; i < lines.length; i++)
      if (/Index Scan/.test(lines[i]!) && !/Index Cond/.test(lines[i + 1] ?? '')) return true;
  }
  return false;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-search-'));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: dir });
  const d = openDatabase(server.url);
  try {
    say(`PostgreSQL in ${dir}; ${ROWS.toLocaleString('en')} customers`);
    await migrate(d);
    await dropSearchIndexes(d as unknown as Kysely<unknown>);
    // The words dictionary is filled once after the load, as the migration does, not row by row.
    await sql`ALTER TABLE customer_index DISABLE TRIGGER customer_index_words_insert`.execute(d);
    let t = performance.now();
    await seed(d);
    await sql`ALTER TABLE customer_index ENABLE TRIGGER customer_index_words_insert`.execute(d);
    await fillSearchWords(d as unknown as Kysely<unknown>);
    const seedS = (performance.now() - t) / 1000;
    t = performance.now();
    await sql`SET maintenance_work_mem = '256MB'`.execute(d);
    await createSearchIndexes(d as unknown as Kysely<unknown>);
    await sql`VACUUM ANALYZE customer_index`.execute(d);
    await sql`VACUUM ANALYZE customer_word`.execute(d);
    const indexS = (performance.now() - t) / 1000;
    say(`  seed ${r1(seedS)} s, search indexes ${r1(indexS)} s`);

    const sizes = (
      await sql<{ name: string; bytes: string }>`
        SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c
        WHERE c.relname = 'customer_index' OR c.relname = ANY(${SEARCH_INDEXES.map((i) => i.name)}::text[])`.execute(
        d,
      )
    ).rows.map((x) => ({ name: x.name, mb: r1(Number(x.bytes) / 2 ** 20) }));
    const qs = await queries(d);
    const results: Record<string, unknown>[] = [];
    say('\nkind            clients   p50 ms   p95 ms   p99 ms   seq scan');
    for (const [kind, list] of Object.entries(qs) as [Kind, string[]][]) {
      await timeAll(d, list.slice(0, 20), 1); // warm the cache for this kind
      const scan = await seqScans(d, list[0]!);
      for (const clients of [1, 4]) {
        const ms = await timeAll(d, list, clients);
        const row = {
          kind,
          clients,
          n: ms.length,
          p50: r1(pct(ms, 50)),
          p95: r1(pct(ms, 95)),
          p99: r1(pct(ms, 99)),
          seqScan: scan,
        };
        results.push(row);
        say(
          `${kind.padEnd(16)}${String(clients).padStart(7)}${String(row.p50).padStart(9)}${String(row.p95).padStart(9)}${String(row.p99).padStart(9)}   ${scan ? 'YES' : 'no'}`,
        );
      }
    }
    const total = sizes.filter((s) => s.name !== 'customer_index').reduce((a, s) => a + s.mb, 0);
    say(
      `\nindex sizes (MB): ${sizes.map((s) => `${s.name} ${s.mb}`).join(', ')}; search indexes together ${r1(total)} MB`,
    );
    const out = {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${r1(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map(r1).join(' ')}`,
      rows: ROWS,
      seedSeconds: r1(seedS),
      indexSeconds: r1(indexS),
      sizesMb: sizes,
      searchIndexesMb: r1(total),
      results,
      examples: Object.fromEntries(Object.entries(qs).map(([k, v]) => [k, v.slice(0, 3)])),
    };
    fs.writeFileSync('bench/results-search.json', `${JSON.stringify(out, null, 2)}\n`);
    say('wrote bench/results-search.json');
  } finally {
    await d.destroy();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
