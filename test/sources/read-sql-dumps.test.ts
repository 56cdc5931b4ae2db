import { describe, expect, test } from 'vitest'
import { normalizeQueryText } from '../../src/diff/object-equality.js'
import { unqualifiedViewQuery } from '../../src/diff/view-query.js'
import { diffSchemas, type Schema, serializeSchema } from '../../src/index.js'
import { introspectDatabase } from '../../src/introspect/index.js'
import { readSQL, splitStatements } from '../../src/sources/index.js'
import {
  MYSQL_SOURCE,
  MYSQL_URL,
  mysqlDumpSchema,
  mysqlDumpSkip,
  PG_SOURCE,
  PG_URL,
  pgDumpSchema,
  pgDumpSkip,
  uniqueName,
} from './dump-fixtures.js'

// The acceptance check of readSQL: a database built on a real server, dumped by the server's own
// tool, reads back (on PGlite, or in a scratch database on the dev server) equal to the server's
// introspection of the database itself.

/** The schema without table grants: readSQL skips a dump's GRANT statements (see its notes). */
const withoutGrants = (s: Schema): Schema => ({ ...s, tables: s.tables.map(({ grants: _, ...t }) => t) })

/**
 * The schema's bytes without what two PostgreSQL versions print differently for the same database:
 * extension versions (PGlite ships its own contrib builds) and the qualifiers of view columns
 * (`orders.total` on 15, `total` on 16+), which the diff compares as equal; and grants, since the
 * dump's roles do not exist on PGlite (readSQL reports and skips them; grants are compared only on
 * request).
 */
const acrossVersions = (s: Schema) =>
  serializeSchema({
    ...withoutGrants(s),
    ...(s.extensions ? { extensions: s.extensions.map(({ version: _, ...x }) => x) } : {}),
    ...(s.views
      ? { views: s.views.map((v) => ({ ...v, definition: normalizeQueryText(unqualifiedViewQuery(v.definition)) })) }
      : {}),
  })

describe('pg_dump -s output reads back equal to the dumped database', { timeout: 180_000 }, () => {
  test.skipIf(pgDumpSkip !== undefined)(`on PGlite${pgDumpSkip ? ` (skipped: ${pgDumpSkip})` : ''}`, async () => {
    const pg = (await import('pg')).default
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    const database = uniqueName('sl_dump')
    await admin.query(`CREATE DATABASE ${database}`)
    const role = uniqueName('sl_owner')
    try {
      const target = new URL(PG_URL as string)
      target.pathname = `/${database}`
      const db = new pg.Client({ connectionString: target.toString() })
      await db.connect()
      try {
        await db.query(PG_SOURCE)
        // Owners and grants name a role PGlite does not have: skipped, with a note.
        await db.query(`CREATE ROLE ${role}; ALTER TABLE orders OWNER TO ${role}; GRANT SELECT ON customers TO ${role}`)
        const expected = await introspectDatabase(
          async (sql, params) => (await db.query(sql, params as unknown[])).rows,
          {
            dialect: 'postgres',
          },
        )
        const dump = pgDumpSchema(PG_URL as string, database)
        expect(dump).toContain("SELECT pg_catalog.set_config('search_path', '', false);")
        const read = await readSQL(dump, { dialect: 'postgres', file: 'dump.sql' })
        expect(diffSchemas(read.schema, expected.schema).changes).toEqual([])
        expect(acrossVersions(read.schema)).toBe(acrossVersions(expected.schema))
        expect(read.unmodelled).toEqual(expected.unmodelled)
        const skipped = read.notes.filter((n) => n.kind === 'skipped')
        expect(skipped.map((n) => n.reason)).toEqual([`role "${role}" does not exist`])
        const naming = splitStatements(dump, 'postgres').filter((s) => s.sql.includes(role))
        expect(naming.length).toBeGreaterThan(1)
        expect(skipped[0]?.count).toBe(naming.length)
        expect(skipped[0]?.line).toBe(naming[0]?.line)
        // Through a dev server instead of PGlite, the same schema.
        const onServer = await readSQL(dump, { dialect: 'postgres', devUrl: PG_URL, file: 'dump.sql' })
        expect(serializeSchema(withoutGrants(onServer.schema))).toBe(serializeSchema(withoutGrants(expected.schema)))
      } finally {
        await db.end()
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.query(`DROP ROLE IF EXISTS ${role}`)
      await admin.end()
    }
  })
})

describe('mysqldump --no-data output reads back equal to the dumped database', { timeout: 120_000 }, () => {
  test.skipIf(mysqlDumpSkip !== undefined)(
    `in a scratch database on the dev server${mysqlDumpSkip ? ` (skipped: ${mysqlDumpSkip})` : ''}`,
    async () => {
      const mysql = await import('mysql2/promise')
      const database = uniqueName('sl_dump')
      const admin = await mysql.createConnection({ uri: MYSQL_URL as string })
      await admin.query(`CREATE DATABASE ${database}`)
      try {
        const db = await mysql.createConnection({ uri: MYSQL_URL as string, database })
        try {
          for (const sql of MYSQL_SOURCE) await db.query(sql)
          const expected = await introspectDatabase(
            async (sql, params) => (await db.query(sql, params as unknown[]))[0] as Record<string, unknown>[],
            { dialect: 'mariadb' },
          )
          const dump = mysqlDumpSchema(MYSQL_URL as string, database)
          expect(dump).toMatch(/DELIMITER ;;/)
          const read = await readSQL(dump, { dialect: 'mariadb', devUrl: MYSQL_URL, file: 'dump.sql' })
          expect(diffSchemas(read.schema, expected.schema).changes).toEqual([])
          expect(serializeSchema(read.schema)).toBe(serializeSchema(expected.schema))
          expect(read.notes).toEqual([])
          // The scratch database is gone.
          const [left] = await admin.query("SHOW DATABASES LIKE 'schemaledger\\_scratch\\_%'")
          expect(left).toEqual([])
        } finally {
          await db.end()
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${database}`)
        await admin.end()
      }
    },
  )
})
