import { describe, expect, test } from 'vitest'
import { serializeSchema } from '../../src/index.js'
import { introspect } from '../../src/introspect/index.js'
import { type MigrationFile, orderMigrations, replayMigrations } from '../../src/sources/index.js'
import { LIBRARY_STEPS_MARIADB } from '../fixtures/migrations/library-steps-mariadb.js'
import { MYSQL_URL, uniqueName } from './dump-fixtures.js'
import { layOut, layoutNames } from './layout-fixtures.js'

// A golang-migrate folder for MariaDB, replayed in a scratch database on the dev server, against the
// same migrations applied by hand to a database of the test's own: equal schemas at every step.

const MIGRATIONS: Record<string, string> = {
  '1_customers.up.sql':
    'CREATE TABLE customers (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(190) NOT NULL) ENGINE=InnoDB;',
  '1_customers.down.sql': 'DROP TABLE customers;',
  '2_unique_email.up.sql': 'ALTER TABLE customers ADD UNIQUE KEY customers_email (email);',
  '3_seed.up.sql': "INSERT INTO customers (email) VALUES ('a@example.com'), ('b@example.com');",
  '4_tier.up.sql': "ALTER TABLE customers ADD COLUMN tier ENUM('free','pro') NOT NULL DEFAULT 'free';",
  '5_backfill_tier.up.sql': "UPDATE customers SET tier = 'pro' WHERE email LIKE 'a@%';",
  '6_orders.up.sql': [
    'CREATE TABLE orders (',
    '  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,',
    '  customer_id INT UNSIGNED NOT NULL,',
    '  total DECIMAL(10,2) NOT NULL,',
    '  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE',
    ') ENGINE=InnoDB;',
  ].join('\n'),
  '7_rename_total.up.sql': 'ALTER TABLE orders CHANGE COLUMN total amount DECIMAL(12,2) NOT NULL;',
  '8_index_amount.up.sql': 'CREATE INDEX orders_amount ON orders (customer_id, amount);',
  '9_trigger.up.sql':
    'CREATE TRIGGER orders_guard BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.amount < 0 THEN SET NEW.amount = 0; END IF; END;',
}
const files: MigrationFile[] = Object.entries(MIGRATIONS).map(([path, text]) => ({ path, text }))

describe('replaying a MariaDB migration folder on the dev server', { timeout: 300_000 }, () => {
  test.skipIf(!MYSQL_URL)(
    `every step equals the server's schema after the same migrations${MYSQL_URL ? '' : ' (skipped: SCHEMALEDGER_MYSQL_URL is not set)'}`,
    async () => {
      const timeline = await replayMigrations(files, { dialect: 'mariadb', devUrl: MYSQL_URL })
      expect(timeline.failure).toBeUndefined()
      expect(timeline.layout).toBe('golang-migrate')
      expect(timeline.steps.map((s) => s.diff.changes.length > 0)).toEqual([
        true,
        true,
        false,
        true,
        false,
        true,
        true,
        true,
        // The trigger: read into the model's triggers.
        true,
      ])
      const mysql = await import('mysql2/promise')
      const database = uniqueName('sl_replay')
      const admin = await mysql.createConnection({ uri: MYSQL_URL as string })
      await admin.query(`CREATE DATABASE ${database}`)
      const db = await mysql.createConnection({ uri: MYSQL_URL as string, database })
      try {
        const query = async (sql: string, params?: readonly unknown[]) =>
          (await db.query(sql, params as unknown[]))[0] as Record<string, unknown>[]
        for (const [i, migration] of orderMigrations(files).migrations.entries()) {
          await db.query(migration.sql)
          const onServer = await introspect(query, { dialect: 'mariadb' })
          expect(serializeSchema(timeline.steps[i]?.schema as never), migration.name).toBe(serializeSchema(onServer))
        }
      } finally {
        await db.end()
        await admin.query(`DROP DATABASE IF EXISTS ${database}`)
        await admin.end()
      }
    },
  )
})

// The library steps (42 MariaDB migrations) as a dbmate folder: replayed once on the dev server, then
// applied by hand in a database of the test's own; the schemas are equal after every migration.
describe('replaying a 42-migration dbmate folder for MariaDB on the dev server', { timeout: 600_000 }, () => {
  test.skipIf(!MYSQL_URL)(
    `every step equals the server's schema after the same migrations${MYSQL_URL ? '' : ' (skipped: SCHEMALEDGER_MYSQL_URL is not set)'}`,
    async () => {
      const library = layOut(LIBRARY_STEPS_MARIADB, 'dbmate')
      expect(LIBRARY_STEPS_MARIADB.length).toBe(42)
      const timeline = await replayMigrations(library, { dialect: 'mariadb', devUrl: MYSQL_URL })
      expect(timeline.failure).toBeUndefined()
      expect(timeline.layout).toBe('dbmate')
      expect(timeline.steps.map((s) => s.name)).toEqual(layoutNames(LIBRARY_STEPS_MARIADB, 'dbmate'))
      const kinds = (name: string) =>
        timeline.steps.find((s) => s.name.endsWith(`_${name}`))?.diff.changes.map((c) => `${c.kind} ${c.path}`)
      expect(kinds('backfill_price')).toEqual([])
      expect(kinds('price_not_null')).toEqual(['alter_column books.price'])
      // The foreign key that pointed at members now points at patrons.
      expect(kinds('rename_members_to_patrons')?.sort()).toEqual([
        'alter_constraint loans.loans_member_fk',
        'create_table patrons',
        'drop_table members',
      ])
      expect(timeline.steps.at(-1)?.schema.tables.map((t) => t.name)).toEqual([
        'authors',
        'book_genres',
        'books',
        'genres',
        'loans',
        'patrons',
      ])
      const mysql = await import('mysql2/promise')
      const database = uniqueName('sl_library')
      const admin = await mysql.createConnection({ uri: MYSQL_URL as string })
      await admin.query(`CREATE DATABASE ${database}`)
      const db = await mysql.createConnection({ uri: MYSQL_URL as string, database, multipleStatements: true })
      try {
        const query = async (sql: string, params?: readonly unknown[]) =>
          (await db.query(sql, params as unknown[]))[0] as Record<string, unknown>[]
        const { migrations } = orderMigrations(library)
        expect(migrations.length).toBe(timeline.steps.length)
        for (const [i, migration] of migrations.entries()) {
          await db.query(migration.sql)
          const onServer = await introspect(query, { dialect: 'mariadb' })
          expect(serializeSchema(timeline.steps[i]?.schema as never), migration.name).toBe(serializeSchema(onServer))
        }
      } finally {
        await db.end()
        await admin.query(`DROP DATABASE IF EXISTS ${database}`)
        await admin.end()
      }
    },
  )
})
