import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defineSchema } from '../../../src/index.js'
import { toSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { KEY_CASES } from './cases-keys.js'
import { TABLE_CASES } from './cases-tables.js'
import { applyBothWays, mariadb, plan } from './harness.js'

// One migration per change kind and altered field: the exact script a reviewer reads, then the same
// migration applied on MariaDB in both directions, with the database introspected after each.

const HEADER = (direction: 'up' | 'down') => [
  `-- schemaledger migration: mysql, ${direction}`,
  '-- Not run in a transaction: mysql commits every DDL statement on its own.',
]
const CASES = [...TABLE_CASES, ...KEY_CASES]
const script = (direction: 'up' | 'down', lines: readonly string[]) =>
  `${[...HEADER(direction), ...(lines.length === 0 ? ['-- no changes'] : lines)].join('\n')}\n`

describe('mysql: exact SQL per change kind', () => {
  for (const c of CASES) {
    it(c.title, () => {
      const migration = plan(defineSchema(c.from), defineSchema(c.to), c.diff)
      expect(toSQL(migration)).toBe(script('up', c.up))
      expect(toSQL(migration, { direction: 'down' })).toBe(script('down', c.down ?? []))
      expect(
        migration.up.every((s) => !s.transactional && s.reason === 'mysql commits every DDL statement on its own'),
      ).toBe(true)
    })
  }
})

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'every case applied up and down'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })
  for (const c of CASES) {
    it(c.title, async () => {
      await applyBothWays(engine, defineSchema(c.from), defineSchema(c.to), c.diff)
    })
  }
})
