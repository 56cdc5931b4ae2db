import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { formatJson, REPORT_FORMAT, reportJsonSchema } from '../../src/format/index.js'
import { loadScenario, SCENARIOS } from '../golden/scenarios.js'
import { diff, finding, migration } from './small-diff.js'

const validator = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  return ajv.compile(reportJsonSchema())
}

describe('formatJson', () => {
  it('writes { format, diff, findings, migration } in that order, with defaults when not given', () => {
    expect(JSON.parse(formatJson(diff))).toEqual({ format: REPORT_FORMAT, diff, findings: [], migration: null })
    const text = formatJson(diff, { findings: [finding], migration })
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'diff', 'findings', 'migration'])
    expect(text).toBe(
      `${JSON.stringify({ format: 'schemaledger-report/1', diff, findings: [finding], migration }, null, 2)}\n`,
    )
  })

  it('is valid against its JSON Schema for every scenario, with and without findings and migration', () => {
    const validate = validator()
    for (const name of SCENARIOS) {
      const s = loadScenario(name)
      for (const text of [formatJson(s.diff, { findings: s.findings, migration: s.migration }), formatJson(s.diff)]) {
        const ok = validate(JSON.parse(text))
        expect(validate.errors ?? []).toEqual([])
        expect(ok).toBe(true)
      }
    }
  })

  it('the schema rejects what breaks the contract', () => {
    const validate = validator()
    const good = JSON.parse(formatJson(diff, { findings: [finding], migration }))
    expect(validate(good)).toBe(true)
    expect(validate({ ...good, format: 'schemaledger-report/2' })).toBe(false)
    expect(validate({ ...good, findings: [{ ...finding, severity: 'fatal' }] })).toBe(false)
    expect(validate({ ...good, diff: { ...good.diff, changes: [{ kind: 'add_column', path: 'users.x' }] } })).toBe(
      false,
    )
    const { migration: _, ...missing } = good
    expect(validate(missing)).toBe(false)
  })

  it('report-schema.json, when built, is the schema reportJsonSchema() returns', () => {
    const url = new URL('../../report-schema.json', import.meta.url)
    let shipped: unknown
    try {
      shipped = JSON.parse(readFileSync(url, 'utf8'))
    } catch {
      console.warn('report-schema.json not built yet (npm run build writes it): comparison skipped')
      return
    }
    expect(shipped).toEqual(reportJsonSchema())
  })
})
