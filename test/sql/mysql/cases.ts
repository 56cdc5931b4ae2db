import type { DiffOptions, SchemaDefinition, TableDefinition } from '../../../src/index.js'

// Small migrations, one per change kind and altered field, each with the exact script MySQL gets.
// exact-sql.test.ts asserts the scripts and applies every case on MariaDB in both directions.

/** One case: `from` -> `to` (with rename hints), and the lines of `toSQL` after its two header lines. */
export interface SqlCase {
  readonly title: string
  readonly from: SchemaDefinition
  readonly to: SchemaDefinition
  readonly renames?: DiffOptions['renames']
  readonly up: readonly string[]
  readonly down: readonly string[]
}

const users: TableDefinition = {
  name: 'users',
  columns: [
    { name: 'id', type: 'integer', nullable: false, autoincrement: true },
    { name: 'email', type: 'varchar(120)', nullable: false, default: "''" },
    { name: 'name', type: 'varchar(50)' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'unique', columns: ['email'] },
  ],
}

const posts: TableDefinition = {
  name: 'posts',
  columns: [
    { name: 'id', type: 'integer', nullable: false, autoincrement: true },
    { name: 'user_id', type: 'integer', nullable: false },
    { name: 'title', type: 'varchar(200)', nullable: false },
    { name: 'body', type: 'text' },
  ],
  constraints: [
    { type: 'primary_key', columns: ['id'] },
    { type: 'foreign_key', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] },
  ],
}

/** The starting point of most cases: users, and posts pointing at users. */
export const base: SchemaDefinition = { tables: [users, posts] }

/** `base` with one table replaced (or added) by `table`, and others dropped by name. */
export function withTable(table: TableDefinition, drop: readonly string[] = []): SchemaDefinition {
  const tables = base.tables.filter((t) => t.name !== table.name && !drop.includes(t.name))
  return { tables: [...tables, table] }
}

/** `users` with its columns changed by `edit`. */
export function usersWith(edit: (t: TableDefinition) => Partial<TableDefinition>): SchemaDefinition {
  return withTable({ ...users, ...edit(users) })
}

/** `posts` with its columns changed by `edit`. */
export function postsWith(edit: (t: TableDefinition) => Partial<TableDefinition>): SchemaDefinition {
  return withTable({ ...posts, ...edit(posts) })
}

const column = (t: TableDefinition, name: string, patch: Record<string, unknown>) =>
  t.columns.map((c) => (c.name === name ? { ...c, ...patch } : c))

export { column, posts, users }

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

