import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CodegenError } from '../../src/codegen/index.js'
import { toSQLAlchemy } from '../../src/codegen/to-sqlalchemy.js'
import type { Schema } from '../../src/index.js'
import { defineSchema, parseSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { assertSchemaEqual } from '../../src/testing/index.js'
import { sqlJsQuery } from '../../src/verify/embedded-engines.js'
import { REPO_ROOT } from '../docs/block-sandbox.js'
import { extractCodeBlocks } from '../docs/markdown-code-blocks.js'
import { seedV2ForSqlite } from '../fixtures/seed-for-sqlite.js'

// The generated module is run by the real SQLAlchemy: it must import, metadata.create_all() must
// build the schema on SQLite and PostgreSQL, and the database read back must equal the document.
// The project's export recipe (docs/recipes.md) run on the module must give the document back too.

const python = (exe: string, code: string) => spawnSync(exe, ['-c', code], { encoding: 'utf8', timeout: 30_000 })
const candidates = [process.env.SCHEMALEDGER_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)
const PYTHON = candidates.find((exe) => python(exe, 'import sqlalchemy').status === 0)
const VERSION = PYTHON ? python(PYTHON, 'import sqlalchemy; print(sqlalchemy.__version__)').stdout.trim() : ''
const noPython = PYTHON ? undefined : `no Python with SQLAlchemy found (tried ${candidates.join(', ')})`
// Mapped / mapped_column / DeclarativeBase arrived in SQLAlchemy 2.0.
const noOrm =
  noPython ??
  (Number(VERSION.split('.')[0]) >= 2
    ? undefined
    : `ORM style needs SQLAlchemy 2.0 (DeclarativeBase, Mapped, mapped_column); ${PYTHON} has ${VERSION}. ` +
      'Set SCHEMALEDGER_PYTHON to a Python with 2.0 to run it (SCHEMALEDGER_PYTHON=$(scripts/sqlalchemy2.sh) ' +
      "unpacks Debian trixie's python3-sqlalchemy under .cache/ without installing it); " +
      "its structure is still checked below with Python's own parser")
const PG_URL = process.env.SCHEMALEDGER_PG_URL
const noPsycopg =
  noPython ?? (python(PYTHON as string, 'import psycopg2').status === 0 ? undefined : 'psycopg2 is not importable')
const noServer = noPsycopg ?? (PG_URL ? undefined : 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server')
const skipOf = (...reasons: (string | undefined)[]) => reasons.find((r) => r !== undefined)
const title = (text: string, skip: string | undefined) => (skip ? `${text} (skipped: ${skip})` : text)

const work = mkdtempSync(join(tmpdir(), 'schemaledger-sqlalchemy-codegen-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const readJson = (path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
const DOCS = {
  seed: parseSchema(readJson('test/fixtures/seed-v2.json')),
  postgres: parseSchema(readJson('test/codegen/fixtures/sqlalchemy-postgres.json')),
  sqlite: parseSchema(readJson('test/codegen/fixtures/sqlalchemy-sqlite.json')),
  // The seed story as a SQLite user writes it (no enum type, an INTEGER key).
  seedSqlite: seedV2ForSqlite(),
}

let modules = 0
/** Writes a generated module to the scratch directory; returns its module name. */
function writeModule(source: string): string {
  const name = `generated_${modules++}`
  writeFileSync(join(work, `${name}.py`), source)
  return name
}

const runPython = (code: string, ...argv: string[]) =>
  execFileSync(PYTHON as string, ['-c', code, ...argv], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: work },
    timeout: 60_000,
  })

const CREATE_ALL = [
  'import importlib, sys, sqlalchemy as sa',
  'module = importlib.import_module(sys.argv[1])',
  "module.metadata.create_all(sa.create_engine(sys.argv[2].replace('postgres://', 'postgresql+psycopg2://', 1)))",
].join('\n')

/** Runs the recipe's exporter on a generated module and parses its output. */
function exportWithRecipe(module: string): Schema {
  const recipe = 'docs/recipes.md'
  const blocks = extractCodeBlocks(readFileSync(join(REPO_ROOT, recipe), 'utf8'), recipe)
  const exporter = blocks.find((b) => b.language === 'python' && b.code.includes('def metadata_to_document('))
  writeFileSync(join(work, 'export_schema.py'), exporter?.code ?? '')
  const stdout = execFileSync(PYTHON as string, [join(work, 'export_schema.py'), module], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: work },
    timeout: 60_000,
  })
  return parseSchema(JSON.parse(stdout))
}

