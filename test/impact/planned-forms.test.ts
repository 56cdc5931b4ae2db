import { describe, expect, it } from 'vitest'
import { indexesConcurrently, validatesAfterCommit } from '../../src/dialects/postgres/lock-forms.js'
import { analyzeImpact, type DialectImpactFacts } from '../../src/impact/index.js'
import { diffSchemas } from '../../src/index.js'
import { defineDialect, impactFacts, resolveDialect, type Statement } from '../../src/sql/index.js'
import { base, blog, check, nameIndex, unlinked } from './rule-case-kit.js'
import { lines, users } from './schemas.js'

// The lock rules drop a finding only when the statements the plan writes take the safe form: an
// option the caller passed is not enough (a dialect may ignore it, or write it so the lock stays).

const postgres = resolveDialect('postgres')
const facts = impactFacts.postgres as DialectImpactFacts

/** PostgreSQL as a dialect that honours an option in the SQL but not in the transactions. */
const sameTransaction = defineDialect({
  ...postgres,
  generators: {
    ...postgres.generators,
    add_constraint: (change, ctx) =>
      postgres.generators.add_constraint(change, ctx).map(({ transactional: _t, reason: _r, ...d }) => d),
  },
})
/** PostgreSQL as a dialect that ignores `concurrently`. */
const neverConcurrent = defineDialect({
  ...postgres,
  generators: {
    ...postgres.generators,
    add_index: (change, ctx) => postgres.generators.add_index(change, { ...ctx, options: {} }),
    drop_index: (change, ctx) => postgres.generators.drop_index(change, { ...ctx, options: {} }),
  },
})

const codes = (report: ReturnType<typeof analyzeImpact>, ...wanted: string[]) =>
  lines(report.findings.filter((f) => wanted.includes(f.code)))

describe('lock findings follow the planned statements', () => {
  const fk = diffSchemas(blog(users(), unlinked), base)
  const ck = diffSchemas(base, blog(check('id > 0')))

  it('LK006/LK007 go when NOT VALID is validated after the commit', () => {
    const plan = { notValid: true }
    expect(codes(analyzeImpact(fk, { dialect: 'postgres', from: blog(users(), unlinked), plan }), 'LK006')).toEqual([])
    expect(codes(analyzeImpact(ck, { dialect: 'postgres', from: base, plan }), 'LK007')).toEqual([])
  })

  it('LK006/LK007 stay when VALIDATE shares the ADD transaction, which keeps the lock through the scan', () => {
    const plan = { notValid: true }
    const from = blog(users(), unlinked)
    expect(codes(analyzeImpact(fk, { dialect: sameTransaction, facts, from, plan }), 'LK006')).toEqual([
      'warning LK006 posts.posts_user_id_fkey',
    ])
    expect(codes(analyzeImpact(ck, { dialect: sameTransaction, facts, from: base, plan }), 'LK007')).toEqual([
      'warning LK007 users.ck_users',
    ])
  })

  it('LK001/LK002 stay when the dialect builds the index without CONCURRENTLY despite the option', () => {
    const plan = { concurrently: true }
    const built = diffSchemas(base, blog(nameIndex))
    const dropped = diffSchemas(blog(nameIndex), base)
    const report = (diff: typeof built, from: typeof base) =>
      codes(analyzeImpact(diff, { dialect: neverConcurrent, facts, from, plan }), 'LK001', 'LK002')
    expect(report(built, base)).toEqual(['warning LK001 users.ix_users_name'])
    expect(report(dropped, blog(nameIndex))).toEqual(['warning LK002 users.ix_users_name'])
    const real = (diff: typeof built, from: typeof base) =>
      codes(analyzeImpact(diff, { dialect: 'postgres', from, plan }), 'LK001', 'LK002')
    expect(real(built, base)).toEqual([])
    expect(real(dropped, blog(nameIndex))).toEqual([])
  })
})

const statement = (sql: string, transactional = true): Statement => ({ sql, destructive: false, transactional })

describe('validatesAfterCommit', () => {
  const add = 'ALTER TABLE "a" ADD CONSTRAINT "c" CHECK (x > 0) NOT VALID'
  const validate = 'ALTER TABLE "a" VALIDATE CONSTRAINT "c"'
  it.each([
    ['NOT VALID, then VALIDATE after the commit', [statement(add), statement(validate, false)], true],
    ['both in one transaction', [statement(add), statement(validate)], false],
    [
      'split by a statement outside the transaction',
      [statement(add), statement('CREATE INDEX CONCURRENTLY "i" ON "a" ("x")', false), statement(validate)],
      true,
    ],
    [
      'no NOT VALID',
      [statement('ALTER TABLE "a" ADD CONSTRAINT "c" CHECK (x > 0)'), statement(validate, false)],
      false,
    ],
    ['never validated', [statement(add)], false],
    [
      'another constraint validated',
      [statement(add), statement('ALTER TABLE "a" VALIDATE CONSTRAINT "d"', false)],
      false,
    ],
    ['another table validated', [statement(add), statement('ALTER TABLE "b" VALIDATE CONSTRAINT "c"', false)], false],
    ['validated before it is added', [statement(validate, false), statement(add)], false],
    [
      'a name that spells NOT VALID is not the clause',
      [
        statement('ALTER TABLE "a" ADD CONSTRAINT "c" FOREIGN KEY ("x") REFERENCES "NOT VALID" ("id")'),
        statement(validate, false),
      ],
      false,
    ],
    [
      'a foreign key in a namespace',
      [
        statement('ALTER TABLE "s"."a" ADD CONSTRAINT "c" FOREIGN KEY ("x") REFERENCES "s"."b" ("id") NOT VALID'),
        statement('ALTER TABLE "s"."a" VALIDATE CONSTRAINT "c"', false),
      ],
      true,
    ],
    ['nothing added', [statement('ALTER TABLE "a" DROP CONSTRAINT "c"')], false],
  ])('%s', (_name, statements, expected) => {
    expect(validatesAfterCommit(statements)).toBe(expected)
  })
})

describe('indexesConcurrently', () => {
  it.each([
    ['built concurrently', [statement('CREATE UNIQUE INDEX CONCURRENTLY "i" ON "a" ("x")', false)], true],
    [
      'dropped and built concurrently',
      [statement('DROP INDEX CONCURRENTLY "i"', false), statement('CREATE INDEX CONCURRENTLY "i" ON "a" ("x")', false)],
      true,
    ],
    [
      'one of two plain',
      [statement('DROP INDEX "i"'), statement('CREATE INDEX CONCURRENTLY "i" ON "a" ("x")', false)],
      false,
    ],
    ['a plain build', [statement('CREATE INDEX "i" ON "a" ("x")')], false],
    ['an index named CONCURRENTLY', [statement('CREATE INDEX "concurrently" ON "a" ("x")')], false],
    ['no index', [statement('ALTER TABLE "a" ADD COLUMN "x" integer')], false],
  ])('%s', (_name, statements, expected) => {
    expect(indexesConcurrently(statements)).toBe(expected)
  })
})
