import { describe, expect, it } from 'vitest'
import { formatHtml, formatJson, formatMarkdown, formatSarif, formatText } from '../../src/format/index.js'
import { formatLintJson, formatLintMarkdown, formatLintText, type LintResult } from '../../src/format/lint-report.js'
import type { Finding } from '../../src/impact/index.js'
import { diff, finding } from './small-diff.js'

// A suppressed finding is shown, marked, in every output format, and never counted or gated on.
const suppressed: Finding = {
  ...finding,
  suppressed: { path: 'old_*', reason: 'archived to cold storage', until: '2027-01-31' },
}
const open: Finding = { ...finding, code: 'DS001', severity: 'warning', message: 'another one' }
const lint: LintResult = {
  documents: ['v1.json', 'v2.json'],
  dialect: 'postgres',
  findings: [suppressed, open],
  failOn: 'danger',
}
const NOTE = 'suppressed until 2027-01-31 (old_*): archived to cold storage'

describe('suppressed findings in reports', () => {
  it('text: marked under the change, counted apart', () => {
    const text = formatText(diff, { findings: [suppressed] })
    expect(text).toContain('! suppressed danger DS002 dropping table old_logs deletes all its rows')
    expect(text).toContain(NOTE)
    expect(text).toContain('findings: none; 1 suppressed')
  })

  it('markdown: marked with the reason, counted apart', () => {
    const md = formatMarkdown(diff, { findings: [suppressed] })
    expect(md).toContain('- 🔕 suppressed · ')
    expect(md).toContain('  - Suppressed until 2027-01-31 (old\\_\\*): archived to cold storage')
    expect(md).toContain('findings: none · 🔕 1 suppressed')
  })

  it('json: the finding carries its suppression', () => {
    const report = JSON.parse(formatJson(diff, { findings: [suppressed] }))
    expect(report.findings[0].suppressed).toEqual(suppressed.suppressed)
  })

  it('html: a suppressed badge and the reason', () => {
    const html = formatHtml(diff, { findings: [suppressed] })
    expect(html).toContain('<article class="finding" data-severity="danger" data-suppressed="true">')
    expect(html).toContain('<span class="badge suppressed">suppressed</span>')
    expect(html).toContain('<p class="suppressed">Suppressed until 2027-01-31 (old_*): archived to cold storage</p>')
  })

  it('lint text, markdown and json: shown, not counted, not failing the gate', () => {
    const text = formatLintText(lint, { color: false, width: 200 })
    expect(text).toContain('  DS002 old_logs [suppressed]\n    dropping table old_logs deletes all its rows\n')
    expect(text).toContain(`    ${NOTE}\n`)
    expect(text).toContain('2 findings: 1 warning, 1 suppressed. Passed: no findings at or above danger.')
    const md = formatLintMarkdown(lint)
    expect(md).toContain('### schemaledger lint: ✅ passed')
    expect(md).toContain('🔕 1 suppressed')
    expect(md).toContain('| 🔕 suppressed 🔴 danger | `DS002` |')
    const json = JSON.parse(formatLintJson(lint))
    expect(json.passed).toBe(true)
    expect(json.summary).toEqual({ danger: 0, warning: 1, info: 0, total: 2, suppressed: 1 })
    expect(json.findings[0].suppressed).toEqual({
      path: 'old_*',
      reason: 'archived to cold storage',
      until: '2027-01-31',
    })
    expect(json.findings[1].suppressed).toBeNull()
  })

  it('sarif: a result with an accepted suppression', () => {
    const log = JSON.parse(formatSarif(lint))
    expect(
      log.runs[0].results.map((r: { ruleId: string; suppressions?: unknown }) => [r.ruleId, r.suppressions]),
    ).toEqual([
      [
        'DS002',
        [{ kind: 'external', status: 'accepted', justification: 'archived to cold storage (until 2027-01-31)' }],
      ],
      ['DS001', undefined],
    ])
  })
})
