import { describe, expect, it } from 'vitest'
import { formatText } from '../../src/format/index.js'
import { diffSchemas } from '../../src/index.js'
import { diff, finding, from, migration } from './small-diff.js'

describe('formatText', () => {
  it('prints the summary, the tree with before -> after, findings under their change, and the SQL', () => {
    expect(formatText(diff, { findings: [finding], migration })).toBe(
      [
        '3 changes: tables ~1 -1, columns +1 ~1',
        'findings: 1 danger',
        '',
        '- table old_logs',
        '    ! danger DS002 dropping table old_logs deletes all its rows',
        '      fix: Back up the rows first.',
        '        CREATE TABLE old_logs_backup AS SELECT * FROM old_logs;',
        '  - column line text',
        '',
        '~ table users',
        '  ~ column email',
        '      type: varchar(120) -> varchar(255)',
        '  + column is_active boolean NOT NULL DEFAULT true',
        '',
        '(+ added, - removed, ~ changed, ! finding)',
        '',
        '-- schemaledger migration: postgres, up',
        'BEGIN;',
        'ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(255);',
        '-- destructive: drop_table old_logs',
        'DROP TABLE "old_logs";',
        'COMMIT;',
        '',
      ].join('\n'),
    )
  })

  it('uses ANSI colour only when asked, and reads the same without it', () => {
    const plain = formatText(diff, { findings: [finding] })
    const coloured = formatText(diff, { findings: [finding], color: true })
    expect(plain).not.toContain('\u001b[')
    expect(coloured).toContain('\u001b[31m- table old_logs\u001b[0m')
    expect(coloured).toContain('\u001b[32m+ column is_active boolean NOT NULL DEFAULT true\u001b[0m')
    expect(coloured).toContain('\u001b[1;31m! danger DS002\u001b[0m dropping table')
    const stripped = coloured
      .split('\u001b[')
      .map((part, i) => (i === 0 ? part : part.replace(/^[0-9;]*m/, '')))
      .join('')
    expect(stripped).toBe(plain)
  })

  it('wraps prose at the width, with hanging indents, and never wraps SQL', () => {
    const text = formatText(diff, { findings: [finding], migration, width: 40 })
    expect(text).toContain(['    ! danger DS002 dropping table', '      old_logs deletes all its rows'].join('\n'))
    expect(text).toContain('        CREATE TABLE old_logs_backup AS SELECT * FROM old_logs;')
    for (const line of text.split('\n').filter((l) => !/^\s*(CREATE|ALTER|DROP|--)/.test(l))) {
      expect(line.length).toBeLessThanOrEqual(40)
    }
  })

  it('says so when nothing changed, and lists findings about other diffs apart', () => {
    expect(formatText(diffSchemas(from, from))).toBe('No changes.\n')
    const other = { ...finding, change: { kind: 'drop_table' as const, path: 'elsewhere' } }
    expect(formatText(diff, { findings: [other] })).toContain(
      [
        'Findings about changes not in this diff:',
        '  ! danger DS002 dropping table old_logs deletes all its rows',
      ].join('\n'),
    )
  })

  it('puts a title first', () => {
    expect(formatText(diff, { title: 'Release 42' }).split('\n').slice(0, 3)).toEqual([
      'Release 42',
      '',
      '3 changes: tables ~1 -1, columns +1 ~1',
    ])
  })
})
