import { describe, expect, it } from 'vitest'
import { formatHtml, formatJson, formatMarkdown, formatText } from '../../src/format/index.js'
import { diffSchemas, parseSchema } from '../../src/index.js'

// Views, routines, triggers and sequences in every report: one small diff, exact text. The long
// report of the same kinds is the golden scenario test/golden/objects.

const orders = { name: 'orders', columns: [{ name: 'id', type: 'integer', nullable: false }] }
const touch = (body: string) => ({ name: 'touch', arguments: '', returns: 'trigger', language: 'plpgsql', body })
const from = parseSchema({
  format: 'schemaledger/1',
  tables: [orders],
  sequences: [{ name: 'order_numbers', type: 'bigint', increment: '1' }],
  views: [{ name: 'recent', definition: 'SELECT id FROM orders' }],
  functions: [touch('BEGIN RETURN NEW; END')],
})
const to = parseSchema({
  format: 'schemaledger/1',
  tables: [orders],
  sequences: [{ name: 'order_numbers', type: 'bigint', increment: '5' }],
  functions: [touch('BEGIN RETURN NULL; END')],
  triggers: [{ name: 'orders_touch', table: 'orders', timing: 'before', events: ['update'], function: 'touch' }],
})
const diff = diffSchemas(from, to)

describe('reports of object changes', () => {
  it('text: counts per kind, then one block per object with its details', () => {
    expect(formatText(diff)).toBe(
      [
        '4 changes: sequences ~1, functions ~1, views -1, triggers +1',
        '',
        '~ sequence order_numbers',
        '    increment: 1 -> 5',
        '',
        '~ function touch()',
        '    body: BEGIN RETURN NEW; END -> BEGIN RETURN NULL; END',
        '',
        '- view recent',
        '',
        '+ trigger orders.orders_touch',
        '',
        '(+ added, - removed, ~ changed)',
        '',
      ].join('\n'),
    )
  })

  it('markdown: a summary row per kind and a section of the objects', () => {
    expect(formatMarkdown(diff)).toBe(
      [
        '## Schema changes',
        '',
        '**4 changes**',
        '',
        '|  | Added | Changed | Removed | Renamed |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| sequences | 0 | 1 | 0 | 0 |',
        '| functions | 0 | 1 | 0 | 0 |',
        '| views | 0 | 0 | 1 | 0 |',
        '| triggers | 1 | 0 | 0 | 0 |',
        '',
        '### Views, routines and other objects',
        '',
        '|  | Change | Details |',
        '| :-: | --- | --- |',
        '| changed | `sequence order_numbers` | `increment: 1 -> 5` |',
        '| changed | `function touch()` | `body: BEGIN RETURN NEW; END -> BEGIN RETURN NULL; END` |',
        '| removed | `view recent` |  |',
        '| added | `trigger orders.orders_touch` |  |',
        '',
      ].join('\n'),
    )
  })

  it('html: a count per kind and a filterable row per object', () => {
    const html = formatHtml(diff)
    expect(html).toContain(
      '<ul class="counts"><li>sequences <span class="n-changed">~1</span></li><li>functions <span class="n-changed">~1</span></li><li>views <span class="n-removed">−1</span></li><li>triggers <span class="n-added">+1</span></li></ul>',
    )
    expect(html.slice(html.indexOf('<ol id="change-list">'), html.indexOf('</ol>') + 5)).toBe(
      [
        '<ol id="change-list">',
        '<li class="s-changed" data-status="changed" data-findings="0" data-search=" sequence order_numbers increment: 1 -&gt; 5"><span class="mark m-changed" title="changed">~</span><span class="mono">sequence order_numbers</span><ul class="details"><li class="mono">increment: 1 -&gt; 5</li></ul></li>',
        '<li class="s-changed" data-status="changed" data-findings="0" data-search=" function touch() body: begin return new; end -&gt; begin return null; end"><span class="mark m-changed" title="changed">~</span><span class="mono">function touch()</span><ul class="details"><li class="mono">body: BEGIN RETURN NEW; END -&gt; BEGIN RETURN NULL; END</li></ul></li>',
        '<li class="s-removed" data-status="removed" data-findings="0" data-search=" view recent"><span class="mark m-removed" title="removed">-</span><span class="mono">view recent</span></li>',
        '<li class="s-added" data-status="added" data-findings="0" data-search=" trigger orders.orders_touch"><span class="mark m-added" title="added">+</span><span class="mono">trigger orders.orders_touch</span></li>',
        '</ol>',
      ].join('\n'),
    )
  })

  it('json: each change with its kind and kind:name path, and the counts per kind', () => {
    const report = JSON.parse(formatJson(diff))
    expect(report.diff.changes.map((c: { kind: string; path: string }) => `${c.kind} ${c.path}`)).toEqual([
      'alter_sequence sequence:order_numbers',
      'alter_function function:touch()',
      'drop_view view:recent',
      'create_trigger trigger:orders.orders_touch',
    ])
    expect(report.diff.changes[1]).toEqual({
      kind: 'alter_function',
      path: 'function:touch()',
      object: 'function',
      name: 'touch()',
      before: touch('BEGIN RETURN NEW; END'),
      after: touch('BEGIN RETURN NULL; END'),
      changes: ['body'],
    })
    expect(report.diff.summary.objects).toEqual({
      sequence: { added: 0, removed: 0, renamed: 0, altered: 1 },
      function: { added: 0, removed: 0, renamed: 0, altered: 1 },
      view: { added: 0, removed: 1, renamed: 0, altered: 0 },
      trigger: { added: 1, removed: 0, renamed: 0, altered: 0 },
    })
  })
})
