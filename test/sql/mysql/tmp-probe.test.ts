import { it } from 'vitest'
import { introspectEngine, mariadb, plan } from './harness.js'
import { toSQL } from '../../../src/sql/index.js'
import { defineSchema } from '../../../src/index.js'
it('probe', async () => {
  const engine = await mariadb.open()
  await engine.reset()
  await engine.exec(`CREATE TABLE h (id int, j json NOT NULL DEFAULT (_utf8mb4'{}'), v varchar(10) DEFAULT _latin1'x', w int(4) zerofill, x tinyint(3) unsigned)`)
  console.log(JSON.stringify(await engine.query(`SELECT COLUMN_NAME, COLUMN_TYPE, COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()`)))
  const s = await introspectEngine(engine)
  console.log(JSON.stringify(s.tables[0]!.columns))
  console.log(toSQL(plan(defineSchema({tables:[]}), s)))
  await engine.close()
})
