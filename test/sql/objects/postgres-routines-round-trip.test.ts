import { expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { toCanonicalDocument } from '../../../src/model/serialize-schema.js'
import { createSchemaSQL } from '../../../src/sql/create-schema-sql.js'
import { run } from '../../engines/engines.js'
import { describeEngines, read, resetDatabase } from '../postgres/harness.js'
import { catalog, HAND_WRITTEN } from './pg-objects-fixture.js'

// Functions, procedures, triggers and sequences written by hand, read back by introspection, then
// created from the document on an empty database: the catalog prints the same definitions.

describeEngines('routines, triggers and sequences round trip', (engine) => {
  it('reads hand-written objects and creates them again identically', { timeout: 120_000 }, async () => {
    const e = engine()
    await resetDatabase(e)
    await e.exec(HAND_WRITTEN)
    const expected = await catalog(e)
    const schema = await read(e)
    const statements = createSchemaSQL(schema, 'postgres')
    await resetDatabase(e)
    await run(e, statements)
    expect(await catalog(e)).toEqual(expected)
    expect(diffSchemas(schema, await read(e)).changes).toEqual([])
    const doc = toCanonicalDocument(schema) as { functions: unknown[]; triggers: unknown[]; sequences: unknown[] }
    expect(doc.sequences).toHaveLength(2)
    expect(doc.functions).toHaveLength(5)
    expect(doc.triggers).toEqual([
      {
        name: 'orders_audit',
        table: 'orders',
        timing: 'after',
        events: ['insert', 'delete'],
        level: 'statement',
        function: 'touch',
        enabled: 'disabled',
      },
      {
        name: 'orders_touch',
        table: 'orders',
        timing: 'before',
        events: ['update'],
        columns: ['total', 'code'],
        when: '(old.total IS DISTINCT FROM new.total) AND (add_tax(new.total) > (0)::numeric)',
        function: 'touch',
        arguments: ['x', "it's"],
        comment: 'keeps updated_at',
      },
    ])
  })
})