async function createOnPostgres(module: string): Promise<Schema> {
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  const database = `sl_sa_codegen_${randomBytes(4).toString('hex')}`
  await admin.query(`CREATE DATABASE ${database}`)
  try {
    const url = new URL(PG_URL as string)
    url.pathname = `/${database}`
    runPython(CREATE_ALL, module, url.toString())
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try {
      return await introspect(async (sql, params) => (await client.query(sql, params ? [...params] : [])).rows, {
        dialect: 'postgres',
      })
    } finally {
      await client.end()
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
    await admin.end()
  }
}

async function createOnSqlite(module: string): Promise<Schema> {
  const file = join(work, `${module}.sqlite`)
  runPython(CREATE_ALL, module, `sqlite:///${file}`)
  const initSqlJs = (await import('sql.js')).default
  const SQL = await initSqlJs()
  const db = new SQL.Database(readFileSync(file))
  try {
    return await introspect(sqlJsQuery(db), { dialect: 'sqlite' })
  } finally {
    db.close()
  }
}

const STYLES = [
  { style: 'core', skip: noPython },
  { style: 'orm', skip: noOrm },
] as const

describe.each(STYLES)('toSQLAlchemy $style style, run by SQLAlchemy', ({ style, skip }) => {
  for (const fixture of ['seed', 'postgres'] as const) {
    const doc = DOCS[fixture]
    it.skipIf(!!skipOf(skip, noServer))(
      title(`${fixture}: create_all on PostgreSQL builds exactly the document`, skipOf(skip, noServer)),
      { timeout: 120_000 },
      async () => {
        const module = writeModule(toSQLAlchemy(doc, { style }).source)
        assertSchemaEqual(await createOnPostgres(module), doc)
      },
    )
    it.skipIf(!!skip)(title(`${fixture}: the export recipe gives the document back`, skip), { timeout: 60_000 }, () => {
      const module = writeModule(toSQLAlchemy(doc, { style }).source)
      assertSchemaEqual(exportWithRecipe(module), doc)
    })
  }
  for (const fixture of ['seedSqlite', 'sqlite'] as const) {
    const doc = DOCS[fixture]
    it.skipIf(!!skip)(
      title(`${fixture}: create_all on SQLite builds exactly the document`, skip),
      { timeout: 60_000 },
      async () => {
        const module = writeModule(toSQLAlchemy(doc, { style, dialect: 'sqlite' }).source)
        assertSchemaEqual(await createOnSqlite(module), doc)
      },
    )
    it.skipIf(!!skip)(title(`${fixture}: the export recipe gives the document back`, skip), { timeout: 60_000 }, () => {
      const module = writeModule(toSQLAlchemy(doc, { style, dialect: 'sqlite' }).source)
      assertSchemaEqual(exportWithRecipe(module), doc)
    })
  }
})

// The ORM module's structure, read by Python's own parser (no SQLAlchemy needed): per class, its
// table name, each mapped_column's database name and whether its annotation is Optional, and how many
// of each constraint and index call __table_args__ holds.
const ORM_STRUCTURE = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
out = []
for node in tree.body:
    if not isinstance(node, ast.ClassDef) or not any(getattr(b, "id", None) == "Base" for b in node.bases):
        continue
    entry = {"class": node.name, "columns": [], "args": {}}
    for item in node.body:
        if isinstance(item, ast.Assign) and item.targets[0].id == "__tablename__":
            entry["table"] = item.value.value
        if isinstance(item, ast.Assign) and item.targets[0].id == "__table_args__":
            for arg in item.value.elts:
                if isinstance(arg, ast.Call):
                    entry["args"][arg.func.attr] = entry["args"].get(arg.func.attr, 0) + 1
        if isinstance(item, ast.AnnAssign) and isinstance(item.value, ast.Call) and item.value.func.id == "mapped_column":
            optional = isinstance(item.annotation.slice, ast.Subscript) and item.annotation.slice.value.id == "Optional"
            entry["columns"].append([item.target.id, item.value.args[0].value, optional])
    out.append(entry)
print(json.dumps(out))
`
const PARSER = candidates.find((exe) => python(exe, 'import ast').status === 0)

const compiles = (source: string) => {
  const file = join(work, `compiled_${modules++}.py`)
  writeFileSync(file, source)
  return spawnSync(PYTHON ?? 'python3', ['-m', 'py_compile', file], { encoding: 'utf8' })
}

describe('toSQLAlchemy source', () => {
  const awkward = defineSchema({
    enums: [{ name: 'str', values: ['a'] }],
    tables: [
      {
        name: 'order lines',
        schema: 'billing',
        columns: [
          { name: 'id', type: 'integer', nullable: false },
          { name: 'order id', type: 'integer', nullable: false },
          { name: 'class', type: 'text' },
          { name: 'int', type: 'str' },
          { name: 'uuid', type: 'uuid' },
          { name: 'metadata', type: 'jsonb' },
          { name: '2fa', type: 'boolean', collation: 'C' },
        ],
        constraints: [
          { type: 'primary_key', columns: ['id'] },
          {
            type: 'foreign_key',
            columns: ['order id'],
            referencedTable: 'orders',
            referencedSchema: 'billing',
            referencedColumns: ['id'],
          },
          { type: 'unique', columns: ['class'], nullsNotDistinct: true },
        ],
      },
      {
        name: 'orders',
        schema: 'billing',
        columns: [{ name: 'id', type: 'integer', nullable: false }],
        constraints: [{ type: 'primary_key', columns: ['id'] }],
      },
    ],
  })

  it('keeps database names in strings and maps only Python identifiers', () => {
    const { source } = toSQLAlchemy(awkward, { style: 'orm' })
    expect(source).toContain('class BillingOrderLines(Base):')
    expect(source).toContain('    order_id: Mapped[int] = mapped_column("order id", sa.Integer, nullable=False)')
    expect(source).toContain('    class_: Mapped[Optional[str]] = mapped_column("class", sa.Text)')
    // `int` and `uuid` would hide the names later annotations use; `metadata` is SQLAlchemy's.
    expect(source).toContain('    int_: Mapped[Optional[str]] = mapped_column("int", str_enum)')
    expect(source).toContain('    uuid_: Mapped[Optional[uuid.UUID]] = mapped_column("uuid", postgresql.UUID)')
    expect(source).toContain('    metadata_: Mapped[Optional[Any]] = mapped_column("metadata", postgresql.JSONB)')
    expect(source).toContain('    _2fa: Mapped[Optional[bool]] = mapped_column("2fa", sa.Boolean)')
    expect(source).toContain('sa.ForeignKeyConstraint(["order id"], ["billing.orders.id"])')
    expect(source).toContain('{"schema": "billing"}')
  })

  it.skipIf(!!noPython)(title('writes modules Python compiles, in both styles and every dialect', noPython), () => {
    for (const style of ['core', 'orm'] as const) {
      for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
        for (const doc of [awkward, ...Object.values(DOCS)]) {
          const result = compiles(toSQLAlchemy(doc, { style, dialect }).source)
          expect(result.stderr, `${style} ${dialect}`).toBe('')
          expect(result.status).toBe(0)
        }
      }
    }
  })

  it.skipIf(!PARSER)(
    title('ORM modules have one class per table and one mapped_column per column', PARSER ? undefined : 'no Python'),
    () => {
      for (const [fixture, doc] of Object.entries(DOCS)) {
        const dialect = fixture.toLowerCase().includes('sqlite') ? 'sqlite' : 'postgres'
        const file = join(work, `structure_${modules++}.py`)
        writeFileSync(file, toSQLAlchemy(doc, { style: 'orm', dialect }).source)
        const classes = JSON.parse(execFileSync(PARSER as string, ['-c', ORM_STRUCTURE, file], { encoding: 'utf8' }))
        expect(
          classes.map((c: { table: string }) => c.table),
          fixture,
        ).toEqual(doc.tables.map((t) => t.name))
        for (const [i, t] of doc.tables.entries()) {
          const c = classes[i] as { columns: [string, string, boolean][]; args: Record<string, number> }
          expect(
            c.columns.map(([, name, optional]) => [name, optional]),
            `${fixture} ${t.name}`,
          ).toEqual(t.columns.map((col) => [col.name, col.nullable]))
          const count = (type: string) => t.constraints.filter((k) => k.type === type).length
          const expected = {
            PrimaryKeyConstraint: count('primary_key'),
            UniqueConstraint: count('unique'),
            CheckConstraint: count('check'),
            ForeignKeyConstraint: count('foreign_key'),
            Index: t.indexes.length,
          }
          expect(
            Object.fromEntries(Object.keys(expected).map((k) => [k, c.args[k] ?? 0])),
            `${fixture} ${t.name}`,
          ).toEqual(expected)
        }
      }
    },
  )

  it('lists what it cannot write, in the result and in the module', () => {
    const { source, warnings } = toSQLAlchemy(awkward)
    expect(warnings).toEqual([
      'tables[0].columns[6]: collation C is not written (SQLAlchemy puts it on the type)',
      "tables[0].constraints[1]: NULLS NOT DISTINCT needs SQLAlchemy 2.0.14's postgresql_nulls_not_distinct; not written",
    ])
    for (const w of warnings) expect(source).toContain(`# Not expressed: ${w}`)
  })

  it('rejects two tables that become one variable, naming both', () => {
    const doc = defineSchema({
      tables: [
        { name: 'user-roles', columns: [{ name: 'id', type: 'integer' }] },
        { name: 'user_roles', columns: [{ name: 'id', type: 'integer' }] },
      ],
    })
    expect(() => toSQLAlchemy(doc)).toThrowError(
      new CodegenError(
        'identifier_collision',
        'table "user_roles" and table "user-roles" both become the identifier user_roles; rename one of them',
      ),
    )
  })

  it('rejects two columns that become one attribute, naming both', () => {
    const doc = defineSchema({
      tables: [
        {
          name: 't',
          columns: [
            { name: 'a b', type: 'integer', nullable: false },
            { name: 'a_b', type: 'integer' },
          ],
          constraints: [{ type: 'primary_key', columns: ['a b'] }],
        },
      ],
    })
    expect(() => toSQLAlchemy(doc, { style: 'orm' })).toThrowError(
      'column "t.a_b" and column "t.a b" both become the identifier a_b in class T; rename one of them',
    )
  })

  it('rejects an unknown style', () => {
    expect(() => toSQLAlchemy(DOCS.seed, { style: 'classic' as 'core' })).toThrowError(/style/)
  })
})
