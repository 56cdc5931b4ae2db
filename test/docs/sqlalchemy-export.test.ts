import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defineSchema, parseSchema, serializeSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { REPO_ROOT } from './block-sandbox.js'
import { extractCodeBlocks } from './markdown-code-blocks.js'

// The Python exporter of docs/recipes.md ("SQLAlchemy: export a MetaData to a document"), run on the
// models in fixtures/sqlalchemy_models.py. Its output must be exactly the expected document, and, when
// psycopg2 and a PostgreSQL server are available, describe exactly the database that
// metadata.create_all() creates there. Needs a Python with SQLAlchemy (1.4 or 2.0): set
// SCHEMALEDGER_PYTHON, or have it importable from python3 or /usr/bin/python3.

const FIXTURES = join(REPO_ROOT, 'test/docs/fixtures')
const RECIPE = 'docs/recipes.md'

const python = (exe: string, code: string) => spawnSync(exe, ['-c', code], { encoding: 'utf8', timeout: 30_000 })
const candidates = [process.env.SCHEMALEDGER_PYTHON, 'python3', '/usr/bin/python3', 'python'].filter(
  (p): p is string => !!p,
)
const PYTHON = candidates.find((exe) => python(exe, 'import sqlalchemy').status === 0)
const noPython = PYTHON
  ? undefined
  : `no Python with SQLAlchemy found (tried ${candidates.join(', ')}; set SCHEMALEDGER_PYTHON)`
const noPsycopg =
  noPython ??
  (python(PYTHON as string, 'import psycopg2').status === 0 ? undefined : `${PYTHON} cannot import psycopg2`)
const PG_URL = process.env.SCHEMALEDGER_PG_URL
const noServer = noPsycopg ?? (PG_URL ? undefined : 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server')
const title = (text: string, skip: string | undefined) => (skip ? `${text} (skipped: ${skip})` : text)

const work = mkdtempSync(join(tmpdir(), 'schemaledger-sqlalchemy-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The recipe's exporter, as the reader copies it from the page. */
function writeExporter(): string {
  const blocks = extractCodeBlocks(readFileSync(join(REPO_ROOT, RECIPE), 'utf8'), RECIPE)
  const exporter = blocks.filter((b) => b.language === 'python' && b.code.includes('def metadata_to_document('))
  expect(exporter, `${RECIPE} has one python block defining metadata_to_document`).toHaveLength(1)
  const file = join(work, 'export_schema.py')
  writeFileSync(file, exporter[0]?.code ?? '')
  return file
}

/** Runs the exporter as the recipe says: `python export_schema.py <models module>`. */
function exportModels(): Record<string, unknown> {
  const stdout = execFileSync(PYTHON as string, [writeExporter(), 'sqlalchemy_models'], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: FIXTURES },
    timeout: 60_000,
  })
  return JSON.parse(stdout)
}

const id = (type: string) => ({ name: 'id', type, nullable: false })
const EXPECTED = defineSchema({
  enums: [{ name: 'user_role', values: ['admin', 'member'] }],
  tables: [
    {
      name: 'orgs',
      comment: 'Customer organisations',
      columns: [
        { ...id('integer'), autoincrement: true },
        { name: 'name', type: 'varchar(100)', nullable: false },
      ],
      constraints: [
        { type: 'primary_key', name: 'pk_orgs', columns: ['id'] },
        { type: 'unique', name: 'uq_orgs_name', columns: ['name'] },
      ],
    },
    {
      name: 'users',
      columns: [
        { ...id('bigint'), identity: { generation: 'always', start: 100 } },
        { name: 'org_id', type: 'integer', nullable: false },
        { name: 'email', type: 'varchar(120)', nullable: false, default: "''" },
        { name: 'role', type: 'user_role', nullable: false, default: "'member'" },
        { name: 'active', type: 'boolean', nullable: false, default: 'true' },
        { name: 'created_at', type: 'timestamp with time zone', nullable: false, default: 'now()' },
        { name: 'score', type: 'decimal(10,2)', comment: 'Reputation' },
        { name: 'tags', type: 'text[]' },
        { name: 'settings', type: 'jsonb', default: "'{}'::jsonb" },
        { name: 'email_lower', type: 'varchar(120)', generated: { expression: 'lower(email)', stored: true } },
      ],
      constraints: [
        { type: 'primary_key', name: 'pk_users', columns: ['id'] },
        { type: 'unique', name: 'uq_users_org_id', columns: ['org_id', 'email'] },
        {
          type: 'foreign_key',
          name: 'fk_users_org_id_orgs',
          columns: ['org_id'],
          referencedTable: 'orgs',
          referencedColumns: ['id'],
          onDelete: 'cascade',
        },
        { type: 'check', name: 'ck_users_score', expression: 'score >= 0' },
      ],
      indexes: [
        { name: 'ix_users_active_email', columns: ['email'], where: 'active' },
        { name: 'ix_users_lower_email', columns: [{ expression: 'lower(email)' }], unique: true },
        { name: 'ix_users_org_id', columns: ['org_id'] },
      ],
    },
    {
      name: 'invoices',
      schema: 'billing',
      columns: [
        {
          ...id('bigint'),
          identity: { generation: 'by_default', start: 1, increment: 2, maxValue: 1000000, cache: 5, cycle: true },
        },
        { name: 'number', type: 'integer', nullable: false, default: "nextval('invoice_numbers')" },
        { name: 'org_id', type: 'integer', nullable: false },
      ],
      constraints: [
        { type: 'primary_key', name: 'pk_invoices', columns: ['id'] },
        {
          type: 'foreign_key',
          name: 'fk_invoices_org_id_orgs',
          columns: ['org_id'],
          referencedSchema: 'public',
          referencedTable: 'orgs',
          referencedColumns: ['id'],
        },
      ],
    },
  ],
  namespaces: [{ name: 'billing' }],
  sequences: [{ name: 'invoice_numbers', start: '1000', increment: '5', minValue: '1000', cache: '10' }],
})

describe('SQLAlchemy export recipe (docs/recipes.md)', () => {
  it.skipIf(!!noPython)(title('writes exactly the expected document for the fixture models', noPython), () => {
    const exported = parseSchema(exportModels())
    expect(serializeSchema(exported)).toBe(serializeSchema(EXPECTED))
  })

  it.skipIf(!!noServer)(
    title('describes exactly what metadata.create_all() creates on PostgreSQL', noServer),
    { timeout: 120_000 },
    async () => {
      const pg = (await import('pg')).default
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      const database = `sl_sqlalchemy_${randomBytes(4).toString('hex')}`
      await admin.query(`CREATE DATABASE ${database}`)
      try {
        const url = new URL(PG_URL as string)
        url.pathname = `/${database}`
        const create = [
          'import sys, sqlalchemy as sa, sqlalchemy_models as m',
          "m.metadata.create_all(sa.create_engine(sys.argv[1].replace('postgres://', 'postgresql+psycopg2://', 1)))",
        ].join('\n')
        execFileSync(PYTHON as string, ['-c', create, url.toString()], {
          env: { ...process.env, PYTHONPATH: FIXTURES },
          timeout: 60_000,
        })
        const client = new pg.Client({ connectionString: url.toString() })
        await client.connect()
        try {
          const live = await introspect(
            async (sql, params) => (await client.query(sql, params ? [...params] : [])).rows,
            {
              dialect: 'postgres',
            },
          )
          assertSchemaEqual(live, exportModels())
        } finally {
          await client.end()
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
        await admin.end()
      }
    },
  )
})
