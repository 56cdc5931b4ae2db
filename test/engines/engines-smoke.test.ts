import { describe, expect, it } from 'vitest'
import { ENGINES, engineTitle, withEngine } from './engines.js'

// Every engine the SQL tests use opens, runs DDL and DML, and resets to empty.
describe('test engines', () => {
  for (const factory of ENGINES) {
    it.skipIf(factory.skipReason !== undefined)(engineTitle(factory, 'opens, runs SQL and resets'), async () => {
      await withEngine(factory, async (engine) => {
        await engine.exec('CREATE TABLE t (a integer)')
        await engine.exec('INSERT INTO t VALUES (1)')
        expect(await engine.query('SELECT a FROM t')).toEqual([{ a: 1 }])
        await engine.reset()
        await engine.exec('CREATE TABLE t (b integer)')
      })
    })
  }
})
