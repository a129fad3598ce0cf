// The customer search: one query plan (lib/search/interpret.ts) → one ranked SQL over the index, with a
// statement timeout, each branch served by its own index and capped, so no query reads the whole table.
// Tiers: exact id, exact email, exact phone, then exact postal/metadata, name prefixes, partial matches,
// each tier ordered by name similarity; a misspelling fallback runs only when few rows were found.
import 'server-only';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { db } from '@/lib/db/database';
import type { DB } from '@/lib/db/schema';
import { interpret, likeEscape, MIN_PARTIAL, type SearchPlan } from './interpret';
import { matchedField } from './matched';
import type { SearchHit } from './view';

export const RESULT_LIMIT = 50;
const BRANCH_LIMIT = 100;
const WORDS_LIMIT = 300;
/** Below this many results the misspelling fallback is tried. */
const FEW = 5;
const TIMEOUT_MS = 2000;
const TYPO_THRESHOLD = 0.5;

export type SearchOutcome =
  | { ok: true; plan: SearchPlan; hits: SearchHit[]; more: boolean; typo: boolean }
  | { ok: false; plan: SearchPlan; message: string };

type Row = {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  city: string;
  postal_code: string;
  country: string;
  metadata: Record<string, unknown>;
  created_at: Date;
  synced_at: Date;
  tier: number;
  field: string;
  total: string;
};

type Branch = {
  tier: number;
  field: string;
  where: RawBuilder<unknown>;
  limit?: number;
  order?: RawBuilder<unknown>;
};

const pattern = (s: string, where: 'any' | 'start') =>
  where === 'any' ? sql`'%' || desk_fold(${likeEscape(s)}) || '%'` : sql`desk_fold(${likeEscape(s)}) || '%'`;

function branches(p: SearchPlan): Branch[] {
  const out: Branch[] = [];
  if (p.id) out.push({ tier: 0, field: 'id', where: sql`id = ${p.id}` });
  if (p.email) out.push({ tier: 1, field: 'email', where: sql`lower(email) = ${p.email}` });
  if (p.phones.length > 0) {
    out.push({ tier: 2, field: 'phone', where: sql`phone_digits = ANY(${p.phones}::text[])` });
    for (const d of p.phones.filter((x) => x.length >= (p.short ? 1 : MIN_PARTIAL))) {
      out.push({ tier: 5, field: 'phone', where: sql`phone_digits LIKE ${`${d}%`}` });
      if (!p.short)
        out.push({
          tier: 5,
          field: 'phone',
          where: sql`reverse(phone_digits) LIKE ${`${[...d].reverse().join('')}%`}`,
        });
    }
  }
  if (p.postal) {
    out.push({ tier: 3, field: 'postal_code', where: sql`postal_norm = ${p.postal}` });
    out.push({ tier: 5, field: 'postal_code', where: sql`postal_norm LIKE ${`${p.postal}%`}` });
  }
  if (p.meta) {
    const { key, value } = p.meta;
    const docs = [JSON.stringify({ [key]: value })];
    if (/^-?\d+(\.\d+)?$/.test(value)) docs.push(JSON.stringify({ [key]: Number(value) }));
    if (value === 'true' || value === 'false') docs.push(JSON.stringify({ [key]: value === 'true' }));
    out.push({
      tier: 3,
      field: 'metadata',
      where: sql.join(
        docs.map((d) => sql`metadata @> ${d}::jsonb`),
        sql` OR `,
      ),
    });
    if (value.length >= MIN_PARTIAL)
      out.push({
        tier: 5,
        field: 'metadata',
        where: sql`search_meta LIKE ${pattern(value, 'any')} AND desk_fold(metadata->>${key}) LIKE ${pattern(value, 'any')}`,
      });
  }
  if (p.short) {
    if (p.text)
      out.push({
        tier: 5,
        field: 'email',
        where: sql`lower(email) LIKE ${`${likeEscape(p.text.toLowerCase())}%`}`,
      });
  } else {
    if (p.emailPart)
      out.push({ tier: 5, field: 'email', where: sql`lower(email) LIKE ${`%${likeEscape(p.emailPart)}%`}` });
    if (p.metaPart && !p.meta)
      out.push({
        tier: 5,
        field: 'metadata',
        where: sql`search_meta LIKE ${pattern(p.metaPart, 'any')}`,
      });
  }
  const w = p.words;
  if (w.length === 1) {
    // Index order of a prefix scan brings the exact word first ("ann" before "anna").
    for (const col of ['first_name', 'last_name'] as const)
      out.push({
        tier: 4,
        field: 'name',
        where: sql`desk_fold(${sql.ref(col)}) LIKE ${pattern(w[0]!, 'start')}`,
        order: sql`desk_fold(${sql.ref(col)})`,
      });
  }
  if (w.length > 0 && !p.short && w.some((x) => x.length >= MIN_PARTIAL)) {
    // Every word somewhere in name or city; a word under 3 characters must start a word.
    const conds = w.map((x) =>
      x.length >= MIN_PARTIAL
        ? sql`search_words LIKE ${pattern(x, 'any')}`
        : sql`(' ' || search_words) LIKE ${sql`'% ' || ${pattern(x, 'start')}`}`,
    );
    out.push({ tier: 5, field: 'words', where: sql.join(conds, sql` AND `), limit: WORDS_LIMIT });
  }
  return out;
}

function branchSql(b: Branch) {
  return sql`(SELECT id, ${sql.lit(b.tier)}::int AS tier, ${sql.lit(b.field)}::text AS field
    FROM customer_index WHERE deleted_at IS NULL AND (${b.where})
    ${b.order ? sql`ORDER BY ${b.order}` : sql``} LIMIT ${sql.lit(b.limit ?? BRANCH_LIMIT)})`;
}

