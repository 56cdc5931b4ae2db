import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// docs/sql-safety.md reports the last long fuzz run exactly as scripts/fuzz-sql.mjs wrote it: a table
// per engine and client between the markers, with no escape anywhere.

const doc = readFileSync(new URL('../../../docs/sql-safety.md', import.meta.url), 'utf8')
const section = doc.slice(doc.indexOf('<!-- fuzz-sql:start -->'), doc.indexOf('<!-- fuzz-sql:end -->'))
const rows = section
  .split('\n')
  .filter((l) => /^\| [^-]/.test(l) && !l.startsWith('| Engine or client'))
  .map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  )

describe('docs/sql-safety.md', () => {
  it('holds the figures of a long run of scripts/fuzz-sql.mjs', () => {
    expect(section).toMatch(/^<!-- fuzz-sql:start -->\nSeed \d+, \d+ cases per engine/)
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['PGlite (PostgreSQL in WASM)', 'SQLite (sql.js)']))
    for (const [name, cases, refused, ran, , escapes] of rows) {
      expect(Number(cases), name).toBe(Number(refused) + Number(ran))
      expect(escapes, name).toBe('0')
    }
  })
})
