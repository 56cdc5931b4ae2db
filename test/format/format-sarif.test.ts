import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { formatSarif } from '../../src/format/index.js'
import { analyzeImpact } from '../../src/impact/index.js'
import { diff, finding, from, to } from './small-diff.js'

// The SARIF 2.1.0 schema, vendored (test/format/sarif/README.md says from where). It is a draft-04
// schema: ajv's default dialect reads it once its draft-04 `id` is given as `$id`.
function sarifValidator() {
  const {
    $schema: _,
    id,
    ...schema
  } = JSON.parse(readFileSync(new URL('./sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >
  // Formats (uri, date-time) are not checked: ajv needs a plugin for them. The schema's `language`
  // pattern has a stray `]` that only a non-unicode RegExp accepts, as draft-04 validators compile it.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false })
  return ajv.compile({ ...schema, $id: id as string })
}
const validate = sarifValidator()

/** The parts of a SARIF log the assertions read. */
interface SarifLog {
  runs: {
    tool: { driver: { version?: string } }
    artifacts?: unknown
    results: { ruleId: string; level: string; locations: unknown; suppressions?: unknown }[]
  }[]
}

function valid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog
  if (!validate(log)) throw new Error(`invalid SARIF: ${JSON.stringify(validate.errors, null, 2)}`)
  return log
}

describe('formatSarif', () => {
  it('writes one result per finding with its rule, level, location and fingerprint', () => {
    const log = valid(formatSarif({ documents: ['schema/v1.json', './schema/v2 new.json'], findings: [finding] }))
    expect(log).toEqual({
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'schemaledger',
              rules: [
                {
                  id: 'DS002',
                  name: expect.any(String),
                  shortDescription: { text: expect.any(String) },
                  fullDescription: { text: expect.any(String) },
                  help: { text: expect.stringContaining('Safe alternative: ') },
                  defaultConfiguration: { level: 'error' },
                },
              ],
            },
          },
          artifacts: [{ location: { uri: 'schema/v2%20new.json' } }],
          results: [
            {
              ruleId: 'DS002',
              ruleIndex: 0,
              level: 'error',
              message: { text: 'dropping table old_logs deletes all its rows Instead: Back up the rows first.' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'schema/v2%20new.json' }, region: { startLine: 1 } },
                  logicalLocations: [{ fullyQualifiedName: 'old_logs', kind: 'member' }],
                },
              ],
              partialFingerprints: { 'schemaledger/v1': 'DS002:old_logs' },
              properties: {
                severity: 'danger',
                change: { kind: 'drop_table', path: 'old_logs' },
                dialect: 'postgres',
                fixSql: ['CREATE TABLE old_logs_backup AS SELECT * FROM old_logs'],
              },
            },
          ],
        },
      ],
    })
  })

  it('places a result on the line lineOf gives for its object path', () => {
    const lineOf = (path: string) => (path === 'old_logs' ? 12 : undefined)
    const log = valid(formatSarif({ documents: ['v1.json', 'v2.json'], findings: [finding] }, { lineOf }))
    expect(log.runs[0]?.results[0]?.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'v2.json' }, region: { startLine: 12 } },
        logicalLocations: [{ fullyQualifiedName: 'old_logs', kind: 'member' }],
      },
    ])
  })

  it('keeps a suppressed finding as a result with an accepted external suppression', () => {
    const suppressed = { ...finding, suppressed: { path: 'old_*', reason: 'archived in S3', until: '2027-01-31' } }
    const log = valid(formatSarif({ documents: ['store:app@prod'], findings: [suppressed] }, { toolVersion: '1.2.3' }))
    const run = log.runs[0]
    expect(run?.tool.driver.version).toBe('1.2.3')
    expect(run?.artifacts).toBeUndefined()
    expect(run?.results[0]?.locations).toEqual([
      { logicalLocations: [{ fullyQualifiedName: 'old_logs', kind: 'member' }] },
    ])
    expect(run?.results[0]?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'archived in S3 (until 2027-01-31)' },
    ])
  })

  it('is valid SARIF for the findings of a real analysis, levels mapped from severities', () => {
    const findings = analyzeImpact(diff, { dialect: 'mysql', from, to }).findings
    expect(findings.length).toBeGreaterThan(0)
    const log = valid(formatSarif({ documents: ['a.json', 'b.json'], findings }))
    const results = log.runs[0]?.results ?? []
    const levels = { danger: 'error', warning: 'warning', info: 'note' } as const
    expect(results.map((r) => r.level).sort()).toEqual(findings.map((f) => levels[f.severity]).sort())
    expect(formatSarif({ documents: ['a.json', 'b.json'], findings })).toBe(
      formatSarif({ documents: ['a.json', 'b.json'], findings }),
    )
  })

  it('the vendored schema rejects what is not SARIF (the validation is real)', () => {
    const log = JSON.parse(formatSarif({ documents: ['a.json'], findings: [finding] }))
    log.runs[0].results[0].level = 'danger'
    expect(validate(log)).toBe(false)
  })
})