const COLUMNS = sql`c.id, c.first_name, c.last_name, c.email, c.phone, c.city, c.postal_code, c.country,
  c.metadata, c.created_at, c.synced_at`;

/** The ranked query of a plan (exported for the EXPLAIN test and the bench). */
export function rankedQuery(plan: SearchPlan, testMode: boolean, limit = RESULT_LIMIT) {
  const bs = branches(plan);
  if (bs.length === 0) return null;
  return sql<Row>`
    WITH hits AS (${sql.join(bs.map(branchSql), sql` UNION ALL `)}),
    best AS (SELECT DISTINCT ON (id) id, tier, field FROM hits ORDER BY id, tier)
    SELECT ${COLUMNS}, b.tier, b.field, count(*) OVER () AS total
    FROM best b JOIN customer_index c ON c.id = b.id
    WHERE c.test_mode = ${testMode}
    ORDER BY b.tier, similarity(desk_name(c.first_name, c.last_name), desk_fold(${plan.text})) DESC,
      c.created_at DESC, c.id
    LIMIT ${limit}`;
}

/** Words of the index a query word may be a misspelling of: at most this many, the most similar. */
const NEAR_WORDS = 20;

/**
 * Names and city within a misspelling of the query. Each query word of 3 or more characters is looked up in
 * the dictionary of the index's words (`customer_word`, thousands of rows where the index has millions),
 * by trigram word similarity; a customer qualifies when its words hold, for every such query word, one of
 * the words near it (one GIN lookup over the word lists). They are ranked by how near their words are, a
 * sum over the query words of the nearest word each row holds: no trigram work per row, since a common
 * name misspelt can bring thousands.
 */
export function typoQuery(plan: SearchPlan, testMode: boolean, limit = RESULT_LIMIT) {
  const words = plan.words.filter((w) => w.length >= MIN_PARTIAL).slice(0, 5);
  const near = words.map((w, i) => ({
    name: sql.raw(`near${i}`),
    cte: sql`SELECT d.word, word_similarity(desk_fold(${w}), d.word) AS s FROM customer_word d
      WHERE d.word %> desk_fold(${w})
      ORDER BY s DESC, similarity(desk_fold(${w}), d.word) DESC, d.word LIMIT ${NEAR_WORDS}`,
  }));
  const list = sql`string_to_array(c.search_words, ' ')`;
  // interpret() asks for the fallback only with such a word; without one there is nothing to be near.
  if (near.length === 0)
    return sql<Row>`SELECT ${COLUMNS}, 6 AS tier, 'typo' AS field, 0 AS total FROM customer_index c WHERE false`;
  return sql<Row>`
    WITH ${sql.join(
      near.map((n) => sql`${n.name} AS MATERIALIZED (${n.cte})`),
      sql`, `,
    )}
    SELECT ${COLUMNS}, 6 AS tier, 'typo' AS field, 0 AS total
    FROM customer_index c
    WHERE c.deleted_at IS NULL
      AND ${sql.join(
        near.map((n) => sql`${list} && ARRAY(SELECT word FROM ${n.name})`),
        sql` AND `,
      )}
      AND c.test_mode = ${testMode}
    ORDER BY ${sql.join(
      near.map((n) => sql`coalesce((SELECT max(s) FROM ${n.name} WHERE ${n.name}.word = ANY(${list})), 0)`),
      sql` + `,
    )} DESC, c.created_at DESC
    LIMIT ${limit}`;
}

/** Searches the index. Expected failures (a timeout) are values; the caller shows their message. */
export async function searchCustomers(
  raw: string | null | undefined,
  opts: { testMode: boolean; limit?: number; database?: Kysely<DB> },
): Promise<SearchOutcome> {
  const plan = interpret(raw);
  const limit = Math.min(opts.limit ?? RESULT_LIMIT, RESULT_LIMIT);
  const ranked = rankedQuery(plan, opts.testMode, limit);
  if (!ranked) return { ok: true, plan, hits: [], more: false, typo: false };
  const d = opts.database ?? (await db());
  try {
    return await d.transaction().execute(async (trx) => {
      // Every branch has its index; with a LIMIT the planner may still guess that scanning the table finds
      // enough rows sooner (it does not, for rare names in a million rows), so a scan is ruled out. Parallel
      // workers cost more to start than these capped, index-served queries take.
      await sql`SELECT set_config('statement_timeout', ${String(TIMEOUT_MS)}, true),
        set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_THRESHOLD)}, true),
        set_config('enable_seqscan', 'off', true),
        set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
      const r = await ranked.execute(trx);
      let rows = r.rows;
      let typo = false;
      if (plan.typo && rows.length < FEW) {
        const seen = new Set(rows.map((x) => x.id));
        const extra = (await typoQuery(plan, opts.testMode, limit).execute(trx)).rows.filter(
          (x) => !seen.has(x.id),
        );
        typo = extra.length > 0;
        rows = [...rows, ...extra].slice(0, limit);
      }
      const total = Number(r.rows[0]?.total ?? 0);
      return { ok: true as const, plan, hits: rows.map((x) => hitOf(x, plan)), more: total > limit, typo };
    });
  } catch (e) {
    if ((e as { code?: string }).code === '57014')
      return {
        ok: false,
        plan,
        message: 'The search took too long. Type more of the name, or search by the full email or phone.',
      };
    throw e;
  }
}

function hitOf(r: Row, plan: SearchPlan): SearchHit {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    phone: r.phone,
    city: r.city,
    postalCode: r.postal_code,
    country: r.country,
    createdAt: r.created_at.toISOString(),
    syncedAt: r.synced_at.toISOString(),
    matched: matchedField(r.field, r, plan),
  };
}
