import type { TableDefinition } from '../../../src/index.js'
import { base, column, type MigrationCase, posts, postsWith, users, usersWith, withTable } from './fixtures.js'

// Table and column changes, one case per change kind and altered field, with the exact script of
// both directions (the lines of toSQL after its two header lines). exact-sql.test.ts asserts them and
// applies every case on MariaDB.

const tags: TableDefinition = {
  name: 'tags',
  comment: "it's a tag",
  columns: [
    { name: 'id', type: 'bigint unsigned', nullable: false, autoincrement: true },
    { name: 'label', type: 'varchar(40)', nullable: false, collation: 'utf8mb4_bin', comment: 'shown as is' },
    { name: 'post_id', type: 'integer' },
    { name: 'weight', type: 'decimal(5,2)', default: '1.5' },
    { name: 'created_at', type: 'timestamp(3) with time zone', nullable: false, default: 'now()' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', name: 'uq_tags_label', columns: ['label'] },
    { type: 'check', name: 'ck_tags_weight', expression: 'weight >= 0' },
    {
      type: 'foreign_key',
      columns: ['post_id'],
      referencedTable: 'posts',
      referencedColumns: ['id'],
      onDelete: 'cascade',
    },
  ],
  indexes: [{ name: 'ix_tags_created', columns: [{ column: 'created_at', descending: true }] }],
}

/** Table and column cases. */
export const TABLE_CASES: readonly MigrationCase[] = [
  {
    title: 'create_table with keys, checks, foreign keys, indexes and comments',
    from: base,
    to: withTable(tags),
    up: [
      'CREATE TABLE `tags` (',
      '  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,',
      "  `label` VARCHAR(40) COLLATE `utf8mb4_bin` NOT NULL COMMENT 'shown as is',",
      '  `post_id` INT,',
      '  `weight` DECIMAL(5,2) DEFAULT 1.5,',
      '  `created_at` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),',
      '  PRIMARY KEY (`id`),',
      '  CONSTRAINT `uq_tags_label` UNIQUE (`label`),',
      '  CONSTRAINT `tags_post_id_fkey` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,',
      '  CONSTRAINT `ck_tags_weight` CHECK (weight >= 0),',
      '  INDEX `ix_tags_created` (`created_at` DESC)',
      ") COMMENT 'it''s a tag';",
    ],
    down: ['-- destructive: drop_table tags', 'DROP TABLE `tags`;'],
  },
  {
    title: 'drop_table',
    from: withTable(tags),
    to: base,
    up: ['-- destructive: drop_table tags', 'DROP TABLE `tags`;'],
    down: [
      'CREATE TABLE `tags` (',
      '  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,',
      "  `label` VARCHAR(40) COLLATE `utf8mb4_bin` NOT NULL COMMENT 'shown as is',",
      '  `post_id` INT,',
      '  `weight` DECIMAL(5,2) DEFAULT 1.5,',
      '  `created_at` TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),',
      '  PRIMARY KEY (`id`),',
      '  CONSTRAINT `uq_tags_label` UNIQUE (`label`),',
      '  CONSTRAINT `tags_post_id_fkey` FOREIGN KEY (`post_id`) REFERENCES `posts` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,',
      '  CONSTRAINT `ck_tags_weight` CHECK (weight >= 0),',
      '  INDEX `ix_tags_created` (`created_at` DESC)',
      ") COMMENT 'it''s a tag';",
    ],
  },
  {
    title: 'rename_table renames its default-named unique key',
    from: base,
    to: {
      tables: [
        { ...users, name: 'accounts' },
        { ...posts, constraints: [posts.constraints![0]!, { ...posts.constraints![1]!, referencedTable: 'accounts' }] },
      ],
    },
    diff: { renames: { tables: { users: 'accounts' } } },
    up: [
      'RENAME TABLE `users` TO `accounts`;',
      'ALTER TABLE `accounts` RENAME INDEX `users_email_key` TO `accounts_email_key`;',
    ],
    down: [
      'RENAME TABLE `accounts` TO `users`;',
      'ALTER TABLE `users` RENAME INDEX `accounts_email_key` TO `users_email_key`;',
    ],
  },
  {
    title: 'rename_column renames the foreign key named after it',
    from: base,
    to: postsWith((t) => ({
      columns: column(t, 'user_id', { name: 'author_id' }),
      constraints: [t.constraints![0]!, { ...t.constraints![1]!, columns: ['author_id'] }],
    })),
    diff: { renames: { columns: { 'posts.user_id': 'author_id' } } },
    up: [
      'ALTER TABLE `posts` RENAME COLUMN `user_id` TO `author_id`;',
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_author_id_fkey` FOREIGN KEY (`author_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
    down: [
      'ALTER TABLE `posts` RENAME COLUMN `author_id` TO `user_id`;',
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_author_id_fkey`, DROP INDEX IF EXISTS `posts_author_id_fkey`;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'rename_table renames default-named checks, indexes and foreign keys',
    from: postsWith((t) => ({
      constraints: [...t.constraints!, { type: 'check', expression: "title <> ''" }],
      indexes: [{ columns: ['title'] }],
    })),
    to: {
      tables: [
        users,
        {
          ...posts,
          name: 'articles',
          constraints: [...posts.constraints!, { type: 'check', expression: "title <> ''" }],
          indexes: [{ columns: ['title'] }],
        },
      ],
    },
    diff: { renames: { tables: { posts: 'articles' } } },
    up: [
      'RENAME TABLE `posts` TO `articles`;',
      'ALTER TABLE `articles` RENAME INDEX `posts_title_idx` TO `articles_title_idx`;',
      'ALTER TABLE `articles` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `articles` DROP CONSTRAINT `posts_d05daf11_check`;',
      "ALTER TABLE `articles` ADD CONSTRAINT `articles_d05daf11_check` CHECK (title <> '');",
      'ALTER TABLE `articles` ADD CONSTRAINT `articles_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
    down: [
      'RENAME TABLE `articles` TO `posts`;',
      'ALTER TABLE `posts` RENAME INDEX `articles_title_idx` TO `posts_title_idx`;',
      'ALTER TABLE `posts` DROP FOREIGN KEY `articles_user_id_fkey`, DROP INDEX IF EXISTS `articles_user_id_fkey`;',
      'ALTER TABLE `posts` DROP CONSTRAINT `articles_d05daf11_check`;',
      "ALTER TABLE `posts` ADD CONSTRAINT `posts_d05daf11_check` CHECK (title <> '');",
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'alter_table comment',
    from: base,
    to: usersWith(() => ({ comment: 'people; "quoted" \\ too' })),
    up: ['ALTER TABLE `users` COMMENT = \'people; "quoted" \\\\ too\';'],
    down: ["ALTER TABLE `users` COMMENT = '';"],
  },
  {
    title: 'add_column at the end',
    from: base,
    to: usersWith((t) => ({ columns: [...t.columns, { name: 'bio', type: 'text' }] })),
    up: ['ALTER TABLE `users` ADD COLUMN `bio` TEXT;'],
    down: ['-- destructive: drop_column users.bio', 'ALTER TABLE `users` DROP COLUMN `bio`;'],
  },
  {
    title: 'add_column in the middle and first',
    from: base,
    to: usersWith((t) => ({
      columns: [
        { name: 'uuid', type: 'uuid' },
        t.columns[0]!,
        { name: 'age', type: 'smallint unsigned', nullable: false, default: '0' },
        ...t.columns.slice(1),
      ],
    })),
    up: [
      'ALTER TABLE `users` ADD COLUMN `uuid` UUID FIRST;',
      'ALTER TABLE `users` ADD COLUMN `age` SMALLINT UNSIGNED NOT NULL DEFAULT 0 AFTER `id`;',
    ],
    down: [
      '-- destructive: drop_column users.uuid',
      'ALTER TABLE `users` DROP COLUMN `uuid`;',
      '-- destructive: drop_column users.age',
      'ALTER TABLE `users` DROP COLUMN `age`;',
    ],
  },
  {
    title: 'drop_column',
    from: base,
    to: usersWith((t) => ({ columns: t.columns.filter((c) => c.name !== 'name') })),
    up: ['-- destructive: drop_column users.name', 'ALTER TABLE `users` DROP COLUMN `name`;'],
    down: ['ALTER TABLE `users` ADD COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'rename_column renames the unique key named after it',
    from: base,
    to: usersWith((t) => ({
      columns: column(t, 'email', { name: 'mail' }),
      constraints: [t.constraints![0]!, { type: 'unique', columns: ['mail'] }],
    })),
    diff: { renames: { columns: { 'users.email': 'mail' } } },
    up: [
      'ALTER TABLE `users` RENAME COLUMN `email` TO `mail`;',
      'ALTER TABLE `users` RENAME INDEX `users_email_key` TO `users_mail_key`;',
    ],
    down: [
      'ALTER TABLE `users` RENAME COLUMN `mail` TO `email`;',
      'ALTER TABLE `users` RENAME INDEX `users_mail_key` TO `users_email_key`;',
    ],
  },
  {
    title: 'alter_column type (widening)',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { type: 'varchar(80)' }) })),
    up: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(80);'],
    down: ['-- destructive: alter_column users.name', 'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column type (narrowing, destructive)',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { type: 'varchar(20)' }) })),
    up: ['-- destructive: alter_column users.name', 'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(20);'],
    down: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column nullable',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { nullable: false }) })),
    up: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50) NOT NULL;'],
    down: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column default (literal with quote and backslash)',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { default: "'O''Brien \\ co'" }) })),
    up: ["ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50) DEFAULT 'O''Brien \\\\ co';"],
    down: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column default (expression)',
    from: postsWith((t) => ({ columns: [...t.columns, { name: 'at', type: 'timestamp' }] })),
    to: postsWith((t) => ({ columns: [...t.columns, { name: 'at', type: 'timestamp', default: 'now()' }] })),
    up: ['ALTER TABLE `posts` MODIFY COLUMN `at` DATETIME DEFAULT CURRENT_TIMESTAMP;'],
    down: ['ALTER TABLE `posts` MODIFY COLUMN `at` DATETIME;'],
  },
  {
    title: 'alter_column autoincrement off and on',
    from: base,
    to: postsWith((t) => ({ columns: column(t, 'id', { autoincrement: undefined }) })),
    up: ['ALTER TABLE `posts` MODIFY COLUMN `id` INT NOT NULL;'],
    down: ['ALTER TABLE `posts` MODIFY COLUMN `id` INT NOT NULL AUTO_INCREMENT;'],
  },
  {
    title: 'alter_column comment',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { comment: "the user's name" }) })),
    up: ["ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50) COMMENT 'the user''s name';"],
    down: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column collation',
    from: base,
    to: usersWith((t) => ({ columns: column(t, 'name', { collation: 'utf8mb4_bin' }) })),
    up: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50) COLLATE `utf8mb4_bin`;'],
    down: ['ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column several fields in one MODIFY',
    from: base,
    to: usersWith((t) => ({
      columns: column(t, 'name', { type: 'varchar(100)', nullable: false, default: "'anon'", comment: 'display name' }),
    })),
    up: ["ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(100) NOT NULL DEFAULT 'anon' COMMENT 'display name';"],
    down: ['-- destructive: alter_column users.name', 'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);'],
  },
  {
    title: 'alter_column type on both sides of a foreign key',
    from: base,
    to: {
      tables: [
        { ...users, columns: column(users, 'id', { type: 'bigint' }) },
        { ...posts, columns: column(posts, 'user_id', { type: 'bigint' }) },
      ],
    },
    up: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `posts` MODIFY COLUMN `user_id` BIGINT NOT NULL;',
      'ALTER TABLE `users` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
    down: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      '-- destructive: alter_column posts.user_id',
      'ALTER TABLE `posts` MODIFY COLUMN `user_id` INT NOT NULL;',
      '-- destructive: alter_column users.id',
      'ALTER TABLE `users` MODIFY COLUMN `id` INT NOT NULL AUTO_INCREMENT;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'alter_column generated expression (MODIFY)',
    from: usersWith((t) => ({
      columns: [
        ...t.columns,
        { name: 'email_len', type: 'integer', generated: { expression: 'length(email)', stored: true } },
      ],
    })),
    to: usersWith((t) => ({
      columns: [
        ...t.columns,
        { name: 'email_len', type: 'integer', generated: { expression: 'char_length(email)', stored: true } },
      ],
    })),
    up: ['ALTER TABLE `users` MODIFY COLUMN `email_len` INT GENERATED ALWAYS AS (char_length(email)) STORED;'],
    down: ['ALTER TABLE `users` MODIFY COLUMN `email_len` INT GENERATED ALWAYS AS (length(email)) STORED;'],
  },
  {
    title: 'alter_column becoming generated (drop and add)',
    from: usersWith((t) => ({ columns: [...t.columns, { name: 'email_len', type: 'integer' }] })),
    to: usersWith((t) => ({
      columns: [
        ...t.columns,
        { name: 'email_len', type: 'integer', generated: { expression: 'length(email)', stored: false } },
      ],
    })),
    up: [
      '-- destructive: alter_column users.email_len',
      'ALTER TABLE `users` DROP COLUMN `email_len`;',
      'ALTER TABLE `users` ADD COLUMN `email_len` INT GENERATED ALWAYS AS (length(email)) VIRTUAL;',
    ],
    down: [
      '-- destructive: alter_column users.email_len',
      'ALTER TABLE `users` DROP COLUMN `email_len`;',
      'ALTER TABLE `users` ADD COLUMN `email_len` INT;',
    ],
  },
  {
    title: 'alter_column position (comparePositions)',
    from: base,
    to: usersWith((t) => ({ columns: [t.columns[0]!, t.columns[2]!, t.columns[1]!] })),
    diff: { comparePositions: true },
    up: [
      'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50) AFTER `id`;',
      "ALTER TABLE `users` MODIFY COLUMN `email` VARCHAR(120) NOT NULL DEFAULT '';",
    ],
    down: [
      "ALTER TABLE `users` MODIFY COLUMN `email` VARCHAR(120) NOT NULL DEFAULT '' AFTER `id`;",
      'ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(50);',
    ],
  },
]
