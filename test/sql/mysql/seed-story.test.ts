import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Schema } from '../../../src/index.js'
import { isSchemaLedgerError, parseSchema } from '../../../src/index.js'
import { toSQL } from '../../../src/sql/index.js'
import { type Engine, engineTitle } from '../../engines/engines.js'
import { applyBothWays, mariadb, plan } from './harness.js'

// The seed story on MySQL. v2 widens users.id to bigint while posts.user_id stays int: MySQL refuses
// a foreign key between the two, so the plan fails up front naming both columns (rather than SQL that
// stops halfway). A variant where posts.user_id becomes bigint too plans and applies both ways.

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8'))
const v1 = parseSchema(read('seed-v1.json'))
const v2 = parseSchema(read('seed-v2.json'))
const v2b: Schema = (() => {
  const doc = read('seed-v2.json')
  doc.metadata.tables[1].columns[3].type = 'BigInteger' // posts.user_id
  return parseSchema(doc)
})()

describe('mysql: the seed story', () => {
  it('refuses v1 -> v2, naming both columns of the foreign key', () => {
    let error: unknown
    try {
      plan(v1, v2)
    } catch (e) {
      error = e
    }
    expect(isSchemaLedgerError(error) && error.code).toBe('incompatible_foreign_key')
    expect((error as Error).message).toContain('users.id becomes bigint')
    expect((error as Error).message).toContain('posts.user_id (integer) to users.id (bigint)')
  })

  it('plans v1 -> v2 with posts.user_id widened too: keys dropped around the MODIFYs', () => {
    expect(toSQL(plan(v1, v2b))).toBe(
      [
        '-- schemaledger migration: mysql, up',
        '-- Not run in a transaction: mysql commits every DDL statement on its own.',
        'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
        'ALTER TABLE `users` DROP INDEX `users_email_key`;',
        'CREATE TABLE `tags` (',
        '  `id` INT NOT NULL AUTO_INCREMENT,',
        '  `name` VARCHAR(50) NOT NULL,',
        '  PRIMARY KEY (`id`),',
        '  CONSTRAINT `tags_name_key` UNIQUE (`name`)',
        ');',
        'ALTER TABLE `posts` ADD COLUMN `body` TEXT AFTER `title`;',
        'ALTER TABLE `posts` ADD COLUMN `score` DECIMAL(10,2);',
        'ALTER TABLE `users` ADD COLUMN `is_active` BOOLEAN NOT NULL DEFAULT TRUE AFTER `email`;',
        'ALTER TABLE `users` ADD COLUMN `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP AFTER `is_active`;',
        "ALTER TABLE `users` ADD COLUMN `role` ENUM('admin','member','guest') NOT NULL DEFAULT 'member';",
        '-- destructive: alter_column posts.title',
        'ALTER TABLE `posts` MODIFY COLUMN `title` VARCHAR(100) NOT NULL;',
        'ALTER TABLE `posts` MODIFY COLUMN `user_id` BIGINT NOT NULL;',
        'ALTER TABLE `users` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT;',
        'ALTER TABLE `users` MODIFY COLUMN `username` VARCHAR(80) NOT NULL;',
        'ALTER TABLE `posts` ADD CONSTRAINT `ck_posts_score` CHECK (score >= 0);',
        'CREATE UNIQUE INDEX `ix_users_email` ON `users` (`email`);',
        'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION;',
        '-- destructive: drop_column posts.content',
        'ALTER TABLE `posts` DROP COLUMN `content`;',
        '',
      ].join('\n'),
    )
  })
})

describe.skipIf(mariadb.skipReason !== undefined)(engineTitle(mariadb, 'the seed story applied'), () => {
  let engine: Engine
  beforeAll(async () => {
    engine = await mariadb.open()
  })
  afterAll(async () => {
    await engine?.close()
  })

  it('v1 -> v2 (posts.user_id widened too) and back; the named enum reads back inline', async () => {
    await applyBothWays(engine, v1, v2b)
  })
})