/** Every case, by change kind and field. */
export const CASES: readonly SqlCase[] = [
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
    renames: { tables: { users: 'accounts' } },
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
    renames: { columns: { 'posts.user_id': 'author_id' } },
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
    renames: { tables: { posts: 'articles' } },
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
    renames: { columns: { 'users.email': 'mail' } },
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
    title: 'add_constraint unique, check and foreign key',
    from: { tables: [users, { ...posts, constraints: [posts.constraints![0]!] }] },
    to: {
      tables: [
        {
          ...users,
          constraints: [
            ...users.constraints!,
            { type: 'unique', name: 'uq_users_name', columns: ['name'] },
            { type: 'check', expression: "name <> ''" },
          ],
        },
        posts,
      ],
    },
    up: [
      'ALTER TABLE `users` ADD CONSTRAINT `uq_users_name` UNIQUE (`name`);',
      "ALTER TABLE `users` ADD CONSTRAINT `users_1142584a_check` CHECK (name <> '');",
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
    down: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `users` DROP INDEX `uq_users_name`;',
      'ALTER TABLE `users` DROP CONSTRAINT `users_1142584a_check`;',
    ],
  },
  {
    title: 'add_constraint primary key',
    from: {
      tables: [
        { ...users, columns: column(users, 'id', { autoincrement: undefined }), constraints: [users.constraints![1]!] },
      ],
    },
    to: { tables: [{ ...users, columns: column(users, 'id', { autoincrement: undefined }) }] },
    up: ['ALTER TABLE `users` ADD PRIMARY KEY (`id`);'],
    down: ['ALTER TABLE `users` DROP PRIMARY KEY;'],
  },
  {
    title: 'add_column AUTO_INCREMENT with its primary key',
    from: { tables: [{ ...users, columns: users.columns.slice(1), constraints: [users.constraints![1]!] }] },
    to: { tables: [users] },
    up: ['ALTER TABLE `users` ADD COLUMN `id` INT NOT NULL AUTO_INCREMENT FIRST, ADD PRIMARY KEY (`id`);'],
    down: [
      'ALTER TABLE `users` MODIFY COLUMN `id` INT NOT NULL, DROP PRIMARY KEY;',
      '-- destructive: drop_column users.id',
      'ALTER TABLE `users` DROP COLUMN `id`;',
    ],
  },
  {
    title: 'alter_constraint primary key holding an AUTO_INCREMENT column',
    from: { tables: [users] },
    to: {
      tables: [{ ...users, constraints: [{ type: 'primary_key', columns: ['id', 'email'] }, users.constraints![1]!] }],
    },
    up: ['ALTER TABLE `users` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `email`);'],
    down: ['ALTER TABLE `users` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`);'],
  },
  {
    title: 'alter_constraint unique rename',
    from: base,
    to: usersWith((t) => ({
      constraints: [t.constraints![0]!, { type: 'unique', name: 'uq_email', columns: ['email'] }],
    })),
    up: ['ALTER TABLE `users` RENAME INDEX `users_email_key` TO `uq_email`;'],
    down: ['ALTER TABLE `users` RENAME INDEX `uq_email` TO `users_email_key`;'],
  },
  {
    title: 'alter_constraint unique columns',
    from: base,
    to: usersWith((t) => ({
      constraints: [t.constraints![0]!, { type: 'unique', name: 'users_email_key', columns: ['email', 'name'] }],
    })),
    up: [
      'ALTER TABLE `users` DROP INDEX `users_email_key`;',
      'ALTER TABLE `users` ADD CONSTRAINT `users_email_key` UNIQUE (`email`, `name`);',
    ],
    down: [
      'ALTER TABLE `users` DROP INDEX `users_email_key`;',
      'ALTER TABLE `users` ADD CONSTRAINT `users_email_key` UNIQUE (`email`);',
    ],
  },
  {
    title: 'alter_constraint foreign key action',
    from: base,
    to: postsWith((t) => ({
      constraints: [t.constraints![0]!, { ...t.constraints![1]!, onDelete: 'cascade', onUpdate: 'restrict' }],
    })),
    up: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE ON UPDATE RESTRICT;',
    ],
    down: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'alter_constraint check expression and name',
    from: usersWith((t) => ({
      constraints: [...t.constraints!, { type: 'check', name: 'ck_name', expression: "name <> ''" }],
    })),
    to: usersWith((t) => ({
      constraints: [...t.constraints!, { type: 'check', name: 'ck_name2', expression: 'length(name) > 1' }],
    })),
    up: [
      'ALTER TABLE `users` DROP CONSTRAINT `ck_name`;',
      'ALTER TABLE `users` ADD CONSTRAINT `ck_name2` CHECK (length(name) > 1);',
    ],
    down: [
      'ALTER TABLE `users` DROP CONSTRAINT `ck_name2`;',
      "ALTER TABLE `users` ADD CONSTRAINT `ck_name` CHECK (name <> '');",
    ],
  },
  {
    title: 'add_index and drop_index',
    from: base,
    to: usersWith(() => ({
      indexes: [
        { name: 'ix_users_name', columns: ['name'] },
        {
          name: 'ix_users_name_prefix',
          columns: [
            { column: 'email', length: 10 },
            { column: 'name', descending: true },
          ],
        },
      ],
    })),
    up: [
      'CREATE INDEX `ix_users_name` ON `users` (`name`);',
      'CREATE INDEX `ix_users_name_prefix` ON `users` (`email`(10), `name` DESC);',
    ],
    down: ['DROP INDEX `ix_users_name` ON `users`;', 'DROP INDEX `ix_users_name_prefix` ON `users`;'],
  },
  {
    title: 'alter_index rename',
    from: usersWith(() => ({ indexes: [{ name: 'ix_a', columns: ['name'] }] })),
    to: usersWith(() => ({ indexes: [{ name: 'ix_b', columns: ['name'] }] })),
    up: ['ALTER TABLE `users` RENAME INDEX `ix_a` TO `ix_b`;'],
    down: ['ALTER TABLE `users` RENAME INDEX `ix_b` TO `ix_a`;'],
  },
  {
    title: 'alter_index parts',
    from: usersWith(() => ({ indexes: [{ name: 'ix_a', columns: ['name'] }] })),
    to: usersWith(() => ({ indexes: [{ name: 'ix_a', columns: ['name', 'email'] }] })),
    up: ['DROP INDEX `ix_a` ON `users`;', 'CREATE INDEX `ix_a` ON `users` (`name`, `email`);'],
    down: ['DROP INDEX `ix_a` ON `users`;', 'CREATE INDEX `ix_a` ON `users` (`name`);'],
  },
  {
    title: 'drop_index that serves a foreign key keeps an index under it',
    from: postsWith(() => ({ indexes: [{ name: 'ix_posts_user', columns: ['user_id', 'title'] }] })),
    to: base,
    up: ['ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX `posts_user_id_fkey` (`user_id`);'],
    down: ['CREATE INDEX `ix_posts_user` ON `posts` (`user_id`, `title`);'],
  },
  {
    title: 'alter_column AUTO_INCREMENT on a column that becomes the key',
    from: {
      tables: [
        { ...users, columns: column(users, 'id', { autoincrement: undefined }), constraints: [users.constraints![1]!] },
      ],
    },
    to: { tables: [users] },
    up: [
      'ALTER TABLE `users` ADD PRIMARY KEY (`id`);',
      'ALTER TABLE `users` MODIFY COLUMN `id` INT NOT NULL AUTO_INCREMENT;',
    ],
    down: ['ALTER TABLE `users` MODIFY COLUMN `id` INT NOT NULL;', 'ALTER TABLE `users` DROP PRIMARY KEY;'],
  },
  {
    title: 'drop_constraint foreign key with the index MySQL made for it',
    from: base,
    to: postsWith((t) => ({ constraints: [t.constraints![0]!] })),
    up: ['ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`, DROP INDEX IF EXISTS `posts_user_id_fkey`;'],
    down: [
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'drop_table whose foreign key points at a column changing type',
    from: base,
    to: { tables: [{ ...users, columns: column(users, 'id', { type: 'bigint' }) }] },
    up: [
      'ALTER TABLE `posts` DROP FOREIGN KEY `posts_user_id_fkey`;',
      'ALTER TABLE `users` MODIFY COLUMN `id` BIGINT NOT NULL AUTO_INCREMENT;',
      '-- destructive: drop_table posts',
      'DROP TABLE `posts`;',
    ],
    down: [
      'CREATE TABLE `posts` (',
      '  `id` INT NOT NULL AUTO_INCREMENT,',
      '  `user_id` INT NOT NULL,',
      '  `title` VARCHAR(200) NOT NULL,',
      '  `body` TEXT,',
      '  PRIMARY KEY (`id`)',
      ');',
      '-- destructive: alter_column users.id',
      'ALTER TABLE `users` MODIFY COLUMN `id` INT NOT NULL AUTO_INCREMENT;',
      'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION ON UPDATE NO ACTION;',
    ],
  },
  {
    title: 'create_enum and an enum column',
    from: base,
    to: {
      enums: [{ name: 'mood', values: ['sad', "it's ok", 'happy'] }],
      tables: [
        { ...users, columns: [...users.columns, { name: 'mood', type: 'mood', nullable: false, default: "'happy'" }] },
        posts,
      ],
    },
    up: ["ALTER TABLE `users` ADD COLUMN `mood` ENUM('sad','it''s ok','happy') NOT NULL DEFAULT 'happy';"],
    down: ['-- destructive: drop_column users.mood', 'ALTER TABLE `users` DROP COLUMN `mood`;'],
  },
  {
    title: 'alter_enum appends a value to every column using it',
    from: {
      enums: [{ name: 'mood', values: ['sad', 'happy'] }],
      tables: [
        { ...users, columns: [...users.columns, { name: 'mood', type: 'mood' }] },
        { ...posts, columns: [...posts.columns, { name: 'mood', type: 'mood' }] },
      ],
    },
    to: {
      enums: [{ name: 'mood', values: ['sad', 'happy', 'ecstatic'] }],
      tables: [
        { ...users, columns: [...users.columns, { name: 'mood', type: 'mood' }] },
        { ...posts, columns: [...posts.columns, { name: 'mood', type: 'mood' }] },
      ],
    },
    up: [
      "ALTER TABLE `posts` MODIFY COLUMN `mood` ENUM('sad','happy','ecstatic');",
      "ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('sad','happy','ecstatic');",
    ],
    down: [
      '-- destructive: alter_enum enum:mood',
      "ALTER TABLE `posts` MODIFY COLUMN `mood` ENUM('sad','happy');",
      '-- destructive: alter_enum enum:mood',
      "ALTER TABLE `users` MODIFY COLUMN `mood` ENUM('sad','happy');",
    ],
  },
]
