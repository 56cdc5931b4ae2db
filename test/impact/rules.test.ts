import { describe, expect, it } from 'vitest'
import { builtinAnalyzers } from '../../src/impact/index.js'
import type { DialectAlias } from '../../src/sql/index.js'
import { ruleCases } from './rule-cases.js'
import { analyze } from './schemas.js'

// Every rule fires on the diff that should trigger it and stays silent on the one that should not,
// on each dialect it applies to; the findings are compared as exact `severity path` lists.

const ALL = ['postgres', 'mysql', 'sqlite']

describe('rules', () => {
  for (const c of ruleCases) {
    for (const dialect of c.dialects) {
      it(`${c.code} ${dialect}: ${c.name}`, () => {
        const report = analyze(c.from, c.to, dialect as DialectAlias, c.options)
        const found = report.findings.filter((f) => f.code === c.code).map((f) => `${f.severity} ${f.change.path}`)
        expect(found).toEqual(c.expect)
      })
    }
  }

  it('every rule has a triggering and a silent case on each dialect it applies to', () => {
    const missing: string[] = []
    for (const a of builtinAnalyzers) {
      for (const dialect of a.dialects === 'all' ? ALL : a.dialects) {
        const mine = ruleCases.filter((c) => c.code === a.code && c.dialects.includes(dialect))
        if (!mine.some((c) => c.expect.length > 0)) missing.push(`${a.code} ${dialect}: no triggering case`)
        if (!mine.some((c) => c.expect.length === 0)) missing.push(`${a.code} ${dialect}: no silent case`)
      }
    }
    expect(missing).toEqual([])
  })

  it('never runs a rule on a dialect it does not list', () => {
    for (const c of ruleCases) {
      for (const dialect of ALL.filter((d) => !c.dialects.includes(d))) {
        const a = builtinAnalyzers.find((x) => x.code === c.code)
        if (a && a.dialects !== 'all' && !a.dialects.includes(dialect)) {
          const report = analyze(c.from, c.to, dialect as DialectAlias, c.options)
          expect(report.findings.filter((f) => f.code === c.code)).toEqual([])
        }
      }
    }
  })
})
