// The database side of search (migration 010): the extensions, the IMMUTABLE folding functions that
// indexes and queries share, and the indexes. Kept apart so the bench can drop and rebuild the indexes
// around a bulk load exactly as the migration makes them.
import 'server-only';
import { sql, type Kysely } from 'kysely';

export const SEARCH_EXTENSIONS = ['pg_trgm', 'unaccent'] as const;

/**
 * `unaccent` is only STABLE (its dictionary could change), so it cannot sit in an index; this wrapper names
 * the dictionary explicitly (immune to search_path) and promises immutability, the usual way to index it.
 */
function functions(extSchema: string, ownSchema: string): string[] {
  const s = quoteIdent(extSchema);
  // Bodies name every function with its schema: PostgreSQL 17+ builds indexes with search_path set to
  // pg_catalog only, where an unqualified desk_fold would not be found.
  const o = quoteIdent(ownSchema);
  return [
    `CREATE OR REPLACE FUNCTION desk_fold(t text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(${s}.unaccent('${s}.unaccent'::regdictionary, t)) $$`,
    // Names and city in one string: "grace london" finds Grace in London, and one index serves both.
    `CREATE OR REPLACE FUNCTION desk_words(first_name text, last_name text, city text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${o}.desk_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(city, '')) $$`,
    `CREATE OR REPLACE FUNCTION desk_name(first_name text, last_name text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${o}.desk_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) $$`,
    // Metadata values (strings and numbers, each cut to 100 characters, 1,000 in all) as one folded string:
    // an order number is found in part, and huge metadata cannot blow up the index.
    `CREATE OR REPLACE FUNCTION desk_meta_text(m jsonb) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT CASE WHEN jsonb_typeof(m) = 'object' THEN coalesce(${o}.desk_fold(left((
                SELECT string_agg(left(v.value #>> '{}', 100), ' ')
                FROM jsonb_each(m) AS v
                WHERE jsonb_typeof(v.value) IN ('string', 'number')), 1000)), '') ELSE '' END $$`,
  ];
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const LIVE = 'WHERE deleted_at IS NULL';

/** Every index search uses; all skip deleted rows. */
export const SEARCH_INDEXES: { name: string; ddl: string }[] = [
  { name: 'customer_index_words_trgm', ddl: `USING gin (search_words gin_trgm_ops) ${LIVE}` },
  { name: 'customer_index_first_prefix', ddl: `(desk_fold(first_name) text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_last_prefix', ddl: `(desk_fold(last_name) text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_email_prefix', ddl: `(lower(email) text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_email_trgm', ddl: `USING gin (lower(email) gin_trgm_ops) ${LIVE}` },
  { name: 'customer_index_phone_prefix', ddl: `(phone_digits text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_phone_suffix', ddl: `(reverse(phone_digits) text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_postal_prefix', ddl: `(postal_norm text_pattern_ops) ${LIVE}` },
  { name: 'customer_index_metadata', ddl: `USING gin (metadata jsonb_path_ops) ${LIVE}` },
  { name: 'customer_index_meta_trgm', ddl: `USING gin (search_meta gin_trgm_ops) ${LIVE}` },
  // Each row's words as a list: the misspelling fallback asks for rows holding one of a few words.
  { name: 'customer_index_word_list', ddl: `USING gin (string_to_array(search_words, ' ')) ${LIVE}` },
];

/**
 * The dictionary of the index's words (names and city, folded, 3 characters or more) that the misspelling
 * fallback searches instead of every row: a trigger adds the words of each row written; words are never
 * removed (a word no row holds any more finds nothing). `fillSearchWords` adds those of rows written
 * with the trigger off (a bulk load).
 */
export async function installSearchWords(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS customer_word (word text PRIMARY KEY)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS customer_word_trgm ON customer_word USING gin (word gin_trgm_ops)`.execute(
    db,
  );
  // Once per statement, the new words in order: two writers adding the same new words take their locks in
  // the same order (no deadlock), and a page of 100 rows is one insert. Transition tables allow one event
  // per trigger, hence two.
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION desk_note_words() RETURNS trigger LANGUAGE plpgsql
       SET search_path FROM CURRENT AS $$
       BEGIN
         INSERT INTO customer_word (word)
           SELECT DISTINCT w FROM written, unnest(string_to_array(written.search_words, ' ')) AS w
           WHERE length(w) >= 3 ORDER BY w
           ON CONFLICT DO NOTHING;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql`DROP TRIGGER IF EXISTS customer_index_words ON customer_index`.execute(db); // a first, per-row one
  for (const [name, event] of [
    ['customer_index_words_insert', 'INSERT'],
    ['customer_index_words_update', 'UPDATE'],
  ] as const) {
    await sql.raw(`DROP TRIGGER IF EXISTS ${name} ON customer_index`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${name} AFTER ${event} ON customer_index REFERENCING NEW TABLE AS written
         FOR EACH STATEMENT EXECUTE FUNCTION desk_note_words()`,
      )
      .execute(db);
  }
  await fillSearchWords(db);
  await createSearchIndexes(db);
}

export async function fillSearchWords(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO customer_word (word)
    SELECT DISTINCT w FROM customer_index, unnest(string_to_array(search_words, ' ')) AS w WHERE length(w) >= 3
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function createSearchIndexes(db: Kysely<unknown>): Promise<void> {
  for (const ix of SEARCH_INDEXES)
    await sql.raw(`CREATE INDEX IF NOT EXISTS ${ix.name} ON customer_index ${ix.ddl}`).execute(db);
}

export async function dropSearchIndexes(db: Kysely<unknown>): Promise<void> {
  for (const ix of SEARCH_INDEXES) await sql.raw(`DROP INDEX IF EXISTS ${ix.name}`).execute(db);
}

/** What is missing of the extensions search needs: available on the server, and installed in this database. */
export async function missingSearchExtensions(
  db: Kysely<unknown>,
): Promise<{ unavailable: string[]; notInstalled: string[] }> {
  const r = await sql<{ name: string; available: boolean; installed: boolean }>`
    SELECT n.name,
           EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = n.name) AS available,
           EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = n.name) AS installed
    FROM unnest(${[...SEARCH_EXTENSIONS]}::text[]) AS n(name)`.execute(db);
  return {
    unavailable: r.rows.filter((x) => !x.available).map((x) => x.name),
    notInstalled: r.rows.filter((x) => !x.installed).map((x) => x.name),
  };
}

export async function installSearch(db: Kysely<unknown>): Promise<void> {
  const missing = await missingSearchExtensions(db);
  if (missing.unavailable.length > 0)
    throw new Error(
      `this PostgreSQL server lacks the extension${missing.unavailable.length > 1 ? 's' : ''} ${missing.unavailable.join(' and ')} that customer search needs (in Debian/Ubuntu they come with the postgresql-contrib package; on managed services enable them in the console)`,
    );
  for (const ext of SEARCH_EXTENSIONS) {
    try {
      await sql.raw(`CREATE EXTENSION IF NOT EXISTS ${ext}`).execute(db);
    } catch (e) {
      throw new Error(
        `could not install the extension ${ext} (${e instanceof Error ? e.message : String(e)}); a superuser can run CREATE EXTENSION ${ext}; in this database once`,
      );
    }
  }
  const r = await sql<{ ext: string; own: string }>`
    SELECT n.nspname AS ext, current_schema() AS own
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`.execute(
    db,
  );
  const row = r.rows[0];
  if (!row) throw new Error('the unaccent extension is not installed');
  for (const f of functions(row.ext, row.own)) await sql.raw(f).execute(db);
  // Folded text stored, not recomputed: a trigram index's recheck and the misspelling fallback read the
  // column instead of running unaccent on every candidate row.
  await sql`ALTER TABLE customer_index
    ADD COLUMN IF NOT EXISTS search_words text GENERATED ALWAYS AS (desk_words(first_name, last_name, city)) STORED,
    ADD COLUMN IF NOT EXISTS search_meta text GENERATED ALWAYS AS (desk_meta_text(metadata)) STORED`.execute(
    db,
  );
  await createSearchIndexes(db);
}
