import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { createSchemaSQL } from '../../../src/sql/index.js'
import { catalogDifference, mysqlCatalogLines } from '../../corpus/mysql-catalog.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan } from '../mysql/harness.js'

// A whole MariaDB database written by hand with every kind the model has for it (table options,
// column charsets and collations, generated and invisible columns, ignored, fulltext and spatial
// indexes, checks on the table and on a column, JSON, ON UPDATE, foreign keys, partitions with subpartitions, a system-versioned table, a view with
// its algorithm, SQL SECURITY and check option, a trigger, a procedure, a function, an event and a
// sequence), judged by
// information_schema (test/corpus/mysql-catalog.ts): read and re-created on an empty database, it
// has the same catalog; then each kind changed, planned from the reads and applied, the database has
// the catalog of one built from the changed SQL directly, and a new plan is empty.

/** The database, one statement per entry, by name (a change replaces an entry, adds or removes one). */
const BASE: Readonly<Record<string, string>> = {
  authors: `CREATE TABLE authors (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(100) CHARACTER SET latin1 COLLATE latin1_general_ci NOT NULL,
    email varchar(200) NOT NULL,
    bio text,
    secret varchar(20) INVISIBLE,
    name_upper varchar(100) AS (upper(name)) VIRTUAL,
    email_domain varchar(200) AS (substring_index(email, '@', -1)) STORED,
    updated_at datetime DEFAULT current_timestamp() ON UPDATE current_timestamp(),
    UNIQUE KEY uq_authors_email (email),
    KEY ix_authors_name (name) IGNORED,
    FULLTEXT KEY ft_authors_bio (bio),
    CONSTRAINT ck_authors_name CHECK (char_length(name) > 0)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC COMMENT='people who write'`,
  places: `CREATE TABLE places (
    id int NOT NULL PRIMARY KEY,
    location point NOT NULL,
    SPATIAL INDEX sx_places_location (location)
  ) ENGINE=InnoDB`,
  books: `CREATE TABLE books (
    id int NOT NULL PRIMARY KEY,
    author_id int NOT NULL,
    title varchar(200) NOT NULL,
    price decimal(8,2) NOT NULL DEFAULT 0.00 CHECK (price >= 0),
    meta json,
    CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE
  )`,
  sales: `CREATE TABLE sales (
    id int NOT NULL,
    sold_on date NOT NULL,
    amount decimal(10,2) NOT NULL,
    PRIMARY KEY (id, sold_on)
  ) PARTITION BY RANGE (year(sold_on)) SUBPARTITION BY HASH (to_days(sold_on)) SUBPARTITIONS 2 (
    PARTITION p2023 VALUES LESS THAN (2024),
    PARTITION pmax VALUES LESS THAN MAXVALUE
  )`,
  prices: 'CREATE TABLE prices (id int NOT NULL PRIMARY KEY, amount decimal(10,2) NOT NULL) WITH SYSTEM VERSIONING',
  with_tax: 'CREATE FUNCTION with_tax(p decimal(8,2)) RETURNS decimal(10,2) DETERMINISTIC NO SQL RETURN p * 1.2',
  cheap_books: `CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW cheap_books AS
    SELECT id, title, price FROM books WHERE price < 10 WITH CASCADED CHECK OPTION`,
  touch_book: `CREATE PROCEDURE touch_book(IN book int) MODIFIES SQL DATA
    BEGIN UPDATE books SET price = price WHERE id = book; END`,
  books_price: `CREATE TRIGGER books_price BEFORE INSERT ON books FOR EACH ROW
    BEGIN IF NEW.price < 0 THEN SET NEW.price = 0; END IF; END`,
  purge_free: `CREATE EVENT purge_free ON SCHEDULE EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'drop free books'
    DO DELETE FROM books WHERE price = 0`,
  book_numbers: 'CREATE SEQUENCE book_numbers START WITH 100 INCREMENT BY 5 MAXVALUE 1000000 CACHE 10',
}

