import { describe, expect, it } from 'vitest'
import {
  analyzeImpact,
  applySuppressions,
  EXPIRED_SUPPRESSION,
  type Finding,
  lintSchema,
  pathMatches,
} from '../../src/impact/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'

const doc = (tables: unknown[]) => parseSchema({ format: 'schemaledger/1', tables })
const table = (name: string, columns: string[]) => ({
  name,
  columns: [
    { name: 'id', type: 'integer', nullable: false },
    ...columns.map((c) => ({ name: c, type: 'text', nullable: true })),
  ],
  constraints: [{ type: 'primary_key', columns: ['id'] }],
})
// Dropping users.email and two audit tables' columns: three DS findings (column drops).
const v1 = doc([table('users', ['email', 'name']), table('audit_log', ['note']), table('audit_login', ['ip'])])
const v2 = doc([table('users', ['name']), table('audit_log', []), table('audit_login', [])])
const diff = diffSchemas(v1, v2)
const dropCode = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2 }).findings.find(
  (f) => f.change.kind === 'drop_column',
)?.code as string

describe('pathMatches', () => {
  it.each([
    ['users.email', 'users.email', true],
    ['users.email', 'users.emails', false],
    ['users.*', 'users.email', true],
    ['users.*', 'users', false],
    ['audit_*.*', 'audit_log.note', true],
    ['audit_*.*', 'audit_log', false],
    ['audit_*', 'audit_log.note', false],
    ['**', 'billing.invoices.due', true],
    ['billing.**', 'billing.invoices.due', true],
    ['users.e(mail', 'users.e(mail', true],
  ])('%s against %s: %s', (glob, path, expected) => {
    expect(pathMatches(glob, path)).toBe(expected)
  })
})

describe('suppressions in analyzeImpact', () => {
  it('marks the matched findings, keeps them in the report, and leaves them out of the summary', () => {
    const report = analyzeImpact(diff, {
      dialect: 'postgres',
      from: v1,
      to: v2,
      suppressions: [{ code: dropCode, path: 'audit_*.*', reason: 'audit columns are rebuilt nightly' }],
      today: '2026-12-06',
    })
    const drops = report.findings.filter((f) => f.code === dropCode)
    expect(drops.map((f) => [f.change.path, f.suppressed ?? null])).toEqual([
      ['audit_log.note', { path: 'audit_*.*', reason: 'audit columns are rebuilt nightly' }],
      ['audit_login.ip', { path: 'audit_*.*', reason: 'audit columns are rebuilt nightly' }],
      ['users.email', null],
    ])
    const plain = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2 })
    expect(report.findings).toHaveLength(plain.findings.length)
    expect(report.summary.suppressed).toBe(2)
    expect(report.summary.total).toBe(plain.summary.total - 2)
  })

  it('suppresses until the end of the until day, then reports the findings and one SP001', () => {
    const suppressions = [{ code: dropCode, path: 'audit_*.*', reason: 'rebuilt nightly', until: '2026-12-06' }]
    const onTheDay = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2, suppressions, today: '2026-12-06' })
    expect(onTheDay.findings.filter((f) => f.suppressed)).toHaveLength(2)
    expect(onTheDay.findings.some((f) => f.code === 'SP001')).toBe(false)

    const after = analyzeImpact(diff, { dialect: 'postgres', from: v1, to: v2, suppressions, today: '2026-12-07' })
    expect(after.findings.filter((f) => f.suppressed)).toEqual([])
    const expired = after.findings.filter((f) => f.code === EXPIRED_SUPPRESSION.code)
    expect(expired).toEqual([
      {
        code: 'SP001',
        severity: 'warning',
        change: { kind: 'drop_column', path: 'audit_log.note' },
        path: 'audit_log.note',
        message: `The suppression of ${dropCode} on audit_*.* expired on 2026-12-06 ("rebuilt nightly"); the 2 findings it matched are reported again.`,
        explanation: EXPIRED_SUPPRESSION.docs.why,
        fix: { description: EXPIRED_SUPPRESSION.docs.fix },
        dialect: 'postgres',
        phase: expect.any(String),
      },
    ])
    expect(after.summary.warning).toBe(onTheDay.summary.warning + 1)
  })

  it('does not report an expired suppression that matches nothing in the run', () => {
    const findings = applySuppressions([], [{ code: 'DS001', path: 'x', reason: 'r', until: '2020-01-01' }], {
      today: '2026-01-01',
    })
    expect(findings).toEqual([])
  })

  it('rejects a malformed suppression or date with the option path', () => {
    const f: Finding[] = []
    expect(() => applySuppressions(f, [{ code: 'DS001', path: 'x', reason: ' ' }])).toThrow(
      'suppressions[0].reason: say why the finding is accepted',
    )
    expect(() => applySuppressions(f, [{ code: 'DS001', path: 'x', reason: 'r', until: '2026-02-30' }])).toThrow(
      'suppressions[0].until: expected a date as YYYY-MM-DD, got "2026-02-30"',
    )
    expect(() => applySuppressions(f, [{ code: 'DS001', path: 'x', reason: 'r' }], { today: 'soon' })).toThrow(
      'today: expected a date',
    )
  })
})

describe('suppressions in lintSchema', () => {
  it('marks findings on the object path the finding names', () => {
    const schema = doc([{ name: 'Logs', columns: [{ name: 'line', type: 'text', nullable: true }] }])
    const plain = lintSchema(schema, { dialect: 'postgres' })
    const first = plain[0] as Finding
    const marked = lintSchema(schema, {
      dialect: 'postgres',
      suppressions: [{ code: first.code, path: first.path ?? first.change.path, reason: 'legacy table' }],
    })
    expect(marked.map((f) => f.code)).toEqual(plain.map((f) => f.code))
    expect(marked[0]?.suppressed).toEqual({ path: first.path ?? first.change.path, reason: 'legacy table' })
  })
})
