import { readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import {
  generateMySQLDrizzleJson,
  generateMySQLMigration,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from 'drizzle-kit/api'
import { afterAll, describe, expect, it } from 'vitest'
import { toDrizzle } from '../../src/codegen/to-drizzle.js'
import type { Constraint, Schema } from '../../src/index.js'
import { defineSchema, parseSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { REPO_ROOT } from '../docs/block-sandbox.js'
import { type Engine, enginesFor, engineTitle, withEngine } from '../engines/engines.js'
import { loadSeed, seedV2ForSqlite } from '../fixtures/seed-for-sqlite.js'
import { mysqlImage } from '../sql/mysql/harness.js'
import { scratch } from './codegen-support.js'

// toDrizzle's MySQL and SQLite modules, judged like the PostgreSQL one: each must type-check under
// `tsc --strict`, and drizzle-kit's own generator for that dialect, from an empty snapshot, must write
// SQL that builds exactly the document on MariaDB (when SCHEMALEDGER_MYSQL_URL is set) and on SQLite.

const project = scratch()
symlinkSync(join(REPO_ROOT, 'node_modules', 'drizzle-orm'), join(project.dir, 'node_modules', 'drizzle-orm'), 'dir')
afterAll(() => project.remove())

const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
// Per dialect: the document with every column type and constraint kind the dialect has, and the seed
// story (on MySQL with posts.user_id widened to bigint like users.id, as MySQL refuses a key between
// int and bigint, and its enum type inline, as MySQL stores it; on SQLite its SQLite form).
function seedV2ForMysql(): Schema {
  const doc = loadSeed('seed-v2.json')
  doc.metadata.tables[1]!.columns[3]!.type = 'BigInteger' // posts.user_id
  return parseSchema(doc)
}
const CASES = {
  mysql: [
    { name: 'every kind', doc: parseSchema(readJson('test/codegen/fixtures/drizzle-mysql.json')) },
    { name: 'seed', doc: mysqlImage(seedV2ForMysql()) },
  ],
  sqlite: [
    { name: 'every kind', doc: parseSchema(readJson('test/codegen/fixtures/drizzle-sqlite.json')) },
    { name: 'seed', doc: seedV2ForSqlite() },
  ],
}

let files = 0
/** Type-checks the module, imports it, and returns drizzle-kit's migration from an empty database. */
async function migrationSql(source: string, dialect: 'mysql' | 'sqlite'): Promise<string[]> {
  const file = `schema_${dialect}_${files++}.ts`
  const path = project.write(file, source)
  // Drizzle's own declarations need skipLibCheck (its gel and mysql types do not compile alone).
  const checked = await project.tsc([path], ['--skipLibCheck'])
  expect(checked.output).toBe('')
  expect(checked.code).toBe(0)
  const module = await project.importTs(file, source)
  if (dialect === 'mysql') {
    return generateMySQLMigration(await generateMySQLDrizzleJson({}), await generateMySQLDrizzleJson(module))
  }
  return generateSQLiteMigration(await generateSQLiteDrizzleJson({}), await generateSQLiteDrizzleJson(module))
}

/**
 * What drizzle-kit builds on SQLite for a document (the module's warnings say so): unique constraints
 * as unique indexes, foreign keys without their names.
 */
function sqliteImage(schema: Schema): Schema {
  return {
    ...schema,
    tables: schema.tables.map((t) => ({
      ...t,
      constraints: t.constraints
        .filter((c) => c.type !== 'unique')
        .map((c): Constraint => {
          if (c.type !== 'foreign_key') return c
          const { name: _name, ...unnamed } = c
          return unnamed
        }),
      indexes: [
        ...t.indexes,
        ...t.constraints.flatMap((c) =>
          c.type === 'unique'
            ? [
                {
                  ...(c.name === undefined ? {} : { name: c.name }),
                  parts: c.columns.map((column) => ({ column })),
                  unique: true as const,
                },
              ]
            : [],
        ),
      ],
    })),
  }
}

const EXPECTED_WARNINGS: Record<string, readonly string[]> = {
  'mysql every kind': [],
  'mysql seed': [],
  'sqlite seed': [
    'tables[1].constraints[1]: drizzle-kit creates SQLite unique constraints as unique indexes; written as one',
    'tables[2].constraints[1]: drizzle-kit creates SQLite unique constraints as unique indexes; written as one',
  ],
  'sqlite every kind': [
    'tables[0].constraints[1]: drizzle-kit creates SQLite unique constraints as unique indexes; written as one',
    'tables[0].constraints[2]: drizzle-kit creates SQLite unique constraints as unique indexes; written as one',
    'tables[1].constraints[3]: drizzle-kit writes SQLite foreign keys without their name',
  ],
}

async function build(engine: Engine, statements: readonly string[]): Promise<Schema> {
  for (const statement of statements) {
    try {
      await engine.exec(statement)
    } catch (error) {
      throw new Error(`${engine.name} rejected drizzle-kit's\n  ${statement}\n  ${(error as Error).message}`)
    }
  }
  return introspect((sql, params) => engine.query(sql, params), { dialect: engine.dialect })
}

describe.each(['mysql', 'sqlite'] as const)('toDrizzle %s, judged by drizzle-kit and the engine', (dialect) => {
  for (const factory of enginesFor(dialect)) {
    it.skipIf(!!factory.skipReason).each(CASES[dialect])(
      engineTitle(factory, "$name: type-checks, and drizzle-kit's migration builds exactly the document"),
      { timeout: 120_000 },
      async ({ name, doc }) => {
        const { source, warnings } = toDrizzle(doc, { dialect })
        expect(warnings).toEqual(EXPECTED_WARNINGS[`${dialect} ${name}`])
        const statements = await migrationSql(source, dialect)
        const live = await withEngine(factory, (engine) => build(engine, statements))
        assertSchemaEqual(live, dialect === 'sqlite' ? sqliteImage(doc) : doc)
      },
    )
  }
})

describe('toDrizzle mysql source', () => {
  const awkward = defineSchema({
    tables: [
      {
        name: 't',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'tags', type: 'integer[]' },
          { name: 'at', type: 'time with time zone' },
          { name: 'email', type: 'varchar(80)' },
        ],
        constraints: [
          { type: 'primary_key', name: 't_pkey', columns: ['id'] },
          { type: 'unique', columns: ['email'], nullsNotDistinct: true },
        ],
        indexes: [
          { name: 'ix_live', columns: ['email'], where: 'id > 0' },
          { name: 'ix_recent', columns: [{ column: 'at', descending: true }] },
          { name: 'ix_tags', columns: ['tags'], using: 'gin' },
        ],
      },
    ],
  })

  it('lists what MySQL or drizzle cannot express, in the module and the result', () => {
    const { source, warnings } = toDrizzle(awkward, { dialect: 'mysql' })
    expect(warnings).toEqual([
      'tables[0].columns[1]: MySQL has no array types; kept as written',
      "tables[0].columns[2]: MySQL's TIME has no time zone; written without",
      'tables[0].constraints[0]: MySQL names every primary key PRIMARY; written unnamed',
      'tables[0].constraints[1]: NULLS NOT DISTINCT is PostgreSQL only; not written',
      'tables[0].indexes[0]: MySQL has no partial indexes; the WHERE clause is not written',
      'tables[0].indexes[1]: ordering and operator classes of MySQL index columns are not written',
      'tables[0].indexes[2]: USING gin is not written (drizzle knows btree and hash)',
    ])
    for (const w of warnings) expect(source).toContain(`// Not expressed: ${w}`)
    expect(source).toContain("    id: int('id').primaryKey(),")
    expect(source).toContain("unique('t_email_key').on(t.email)")
  })

  it('writes named enums inline, as MySQL stores them', () => {
    const doc = defineSchema({
      enums: [{ name: 'mood', values: ['happy', "it's"] }],
      tables: [{ name: 't', columns: [{ name: 'feeling', type: 'mood' }] }],
    })
    expect(toDrizzle(doc, { dialect: 'mysql' }).source).toContain(
      "    feeling: mysqlEnum('feeling', ['happy', \"it's\"]),",
    )
  })

  it('rejects two tables that become one variable, naming both', () => {
    const doc = defineSchema({
      tables: [
        { name: 'user-roles', columns: [{ name: 'id', type: 'integer' }] },
        { name: 'user roles', columns: [{ name: 'id', type: 'integer' }] },
      ],
    })
    expect(() => toDrizzle(doc, { dialect: 'mysql' })).toThrowError(
      'table "user-roles" and table "user roles" both become the identifier userRoles; rename one of them',
    )
  })
})