/** One change of each kind: the entries it replaces (or adds); `null` removes one. */
const CHANGES: readonly { readonly kind: string; readonly edit: Readonly<Record<string, string | null>> }[] = [
  {
    kind: 'table options (engine, row format, comment)',
    edit: { places: BASE.places!.replace('ENGINE=InnoDB', "ENGINE=Aria ROW_FORMAT=PAGE COMMENT='where'") },
  },
  {
    kind: 'table charset and collation',
    edit: { authors: BASE.authors!.replace('COLLATE=utf8mb4_unicode_ci', 'COLLATE=utf8mb4_bin') },
  },
  {
    kind: 'column charset and collation',
    edit: { authors: BASE.authors!.replace('CHARACTER SET latin1 COLLATE latin1_general_ci', 'COLLATE utf8mb4_bin') },
  },
  {
    kind: 'generated column expression and storage',
    edit: {
      authors: BASE.authors!.replace('AS (upper(name)) VIRTUAL', 'AS (lower(name)) STORED'),
    },
  },
  {
    kind: 'ON UPDATE removed',
    edit: { authors: BASE.authors!.replace(' ON UPDATE current_timestamp()', '') },
  },
  {
    kind: 'JSON column added (MariaDB: LONGTEXT with a json_valid check on the column)',
    edit: { places: BASE.places!.replace('location point NOT NULL,', 'location point NOT NULL,\n    tags json,') },
  },
  { kind: 'invisible column made visible', edit: { authors: BASE.authors!.replace(' INVISIBLE,', ',') } },
  { kind: 'ignored index no longer ignored', edit: { authors: BASE.authors!.replace(' IGNORED,', ',') } },
  {
    kind: 'fulltext index on two columns',
    edit: { authors: BASE.authors!.replace('ft_authors_bio (bio)', 'ft_authors_bio (bio, email)') },
  },
  {
    kind: 'spatial index dropped',
    edit: { places: BASE.places!.replace(',\n    SPATIAL INDEX sx_places_location (location)', '') },
  },
  {
    kind: 'checks (table and column level) changed',
    edit: {
      authors: BASE.authors!.replace('char_length(name) > 0', 'char_length(name) > 1'),
      books: BASE.books!.replace('CHECK (price >= 0)', 'CHECK (price >= 1)'),
    },
  },
  {
    kind: 'foreign key actions',
    edit: { books: BASE.books!.replace('ON DELETE CASCADE', 'ON DELETE RESTRICT ON UPDATE CASCADE') },
  },
  {
    kind: 'partition added',
    edit: {
      sales: BASE.sales!.replace('PARTITION pmax', 'PARTITION p2024 VALUES LESS THAN (2025),\n    PARTITION pmax'),
    },
  },
  { kind: 'system versioning removed', edit: { prices: BASE.prices!.replace(' WITH SYSTEM VERSIONING', '') } },
  {
    kind: 'view algorithm, SQL SECURITY and check option',
    edit: {
      cheap_books: BASE.cheap_books!.replace(
        'ALGORITHM=MERGE SQL SECURITY INVOKER',
        'ALGORITHM=UNDEFINED SQL SECURITY DEFINER',
      ).replace('CASCADED', 'LOCAL'),
    },
  },
  { kind: 'view query', edit: { cheap_books: BASE.cheap_books!.replace('price < 10', 'price < 5') } },
  { kind: 'trigger body', edit: { books_price: BASE.books_price!.replace('SET NEW.price = 0', 'SET NEW.price = 1') } },
  { kind: 'procedure body', edit: { touch_book: BASE.touch_book!.replace('price = price', 'price = price + 0') } },
  { kind: 'function body', edit: { with_tax: BASE.with_tax!.replace('p * 1.2', 'p * 1.25') } },
  { kind: 'trigger and procedure dropped', edit: { books_price: null, touch_book: null } },
  {
    kind: 'event schedule, status and comment',
    edit: {
      purge_free: BASE.purge_free!.replace('EVERY 1 DAY', 'EVERY 6 HOUR')
        .replace('ENABLE', 'DISABLE')
        .replace("'drop free books'", "'drop free books often'"),
    },
  },
  { kind: 'event body', edit: { purge_free: BASE.purge_free!.replace('price = 0', 'price <= 0') } },
  { kind: 'sequence options', edit: { book_numbers: BASE.book_numbers!.replace('INCREMENT BY 5', 'INCREMENT BY 7') } },
  { kind: 'event and sequence dropped', edit: { purge_free: null, book_numbers: null } },
]

/** The statements of `BASE` with `edit` applied, in `BASE`'s order (added entries last). */
function statements(edit: Readonly<Record<string, string | null>> = {}): string[] {
  const merged: Record<string, string | null> = { ...BASE, ...edit }
  return Object.values(merged).filter((s): s is string => s !== null)
}

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'whole database round trip'), () => {
  let a: Engine
  let b: Engine
  beforeAll(async () => {
    a = await mariadb.open()
    b = await mariadb.open()
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  const build = async (engine: Engine, sql: readonly string[]) => {
    await engine.reset()
    for (const s of sql) await engine.exec(s)
  }
  const difference = async () => catalogDifference(await mysqlCatalogLines(a), await mysqlCatalogLines(b), 20)

  it('the hand-written database holds every kind', async () => {
    await build(a, statements())
    const lines = await mysqlCatalogLines(a)
    for (const kind of [
      'table',
      'column',
      'index',
      'constraint',
      'foreign key',
      'check',
      'view',
      'trigger',
      'routine',
      'partition',
    ])
      expect(
        lines.some((l) => l.startsWith(`${kind} `)),
        kind,
      ).toBe(true)
    expect(lines.filter((l) => l.startsWith('partition sales.')).length).toBe(4)
    expect(lines).toContainEqual(expect.stringMatching(/^table prices table_type=SYSTEM VERSIONED /))
    expect(lines).toContainEqual(expect.stringMatching(/^index authors\.ix_authors_name .* ignored=YES /))
    expect(lines).toContainEqual(expect.stringMatching(/^index places\.sx_places_location .* index_type=SPATIAL /))
    expect(lines).toContainEqual(expect.stringMatching(/^column authors\.secret .* extra=INVISIBLE /))
  })

  it('introspected and re-created on an empty database: the same catalog, and it reads the same', async () => {
    await build(a, statements())
    const read = await introspectEngine(a)
    await b.reset()
    await run(b, createSchemaSQL(read, 'mysql'))
    expect(await difference()).toEqual([])
    expect(diffSchemas(await introspectEngine(b), read).changes).toEqual([])
  })

  for (const change of CHANGES) {
    it(`${change.kind}: planned, applied, the catalog of the changed SQL, re-plan empty`, async () => {
      await build(a, statements())
      await build(b, statements(change.edit))
      const [from, to] = [await introspectEngine(a), await introspectEngine(b)]
      const migration = plan(from, to)
      expect(migration.up.length, 'the change is seen').toBeGreaterThan(0)
      await run(a, migration.up)
      expect(await difference()).toEqual([])
      expect(plan(await introspectEngine(a), to).up).toEqual([])
    })
  }
})
