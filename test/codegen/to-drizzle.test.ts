import { readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api'
import { afterAll, describe, expect, it } from 'vitest'
import { toDrizzle } from '../../src/codegen/to-drizzle.js'
import type { Schema } from '../../src/index.js'
import { defineSchema, parseSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { REPO_ROOT } from '../docs/block-sandbox.js'
import { scratch } from './codegen-support.js'

// The generated module is judged by drizzle itself: it must type-check under `tsc --strict`, and
// drizzle-kit's own migration generator, from an empty snapshot, must write SQL that builds exactly
// the document on PGlite.

const project = scratch()
symlinkSync(join(REPO_ROOT, 'node_modules', 'drizzle-orm'), join(project.dir, 'node_modules', 'drizzle-orm'), 'dir')
afterAll(() => project.remove())

const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
const DOCS = {
  seed: parseSchema(readJson('test/fixtures/seed-v2.json')),
  postgres: parseSchema(readJson('test/codegen/fixtures/sqlalchemy-postgres.json')),
}

/** The document without what drizzle cannot express (listed in the module's warnings). */
function expressible(schema: Schema): Schema {
  const strip = <T extends { comment?: string }>(x: T): T => {
    const { comment: _, ...rest } = x
    return rest as T
  }
  return {
    ...schema,
    tables: schema.tables.map((t) => ({
      ...strip(t),
      columns: t.columns.map(strip),
      constraints: t.constraints.map(({ deferrable: _d, initiallyDeferred: _i, ...c }) => c),
    })),
  }
}

let files = 0
async function migrationSql(source: string): Promise<string[]> {
  const file = `schema_${files++}.ts`
  const path = project.write(file, source)
  // Drizzle's own declarations need skipLibCheck (its gel and mysql types do not compile alone).
  const checked = await project.tsc([path], ['--skipLibCheck'])
  expect(checked.output).toBe('')
  expect(checked.code).toBe(0)
  const module = await project.importTs(file, source)
  return generateMigration(generateDrizzleJson({}), generateDrizzleJson(module))
}

describe('toDrizzle postgres, judged by drizzle-kit and PGlite', () => {
  for (const fixture of ['seed', 'postgres'] as const) {
    it(`${fixture}: type-checks, and drizzle-kit's migration builds exactly the document`, {
      timeout: 120_000,
    }, async () => {
      const doc = DOCS[fixture]
      const statements = await migrationSql(toDrizzle(doc).source)
      const db = new PGlite()
      try {
        for (const statement of statements) await db.exec(statement)
        const live = await introspect(
          async (sql, params) => (await db.query(sql, params ? [...params] : [])).rows as Record<string, unknown>[],
          {
            dialect: 'postgres',
          },
        )
        assertSchemaEqual(live, expressible(doc))
      } finally {
        await db.close()
      }
    })
  }
})

describe('toDrizzle source', () => {
  it('lists what drizzle cannot express, in the module and the result', () => {
    const { source, warnings } = toDrizzle(DOCS.postgres)
    expect(warnings).toEqual([
      'tables[0]: drizzle has no table comments; not written',
      'tables[0].columns[9]: drizzle has no column comments; not written',
      'tables[1]: drizzle has no table comments; not written',
      'tables[1].constraints[2]: drizzle has no DEFERRABLE constraints; not written',
    ])
    for (const w of warnings) expect(source).toContain(`// Not expressed: ${w}`)
  })

  it('maps names to identifiers and keeps database names in the builders', () => {
    const { source } = toDrizzle(DOCS.postgres)
    expect(source).toContain("    orderId: varchar('order id', { length: 20 }),")
    expect(source).toContain("export const moodEnum = pgEnum('mood', ['happy', 'sad', \"it's complicated\"])")
  })

  it('rejects two columns that become one property, naming both', () => {
    const doc = defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'order id', type: 'integer' },
            { name: 'order_id', type: 'integer' },
          ],
        },
      ],
    })
    expect(() => toDrizzle(doc)).toThrowError(
      'column "order_id" and column "order id" both become the identifier orderId in table t; rename one of them',
    )
  })
})
