import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diffSchemas } from '../../../src/index.js'
import { type Engine, engineTitle, run } from '../../engines/engines.js'
import { introspectEngine, mariadb, plan, remaining } from './harness.js'

// InnoDB renames the foreign keys it named after a table with the table: `RENAME TABLE child_item TO
// line_item` turns `child_item_ibfk_1` into `line_item_ibfk_1`. Two introspections around a real
// rename show exactly that, and the plan of a rename must not touch those names again (dropping
// `child_item_ibfk_1` after the rename fails: it no longer exists).

const CREATE = [
  'CREATE TABLE parent (id int PRIMARY KEY)',
  `CREATE TABLE child_item (id int PRIMARY KEY, parent_id int, other_id int, note varchar(20),
     FOREIGN KEY (parent_id) REFERENCES parent (id), FOREIGN KEY (other_id) REFERENCES parent (id))`,
]

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'generated names through renames'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  async function versions() {
    await engine.reset()
    for (const sql of CREATE) await engine.exec(sql)
    const from = await introspectEngine(engine)
    await engine.exec('RENAME TABLE child_item TO line_item')
    const to = await introspectEngine(engine)
    await engine.reset()
    for (const sql of CREATE) await engine.exec(sql)
    return { from, to }
  }

  for (const how of ['inferred', 'hinted'] as const) {
    it(`plans a table rename (${how}) that leaves InnoDB's foreign key names to InnoDB`, async () => {
      const { from, to } = await versions()
      const fkNames = (s: typeof from, t: string) =>
        s.tables.find((x) => x.name === t)?.constraints.flatMap((c) => (c.type === 'foreign_key' ? [c.name] : []))
      expect(fkNames(from, 'child_item')).toEqual(['child_item_ibfk_1', 'child_item_ibfk_2'])
      expect(fkNames(to, 'line_item')).toEqual(['line_item_ibfk_1', 'line_item_ibfk_2'])
      const options =
        how === 'inferred' ? ({ inferRenames: 'apply' } as const) : { renames: { tables: { child_item: 'line_item' } } }
      const migration = plan(from, to, options)
      expect(migration.up.map((s) => s.sql)).toEqual(['RENAME TABLE `child_item` TO `line_item`'])
      await run(engine, migration.up)
      expect(await remaining(engine, to)).toEqual([])
      const after = await introspectEngine(engine)
      expect(fkNames(after, 'line_item')).toEqual(['line_item_ibfk_1', 'line_item_ibfk_2'])
      // Planned again from the database it made: nothing left to do.
      expect(diffSchemas(after, to).changes).toEqual([])
      await run(engine, migration.down)
      expect(await remaining(engine, from)).toEqual([])
    })
  }
})
