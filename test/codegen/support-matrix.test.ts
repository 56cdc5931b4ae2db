import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toDrizzle } from '../../src/codegen/to-drizzle.js'
import { toPrisma } from '../../src/codegen/to-prisma.js'
import { toSQLAlchemy } from '../../src/codegen/to-sqlalchemy.js'
import type { SchemaDefinition } from '../../src/index.js'
import { defineSchema } from '../../src/index.js'
import { REPO_ROOT } from '../docs/block-sandbox.js'
import { UPDATE } from './codegen-support.js'

// The support matrix of docs/codegen.md is generated here, from what the generators do: each row is a
// small schema with one feature, each column a target and dialect; a cell is "yes" when the output
// has no warning beyond the bare table's, "listed" when the feature lands in the warnings (not
// written, or written another way, as the module's header says). UPDATE_GOLDEN=1 rewrites the block.

type Extra = Partial<SchemaDefinition['tables'][number]> & { enums?: SchemaDefinition['enums'] }

const base = (extra: Extra = {}) => {
  const { enums = [], ...table } = extra
  return defineSchema({
    enums,
    tables: [
      {
        name: 't',
        columns: [{ name: 'id', type: 'integer', nullable: false }, ...(table.columns ?? [])],
        constraints: [{ type: 'primary_key', columns: ['id'] }, ...(table.constraints ?? [])],
        indexes: table.indexes ?? [],
        ...(table.comment ? { comment: table.comment } : {}),
        ...(table.schema ? { schema: table.schema } : {}),
      },
      {
        name: 'other',
        ...(table.schema ? { schema: table.schema } : {}),
        columns: [
          { name: 'a', type: 'integer', nullable: false },
          { name: 'b', type: 'integer', nullable: false },
        ],
        constraints: [{ type: 'primary_key', columns: ['a', 'b'] }],
      },
    ],
  })
}

const col = (name: string, type: string, more: object = {}) => ({ columns: [{ name, type, ...more }] })

const FEATURES: [string, Extra][] = [
  ['composite primary key', {}],
  ['unique constraint', { ...col('u', 'integer'), constraints: [{ type: 'unique', columns: ['u'] }] }],
  ['check constraint', { constraints: [{ type: 'check', name: 't_id_check', expression: 'id > 0' }] }],
  [
    'foreign key with ON DELETE / ON UPDATE',
    {
      ...col('a', 'integer'),
      constraints: [
        {
          type: 'foreign_key',
          name: 't_a_fkey',
          columns: ['a', 'id'],
          referencedTable: 'other',
          referencedColumns: ['a', 'b'],
          onDelete: 'cascade',
          onUpdate: 'restrict',
        },
      ],
    },
  ],
  [
    'deferrable foreign key',
    {
      ...col('a', 'integer'),
      constraints: [
        {
          type: 'foreign_key',
          name: 't_a_fkey',
          columns: ['a', 'id'],
          referencedTable: 'other',
          referencedColumns: ['a', 'b'],
          deferrable: true,
        },
      ],
    },
  ],
  ['index', { ...col('u', 'integer'), indexes: [{ name: 'ix_t_u', columns: ['u', 'id'] }] }],
  ['descending index key', { indexes: [{ name: 'ix_t_id', columns: [{ column: 'id', descending: true }] }] }],
  ['partial index (WHERE)', { indexes: [{ name: 'ix_t_id', columns: ['id'], where: 'id > 0' }] }],
  ['expression index', { indexes: [{ name: 'ix_t_expr', columns: [{ expression: '(id + 1)' }] }] }],
  ['SQL default', col('d', 'integer', { default: '1 + 1' })],
  ['autoincrement', { columns: [{ name: 'n', type: 'integer', nullable: false, autoincrement: true }] }],
  ['identity column', col('n', 'bigint', { nullable: false, identity: { generation: 'always' } })],
  ['stored generated column', col('g', 'integer', { generated: { expression: 'id * 2', stored: true } })],
  ['named enum type', { enums: [{ name: 'mood', values: ['a', 'b'] }], ...col('m', 'mood') }],
  ['inline enum', col('m', "enum('a','b')")],
  ['array column', col('xs', 'integer[]')],
  ['unsigned integer', col('n', 'integer unsigned')],
  ['type without a target class (inet)', col('ip', 'inet')],
  ['table comment', { comment: 'About t.' }],
  ['column comment', col('c', 'text', { comment: 'About c.' })],
  ['column collation', col('c', 'text', { collation: 'C' })],
  ['table namespace (schema)', { schema: 'app' }],
]

const TARGETS: [string, (d: ReturnType<typeof base>) => { warnings: readonly string[] }][] = [
  ['SQLAlchemy postgres', (d) => toSQLAlchemy(d, { dialect: 'postgres' })],
  ['SQLAlchemy mysql', (d) => toSQLAlchemy(d, { dialect: 'mysql' })],
  ['SQLAlchemy sqlite', (d) => toSQLAlchemy(d, { dialect: 'sqlite' })],
  ['Prisma postgresql', (d) => toPrisma(d, { provider: 'postgresql' })],
  ['Prisma mysql', (d) => toPrisma(d, { provider: 'mysql' })],
  ['Prisma sqlite', (d) => toPrisma(d, { provider: 'sqlite' })],
  ['drizzle postgres', (d) => toDrizzle(d, { dialect: 'postgres' })],
  ['drizzle mysql', (d) => toDrizzle(d, { dialect: 'mysql' })],
  ['drizzle sqlite', (d) => toDrizzle(d, { dialect: 'sqlite' })],
]

function cell(generate: (d: ReturnType<typeof base>) => { warnings: readonly string[] }, extra: Extra): string {
  const baseline = new Set(generate(base()).warnings)
  try {
    return generate(base(extra)).warnings.some((w) => !baseline.has(w)) ? 'listed' : 'yes'
  } catch {
    return 'error'
  }
}

function matrix(): string {
  const header = `| Feature | ${TARGETS.map(([name]) => name).join(' | ')} |`
  const rule = `| --- | ${TARGETS.map(() => ':-:').join(' | ')} |`
  const rows = FEATURES.map(
    ([feature, extra]) => `| ${feature} | ${TARGETS.map(([, g]) => cell(g, extra)).join(' | ')} |`,
  )
  return [header, rule, ...rows].join('\n')
}

const DOC = join(REPO_ROOT, 'docs', 'codegen.md')
const START = '<!-- support-matrix:start -->\n'
const END = '\n<!-- support-matrix:end -->'

describe('docs/codegen.md support matrix', () => {
  it('is what the generators do (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = readFileSync(DOC, 'utf8')
    const from = text.indexOf(START)
    const to = text.indexOf(END)
    expect(from, 'the markers are in docs/codegen.md').toBeGreaterThan(-1)
    const actual = matrix()
    if (UPDATE) writeFileSync(DOC, text.slice(0, from + START.length) + actual + text.slice(to))
    expect(readFileSync(DOC, 'utf8').slice(from + START.length, readFileSync(DOC, 'utf8').indexOf(END))).toBe(actual)
  })

  it('never leaves a base table with warnings, so every cell says something', () => {
    for (const [name, generate] of TARGETS) expect(generate(base()).warnings, name).toEqual([])
  })
})
