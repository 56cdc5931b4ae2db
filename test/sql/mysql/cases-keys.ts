import { base, column, type MigrationCase, posts, postsWith, users, usersWith } from './fixtures.js'

// Constraint, index and enum changes, one case per change kind and altered field, with the exact
// script of both directions. exact-sql.test.ts asserts them and applies every case on MariaDB.

/** Constraint, index and enum cases. */
export const KEY_CASES: readonly MigrationCase[] = [
  {
    title: 'alter_index unique',
    from: usersWith(() => ({ indexes: [{ name: 'ix_a', columns: [{ column: 'name', descending: true }] }] })),
    to: usersWith(() => ({
      indexes: [{ name: 'ix_a', columns: [{ column: 'name', descending: true }], unique: true }],
    })),
    up: ['DROP INDEX `ix_a` ON `users`;', 'CREATE UNIQUE INDEX `ix_a` ON `users` (`name` DESC);'],
    down: ['DROP INDEX `ix_a` ON `users`;', 'CREATE INDEX `ix_a` ON `users` (`name` DESC);'],
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
    up: ['ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX IF NOT EXISTS `posts_user_id_fkey` (`user_id`);'],
    // The index MySQL made for the key goes once another serves it.
    down: [
      'ALTER TABLE `posts` ADD INDEX `ix_posts_user` (`user_id`, `title`), DROP INDEX IF EXISTS `posts_user_id_fkey`;',
    ],
  },
  {
    title: 'replacing the index that serves a foreign key with another leaves only the new one',
    from: postsWith(() => ({ indexes: [{ name: 'ix_posts_user', columns: ['user_id'] }] })),
    to: postsWith(() => ({ indexes: [{ name: 'ix_posts_user_title', columns: ['user_id', 'title'] }] })),
    up: [
      'ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX IF NOT EXISTS `posts_user_id_fkey` (`user_id`);',
      'ALTER TABLE `posts` ADD INDEX `ix_posts_user_title` (`user_id`, `title`), DROP INDEX IF EXISTS `posts_user_id_fkey`;',
    ],
    down: [
      'ALTER TABLE `posts` DROP INDEX `ix_posts_user_title`, ADD INDEX IF NOT EXISTS `posts_user_id_fkey` (`user_id`);',
      'ALTER TABLE `posts` ADD INDEX `ix_posts_user` (`user_id`), DROP INDEX IF EXISTS `posts_user_id_fkey`;',
    ],
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
    title: 'dropping several keys: only the one serving a foreign key brings an index under it',
    from: postsWith((t) => ({
      constraints: [...t.constraints!, { type: 'unique', name: 'uq_title', columns: ['title'] }],
      indexes: [{ name: 'ix_posts_user', columns: ['user_id', 'title'], unique: true }],
    })),
    to: base,
    up: [
      'ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX IF NOT EXISTS `posts_user_id_fkey` (`user_id`);',
      'ALTER TABLE `posts` DROP INDEX `uq_title`;',
    ],
    down: [
      'ALTER TABLE `posts` ADD CONSTRAINT `uq_title` UNIQUE (`title`);',
      'ALTER TABLE `posts` ADD UNIQUE INDEX `ix_posts_user` (`user_id`, `title`), DROP INDEX IF EXISTS `posts_user_id_fkey`;',
    ],
  },
  {
    title: 'alter_index under a foreign key is replaced in one statement',
    from: postsWith(() => ({ indexes: [{ name: 'ix_posts_user', columns: ['user_id'] }] })),
    to: postsWith(() => ({ indexes: [{ name: 'ix_posts_user', columns: ['user_id', 'title'] }] })),
    up: ['ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX `ix_posts_user` (`user_id`, `title`);'],
    down: ['ALTER TABLE `posts` DROP INDEX `ix_posts_user`, ADD INDEX `ix_posts_user` (`user_id`);'],
  },
  {
    title: 'add_column AUTO_INCREMENT keyed by a new unique constraint',
    from: { tables: [{ name: 'logs', columns: [{ name: 'msg', type: 'varchar(20)' }] }] },
    to: {
      tables: [
        {
          name: 'logs',
          columns: [
            { name: 'msg', type: 'varchar(20)' },
            { name: 'seq', type: 'bigint', nullable: false, autoincrement: true },
          ],
          constraints: [{ type: 'unique', columns: ['seq'] }],
        },
      ],
    },
    up: [
      'ALTER TABLE `logs` ADD COLUMN `seq` BIGINT NOT NULL;',
      'ALTER TABLE `logs` ADD CONSTRAINT `logs_seq_key` UNIQUE (`seq`);',
      'ALTER TABLE `logs` MODIFY COLUMN `seq` BIGINT NOT NULL AUTO_INCREMENT;',
    ],
    down: [
      'ALTER TABLE `logs` MODIFY COLUMN `seq` BIGINT NOT NULL, DROP INDEX `logs_seq_key`;',
      '-- destructive: drop_column logs.seq',
      'ALTER TABLE `logs` DROP COLUMN `seq`;',
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
