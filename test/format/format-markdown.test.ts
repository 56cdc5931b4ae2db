import { describe, expect, it } from 'vitest'
import { formatMarkdown } from '../../src/format/index.js'
import { mdCode, mdFence, mdText } from '../../src/format/markdown-text.js'
import { diffSchemas } from '../../src/index.js'
import { oddPair } from '../visual/odd-names.js'
import { diff, finding, from, migration } from './small-diff.js'

describe('formatMarkdown', () => {
  it('writes a PR comment: summary table, a section per table, badges, up SQL fenced, down SQL in <details>', () => {
    expect(formatMarkdown(diff, { findings: [finding], migration })).toBe(
      [
        '## Schema changes',
        '',
        '**3 changes** · findings: 🔴 **1 danger**',
        '',
        '|  | Added | Changed | Removed | Renamed |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| tables | 0 | 1 | 1 | 0 |',
        '| columns | 1 | 1 | 0 | 0 |',
        '',
        '### Table `old_logs` (removed)',
        '',
        '|  | Change | Details |',
        '| :-: | --- | --- |',
        '| removed | `column line text` |  |',
        '',
        '**Findings**',
        '',
        '- 🔴 **DANGER** `DS002` `old_logs`: dropping table old_logs deletes all its rows',
        '  - Why: Every row of the table is deleted.',
        '  - Instead: Back up the rows first.',
        '',
        '    ```sql',
        '    CREATE TABLE old_logs_backup AS SELECT * FROM old_logs;',
        '    ```',
        '',
        '### Table `users` (changed)',
        '',
        '|  | Change | Details |',
        '| :-: | --- | --- |',
        '| changed | `column email` | `type: varchar(120) -> varchar(255)` |',
        '| added | `column is_active boolean NOT NULL DEFAULT true` |  |',
        '',
        '### Migration (postgres)',
        '',
        '```sql',
        '-- schemaledger migration: postgres, up',
        'BEGIN;',
        'ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(255);',
        '-- destructive: drop_table old_logs',
        'DROP TABLE "old_logs";',
        'COMMIT;',
        '```',
        '',
        '<details>',
        '<summary>Down migration (rollback)</summary>',
        '',
        '```sql',
        '-- schemaledger migration: postgres, down',
        'BEGIN;',
        'CREATE TABLE "old_logs" ("line" text);',
        'COMMIT;',
        '```',
        '',
        '</details>',
        '',
      ].join('\n'),
    )
  })

  it('says so when nothing changed, and takes a title', () => {
    expect(formatMarkdown(diffSchemas(from, from), { title: 'PR #12' })).toBe('## PR #12\n\nNo changes.\n')
  })

  it('keeps odd names literal: in code spans, with | escaped inside tables', () => {
    const { diff: odd } = oddPair(['a|b', 'child', '<script>'], ['id', 'ref', 'x`y', '*bold*'])
    const md = formatMarkdown(odd)
    expect(md).toContain('### Table `a\\|b` (changed)')
    expect(md).toContain('| changed | `column *bold*` |')
    expect(md).toContain('| added | ``column x`y decimal(10,2) NOT NULL DEFAULT 0`` |')
    expect(md).toContain('### Table `<script>` (removed)')
    expect(md).not.toMatch(/^[^`]*<script>/m)
  })
})

describe('Markdown helpers', () => {
  it('code spans hold backticks, fences outgrow the code, prose escapes markup', () => {
    expect(mdCode('a`b')).toBe('``a`b``')
    expect(mdCode('`x')).toBe('`` `x ``')
    expect(mdFence('```\nx', 'sql')).toBe('````sql\n```\nx\n````')
    expect(mdText('a <b> | *c* _d_ snake_case [e]')).toBe('a &lt;b> \\| \\*c\\* \\_d\\_ snake_case \\[e\\]')
  })
})
