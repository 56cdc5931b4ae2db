import { describe, expect, it } from 'vitest'
import { analyzeImpact, builtinAnalyzers, type DialectImpactFacts, defineAnalyzer } from '../../src/impact/index.js'
import { diffSchemas, InvalidOptionError } from '../../src/index.js'
import { defineDialect, impactFacts, resolveDialect } from '../../src/sql/index.js'
import { analyze, lines, posts, schema, users } from './schemas.js'

const base = schema([users(), posts()])
const dropped = schema([users()])

const noDrops = defineAnalyzer({
  code: 'ACME001',
  title: 'Tables are never dropped here',
  dialects: 'all',
  severity: 'danger',
  docs: { bad: 'DROP TABLE "users"', why: 'Auditors need every table.', fix: 'Rename it to *_archived.' },
  analyze: (change) =>
    change.kind === 'drop_table'
      ? {
          message: `${change.path} is dropped`,
          explanation: 'Policy forbids drops.',
          fix: { description: 'Archive it.' },
        }
      : undefined,
})

describe('analyzeImpact options', () => {
  it('runs added analyzers next to the built-in ones, with the same finding shape', () => {
    const report = analyze(base, dropped, 'postgres', { rules: { add: [noDrops] } })
    expect(report.findings.find((f) => f.code === 'ACME001')).toEqual({
      code: 'ACME001',
      severity: 'danger',
      change: { kind: 'drop_table', path: 'posts' },
      message: 'posts is dropped',
      explanation: 'Policy forbids drops.',
      fix: { description: 'Archive it.' },
      dialect: 'postgres',
      phase: 'contract',
    })
    expect(lines(report.findings)).toEqual(['danger ACME001 posts', 'danger DS002 posts'])
  })

  it('disables rules by code and overrides severities for every finding of a code', () => {
    expect(lines(analyze(base, dropped, 'postgres', { rules: { disable: ['DS002'] } }).findings)).toEqual([])
    expect(lines(analyze(base, dropped, 'sqlite', { rules: { severity: { DS002: 'info' } } }).findings)).toEqual([
      'info DS002 posts',
    ])
  })

  it('runs opt-in rules only when enabled', () => {
    const to = schema([users({ nick: 'varchar(40)' }), posts()])
    expect(analyze(base, to, 'postgres').findings).toEqual([])
    expect(lines(analyze(base, to, 'postgres', { rules: { enable: ['BP003'] } }).findings)).toEqual([
      'info BP003 users.nick',
    ])
  })

  it('rejects duplicate codes, bad codes and unknown codes in the options', () => {
    const twice = () => analyze(base, dropped, 'postgres', { rules: { add: [noDrops, noDrops] } })
    expect(twice).toThrow(InvalidOptionError)
    expect(twice).toThrow('rules.add: two analyzers use the code ACME001; every code must be unique')
    const clash = defineAnalyzer({ ...noDrops, code: 'DS002' })
    expect(() => analyze(base, dropped, 'postgres', { rules: { add: [clash] } })).toThrow(
      'two analyzers use the code DS002',
    )
    expect(() => defineAnalyzer({ ...noDrops, code: 'acme-1' })).toThrow(InvalidOptionError)
    expect(() => defineAnalyzer({ ...noDrops, docs: { bad: '', why: 'x', fix: 'y' } })).toThrow(InvalidOptionError)
    expect(() => analyze(base, dropped, 'postgres', { rules: { disable: ['XX999'] } })).toThrow(
      'rules.disable: no analyzer has the code "XX999"',
    )
    expect(() => analyze(base, dropped, 'postgres', { rules: { severity: { XX999: 'info' } } })).toThrow(
      InvalidOptionError,
    )
  })

  it('fills enabledByDefault and keeps codes unique and sorted in the built-in list', () => {
    expect(noDrops.enabledByDefault).toBe(true)
    const codes = builtinAnalyzers.map((a) => a.code)
    expect(new Set(codes).size).toBe(codes.length)
    expect([...codes].sort()).toEqual(codes)
    expect(codes.length).toBe(97)
  })

  it('derives the schemas from either side and works without them', () => {
    const diff = diffSchemas(base, dropped)
    const fromTo = analyzeImpact(diff, { dialect: 'postgres', to: dropped })
    expect(lines(fromTo.findings)).toEqual(['danger DS002 posts'])
    expect(lines(analyzeImpact(diff, { dialect: 'postgres' }).findings)).toEqual(['danger DS002 posts'])
  })

  it('reports the MariaDB flavor from the dialect name or the version string', () => {
    const diff = diffSchemas(base, dropped)
    expect(analyzeImpact(diff, { dialect: 'mariadb' }).findings[0]?.dialect).toBe('mariadb')
    expect(analyzeImpact(diff, { dialect: 'mariadb' }).summary.version).toEqual({
      label: 'MariaDB 10.11',
      assumed: true,
    })
    expect(analyzeImpact(diff, { dialect: 'mysql', dialectVersion: '10.6.12-MariaDB' }).summary.version.label).toBe(
      'MariaDB 10.6.12',
    )
    expect(analyzeImpact(diff, { dialect: 'mysql', dialectVersion: '8.0.32' }).findings[0]?.dialect).toBe('mysql')
  })

  it('rejects versions it cannot read and dialects without facts', () => {
    const diff = diffSchemas(base, dropped)
    expect(() => analyzeImpact(diff, { dialect: 'postgres', dialectVersion: 'latest' })).toThrow(InvalidOptionError)
    const custom = defineDialect({ ...resolveDialect('postgres'), name: 'cockroach' })
    expect(() => analyzeImpact(diff, { dialect: custom })).toThrow('facts: no impact facts for dialect "cockroach"')
  })

  it('takes facts for a custom dialect; rules follow the facts dialect they list', () => {
    const custom = defineDialect({ ...resolveDialect('postgres'), name: 'cockroach' })
    const facts = impactFacts.postgres as DialectImpactFacts
    const to = schema([users({}, { indexes: [{ name: 'ix_users_name', columns: ['name'] }] }), posts()])
    const report = analyzeImpact(diffSchemas(base, to), { dialect: custom, facts, from: base })
    expect(lines(report.findings)).toEqual(['warning LK001 users.ix_users_name'])
    expect(report.findings[0]?.dialect).toBe('cockroach')
  })
})
