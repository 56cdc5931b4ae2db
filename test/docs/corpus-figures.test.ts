import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './block-sandbox.js'

// The corpus pass counts quoted in the prose docs are the ones the corpus tests wrote into
// docs/corpus/*.md: a figure typed by hand that drifts from the generated report fails here.

const doc = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8')

/** `passed of applicable` from each generated corpus report. */
function generated(): Record<'postgres' | 'mysql' | 'sqlite', string> {
  const pg = doc('docs/corpus/postgres.md')
  const lite = doc('docs/corpus/sqlite.md')
  const my = /^\| \d+ \| (\d+) \| (\d+) \| \d+ \| \d+ \| [\d.]+% \|$/m.exec(doc('docs/corpus/mysql.md'))
  const cell = (text: string, label: string) => new RegExp(`^\\| ${label} \\| (\\d+)`, 'm').exec(text)?.[1]
  return {
    postgres: `${cell(pg, 'passed')} of ${cell(pg, 'applicable')}`,
    mysql: `${my?.[2]} of ${my?.[1]}`,
    sqlite: `${cell(lite, 'passed')} of ${cell(lite, 'applicable')}`,
  }
}

describe('corpus figures in the docs', () => {
  it('docs/comparison.md quotes the generated pass counts', () => {
    const counts = generated()
    const text = doc('docs/comparison.md').replace(/\s+/g, ' ')
    expect(text).toContain(`[PostgreSQL](corpus/postgres.md) ${counts.postgres}`)
    expect(text).toContain(`[MariaDB](corpus/mysql.md) ${counts.mysql}`)
    expect(text).toContain(`[SQLite](corpus/sqlite.md) ${counts.sqlite}`)
  })

  it('docs/sql.md quotes the MariaDB pass count', () => {
    expect(doc('docs/sql.md').replace(/\s+/g, ' ')).toContain(`passes ${generated().mysql} applicable cases`)
  })
})
