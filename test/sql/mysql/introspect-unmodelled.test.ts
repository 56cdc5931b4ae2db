import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { introspectDatabase } from '../../../src/introspect/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { mariadb } from './harness.js'

// Introspection of what the model cannot hold on MariaDB: system-versioned tables are read with their
// flag but without declared SYSTEM_TIME period columns (and the row end column MariaDB adds to every
// unique key), so foreign keys to them resolve; the period and an index on a period column are listed
// with why. Partitioning is modelled. Nothing throws, and the engine's own catalog holds every object
// listed.

const DDL = `
CREATE TABLE plans (id int PRIMARY KEY, price int) WITH SYSTEM VERSIONING;
CREATE TABLE prices (id int PRIMARY KEY, amount int,
  rs timestamp(6) GENERATED ALWAYS AS ROW START, re timestamp(6) GENERATED ALWAYS AS ROW END,
  PERIOD FOR SYSTEM_TIME (rs, re), UNIQUE KEY uq_prices_amount (amount), KEY ix_prices_rs (rs)) WITH SYSTEM VERSIONING;
CREATE TABLE subscriptions (id int PRIMARY KEY, plan_id int, price_id int,
  CONSTRAINT fk_plan FOREIGN KEY (plan_id) REFERENCES plans (id),
  CONSTRAINT fk_price FOREIGN KEY (price_id) REFERENCES prices (id));
CREATE TABLE logs (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at))
  PARTITION BY RANGE (year(at)) (PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);
`

describe.skipIf(mariadb.skipReason !== undefined)(
  engineTitle(mariadb, 'introspection of system-versioned and partitioned tables'),
  () => {
    let engine: Engine
    beforeAll(async () => {
      engine = await mariadb.open()
    })
    afterAll(async () => {
      await engine?.close()
    })

    it('reads them as plain tables, keeps the keys that reference them, and lists the rest', async () => {
      await engine.exec(DDL)
      const read = await introspectDatabase((sql, params) => engine.query(sql, params), { dialect: 'mariadb' })
      const int = (name: string, nullable = true) => ({ name, type: { kind: 'integer' }, nullable })
      // The table options (engine, charset, collation, row format): the database's defaults (no row format declared).
      const [defaults] = await engine.query(
        `SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation
         FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
      )
      const options = { engine: 'InnoDB', ...defaults, rowFormat: 'DEFAULT', keyBlockSize: '0' }
      expect(read.schema.tables).toEqual([
        {
          name: 'logs',
          ...options,
          partitionBy: { method: 'range', key: ['year(at)'] },
          partitions: [
            { name: 'p2024', lessThan: ['2025'] },
            { name: 'pmax', lessThan: ['MAXVALUE'] },
          ],
          columns: [int('id', false), { name: 'at', type: { kind: 'date' }, nullable: false }],
          constraints: [{ type: 'primary_key', columns: ['id', 'at'] }],
          indexes: [],
        },
        {
          name: 'plans',
          ...options,
          systemVersioning: true,
          columns: [int('id', false), int('price')],
          constraints: [{ type: 'primary_key', columns: ['id'] }],
          indexes: [],
        },
        {
          name: 'prices',
          ...options,
          systemVersioning: true,
          columns: [int('id', false), int('amount')],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            { type: 'unique', name: 'uq_prices_amount', columns: ['amount'] },
          ],
          indexes: [],
        },
        {
          name: 'subscriptions',
          ...options,
          columns: [int('id', false), int('plan_id'), int('price_id')],
          constraints: [
            { type: 'primary_key', columns: ['id'] },
            ...[
              ['fk_plan', 'plan_id', 'plans'],
              ['fk_price', 'price_id', 'prices'],
            ].map(([name, column, table]) => ({
              type: 'foreign_key',
              name,
              columns: [column],
              referencedTable: table,
              referencedColumns: ['id'],
              onDelete: 'restrict',
              onUpdate: 'restrict',
            })),
          ],
          indexes: [],
        },
      ])
      expect(read.unmodelled).toEqual([
        {
          kind: 'system_versioning',
          name: 'prices',
          why: 'PERIOD FOR SYSTEM_TIME (rs, re): the model has system versioning but not its declared period columns; read with the invisible ones MariaDB adds by itself, without rs and re',
        },
        {
          kind: 'index',
          name: 'prices.ix_prices_rs',
          why: 'uses column "rs" of "prices", which is not read: a declared column of the SYSTEM_TIME period (the model has only the implicit ones); left out of the schema',
        },
      ])
      // The engine's catalog: the versioned tables, the keys that reference them, the row end column
      // MariaDB put into the unique keys, and the index on the period column.
      const types = await engine.query(
        `SELECT TABLE_NAME AS t, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1`,
      )
      expect(types.map((r) => `${r.t} ${r.type}`)).toEqual([
        'logs BASE TABLE',
        'plans SYSTEM VERSIONED',
        'prices SYSTEM VERSIONED',
        'subscriptions BASE TABLE',
      ])
      const keys = await engine.query(
        `SELECT INDEX_NAME AS k, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols FROM information_schema.STATISTICS
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'prices' GROUP BY INDEX_NAME ORDER BY 1`,
      )
      expect(keys.map((r) => `${r.k}: ${r.cols}`)).toEqual([
        'ix_prices_rs: rs',
        'PRIMARY: id,re',
        'uq_prices_amount: amount,re',
      ])
      const references = await engine.query(
        `SELECT CONSTRAINT_NAME AS name, REFERENCED_TABLE_NAME AS ref FROM information_schema.REFERENTIAL_CONSTRAINTS
         WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY 1`,
      )
      expect(references.map((r) => `${r.name} -> ${r.ref}`)).toEqual(['fk_plan -> plans', 'fk_price -> prices'])
    })
  },
)
