import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import {
  formatHtml,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatText,
  type ReportUnmodelled,
  reportJsonSchema,
  UNMODELLED_RULE,
} from '../../src/format/index.js'
import { diffSchemas } from '../../src/index.js'
import { diff, finding, from } from './small-diff.js'

// What introspection finds and the model cannot hold is data in every report, labelled by side: an
// object both sides hold for the same reason is listed once, as on both.

const unmodelled: ReportUnmodelled[] = [
  {
    side: 'from',
    kind: 'rule',
    name: 'public.users.no_delete',
    why: 'a rewrite rule: the model has no rules; not read',
  },
  {
    side: 'from',
    kind: 'publication',
    name: 'everything',
    why: 'a logical replication publication: the model has no publications; not read',
  },
  { side: 'to', kind: 'rule', name: 'public.users.no_delete', why: 'a rewrite rule: the model has no rules; not read' },
  {
    side: 'to',
    kind: 'event_trigger',
    name: 'audit_ddl',
    why: 'an event trigger (ON ddl_command_end): the model has no event triggers; not read',
  },
]

describe('unmodelled objects in reports', () => {
  it('text: a list after the tree, each with its side, kind, name and why, wrapped', () => {
    const text = formatText(diff, { unmodelled, width: 80 })
    expect(text).toContain(
      [
        '(+ added, - removed, ~ changed)',
        '',
        'Not in the schemas, so not compared:',
        '  [both] rule public.users.no_delete: a rewrite rule: the model has no rules;',
        '      not read',
        '  [from] publication everything: a logical replication publication: the model',
        '      has no publications; not read',
        '  [to] event_trigger audit_ddl: an event trigger (ON ddl_command_end): the model',
        '      has no event triggers; not read',
        '',
      ].join('\n'),
    )
    // With nothing changed the list is still there: "No changes." alone would be too strong a claim.
    expect(formatText(diffSchemas(from, from), { unmodelled: unmodelled.slice(3) })).toBe(
      [
        'No changes.',
        '',
        'Not in the schemas, so not compared:',
        '  [to] event_trigger audit_ddl: an event trigger (ON ddl_command_end): the model',
        '      has no event triggers; not read',
        '',
      ].join('\n'),
    )
    expect(formatText(diff, { unmodelled: [] })).toBe(formatText(diff))
  })

  it('markdown: a table of side, kind, name and why before the migration', () => {
    const md = formatMarkdown(diffSchemas(from, from), { unmodelled })
    expect(md).toBe(
      [
        '## Schema changes',
        '',
        'No changes.',
        '',
        '### Not in the schemas, so not compared',
        '',
        '| Side | Kind | Name | Why |',
        '| --- | --- | --- | --- |',
        '| both | rule | `public.users.no_delete` | a rewrite rule: the model has no rules; not read |',
        '| from | publication | `everything` | a logical replication publication: the model has no publications; not read |',
        '| to | event_trigger | `audit_ddl` | an event trigger (ON ddl_command_end): the model has no event triggers; not read |',
        '',
      ].join('\n'),
    )
    expect(formatMarkdown(diff, { unmodelled: [] })).toBe(formatMarkdown(diff))
  })

  it('html: a section with a row per object, escaped, and a link to it', () => {
    const html = formatHtml(diff, {
      unmodelled: [{ side: 'to', kind: 'rule', name: 'public.<b>', why: 'a rewrite rule & more' }],
    })
    expect(html).toContain('<a href="#unmodelled">Not compared</a>')
    expect(html).toContain('<section id="unmodelled"><h2>Not in the schemas, so not compared</h2>')
    expect(html).toContain(
      '<tr data-side="to"><td>to</td><td>rule</td><td class="mono">public.&lt;b&gt;</td><td>a rewrite rule &amp; more</td></tr>',
    )
    expect(formatHtml(diff, { unmodelled: [] })).not.toContain('id="unmodelled"')
  })

  it('json: the items as given, side first, present whenever given and valid against the schema', () => {
    const text = formatJson(diff, { unmodelled })
    const report = JSON.parse(text)
    expect(Object.keys(report)).toEqual(['format', 'diff', 'findings', 'migration', 'unmodelled'])
    expect(text.slice(text.indexOf('"unmodelled"'))).toBe(
      [
        '"unmodelled": [',
        '    {',
        '      "side": "from",',
        '      "kind": "rule",',
        '      "name": "public.users.no_delete",',
        '      "why": "a rewrite rule: the model has no rules; not read"',
        '    },',
        '    {',
        '      "side": "from",',
        '      "kind": "publication",',
        '      "name": "everything",',
        '      "why": "a logical replication publication: the model has no publications; not read"',
        '    },',
        '    {',
        '      "side": "to",',
        '      "kind": "rule",',
        '      "name": "public.users.no_delete",',
        '      "why": "a rewrite rule: the model has no rules; not read"',
        '    },',
        '    {',
        '      "side": "to",',
        '      "kind": "event_trigger",',
        '      "name": "audit_ddl",',
        '      "why": "an event trigger (ON ddl_command_end): the model has no event triggers; not read"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    )
    expect(JSON.parse(formatJson(diff, { unmodelled: [] })).unmodelled).toEqual([])
    expect('unmodelled' in JSON.parse(formatJson(diff))).toBe(false)
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(reportJsonSchema())
    expect(validate(report)).toBe(true)
    expect(validate({ ...report, unmodelled: [{ ...unmodelled[0], side: 'left' }] })).toBe(false)
    expect(validate({ ...report, unmodelled: [{ side: 'to', kind: 'rule', name: 'r' }] })).toBe(false)
  })

  it('sarif: note results of one rule, in the document of their side, valid SARIF', () => {
    const text = formatSarif(
      { documents: ['db/v1.sql', 'db/v2.sql'], findings: [finding], unmodelled },
      { toolVersion: '1.0.0' },
    )
    const log = JSON.parse(text)
    const { id, ...vendored } = JSON.parse(
      readFileSync(new URL('./sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>
    delete vendored.$schema
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile({
      ...vendored,
      $id: id as string,
    })
    expect(validate(log)).toBe(true)
    const run = log.runs[0]
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['DS002', UNMODELLED_RULE])
    expect(run.tool.driver.rules[1]).toMatchObject({
      id: 'unmodelled-object',
      shortDescription: { text: 'Not in the schema, so not compared' },
      defaultConfiguration: { level: 'note' },
    })
    expect(run.artifacts).toEqual([{ location: { uri: 'db/v1.sql' } }, { location: { uri: 'db/v2.sql' } }])
    const notes = run.results.filter((r: { ruleId: string }) => r.ruleId === UNMODELLED_RULE)
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'note',
        message: {
          text: 'rule public.users.no_delete is not in the schema of either version: a rewrite rule: the model has no rules; not read. The diff does not compare it.',
        },
        locations: [
          expect.objectContaining({
            physicalLocation: expect.objectContaining({ artifactLocation: { uri: 'db/v2.sql' } }),
          }),
        ],
      }),
      {
        ruleId: 'unmodelled-object',
        ruleIndex: 1,
        level: 'note',
        message: {
          text: 'publication everything is not in the schema of the from version (db/v1.sql): a logical replication publication: the model has no publications; not read. The diff does not compare it.',
        },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: 'db/v1.sql' }, region: { startLine: 1 } },
            logicalLocations: [{ fullyQualifiedName: 'publication:everything', kind: 'member' }],
          },
        ],
        partialFingerprints: { 'schemaledger/v1': 'unmodelled-object:from:publication:everything' },
        properties: {
          side: 'from',
          kind: 'publication',
          name: 'everything',
          why: 'a logical replication publication: the model has no publications; not read',
        },
      },
      expect.objectContaining({
        message: {
          text: 'event_trigger audit_ddl is not in the schema of the to version (db/v2.sql): an event trigger (ON ddl_command_end): the model has no event triggers; not read. The diff does not compare it.',
        },
      }),
    ])
    // Without unmodelled objects the log is what it was: no rule, no artifact of the from document.
    const plain = JSON.parse(
      formatSarif({ documents: ['db/v1.sql', 'db/v2.sql'], findings: [finding], unmodelled: [] }),
    )
    expect(plain.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['DS002'])
    expect(plain.runs[0].artifacts).toEqual([{ location: { uri: 'db/v2.sql' } }])
  })
})
