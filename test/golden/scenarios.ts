// The golden scenarios: two schema versions, the diff options, and the findings and migration the
// reports show. Findings and migration are committed inputs (findings.json, migration.json), so the
// golden reports change only when a report changes; UPDATE_GOLDEN=1 regenerates them from the live
// analyzeImpact and planMigration along with every expected output.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Finding } from '../../src/impact/index.js'
import { analyzeImpact } from '../../src/impact/index.js'
import type { DiffOptions, Schema, SchemaDiff } from '../../src/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'
import type { DialectAlias, Migration } from '../../src/sql/index.js'
import { planMigration } from '../../src/sql/index.js'

export const UPDATE = process.env.UPDATE_GOLDEN === '1'

export const SCENARIOS = ['seed', 'shop', 'teams', 'objects'] as const

export interface Scenario {
  readonly name: string
  readonly title: string
  readonly from: Schema
  readonly to: Schema
  readonly diff: SchemaDiff
  readonly findings: readonly Finding[]
  readonly migration: Migration
}

interface ScenarioFile {
  title: string
  dialect: DialectAlias
  dialectVersion: string
  from?: string
  to?: string
  renames?: DiffOptions['renames']
}

export const goldenUrl = (scenario: string, file: string) => new URL(`./${scenario}/${file}`, import.meta.url)

const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8'))

export function loadScenario(name: string): Scenario {
  const spec = readJson(goldenUrl(name, 'scenario.json')) as ScenarioFile
  const from = parseSchema(readJson(goldenUrl(name, spec.from ?? 'from.json')))
  const to = parseSchema(readJson(goldenUrl(name, spec.to ?? 'to.json')))
  const diff = diffSchemas(from, to, spec.renames ? { renames: spec.renames } : {})
  const findingsUrl = goldenUrl(name, 'findings.json')
  const migrationUrl = goldenUrl(name, 'migration.json')
  if (UPDATE) {
    const { findings } = analyzeImpact(diff, { dialect: spec.dialect, dialectVersion: spec.dialectVersion, from, to })
    const migration = planMigration(diff, { dialect: spec.dialect, from, to })
    writeFileSync(findingsUrl, `${JSON.stringify(findings, null, 2)}\n`)
    writeFileSync(migrationUrl, `${JSON.stringify(migration, null, 2)}\n`)
  }
  return {
    name,
    title: spec.title,
    from,
    to,
    diff,
    findings: readJson(findingsUrl),
    migration: readJson(migrationUrl),
  }
}

/** Compares an output with its golden file exactly; UPDATE_GOLDEN=1 writes it instead. */
export function golden(scenario: string, file: string, actual: string): { actual: string; expected: string } {
  const url = goldenUrl(scenario, file)
  if (UPDATE) writeFileSync(url, actual)
  return { actual, expected: existsSync(url) ? readFileSync(url, 'utf8') : `(missing ${file}: run UPDATE_GOLDEN=1)` }
}
