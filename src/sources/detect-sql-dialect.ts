/** What {@link detectSqlDialect} concluded, with the clues it saw for each dialect. */
export interface DialectDetection {
  /** The one dialect the text is written for, when the clues agree; undefined when ambiguous or silent. */
  readonly dialect: 'postgres' | 'mysql' | 'sqlite' | undefined
  /** The clues found, per dialect (for a message when it is ambiguous). */
  readonly clues: Readonly<Record<'postgres' | 'mysql' | 'sqlite', readonly string[]>>
}

type Clue = readonly [label: string, pattern: RegExp]

/** A dump's own header names its dialect outright. */
const HEADERS: readonly (readonly ['postgres' | 'mysql' | 'sqlite', RegExp])[] = [
  ['postgres', /^--\s*PostgreSQL database dump/m],
  ['mysql', /^--\s*(?:MySQL|MariaDB) dump/m],
]

const CLUES: Readonly<Record<'postgres' | 'mysql' | 'sqlite', readonly Clue[]>> = {
  postgres: [
    ['::casts', /[\w')\]]::\w/],
    ['$$ bodies', /\$\w*\$/],
    ['SERIAL', /\b(?:big|small)?serial\b/i],
    ['CREATE EXTENSION', /\bCREATE\s+EXTENSION\b/i],
    ['CREATE TYPE ... AS ENUM', /\bCREATE\s+TYPE\s+[\w."]+\s+AS\s+ENUM\b/i],
    ['jsonb/timestamptz', /\b(?:jsonb|timestamptz)\b/i],
    ['ALTER TABLE ONLY', /\bALTER\s+TABLE\s+ONLY\b/i],
    ['pg_catalog', /\bpg_catalog\./i],
    ['psql commands', /^\\(?:connect|restrict|set)\b/m],
  ],
  mysql: [
    ['`backquotes`', /`[^`\n]+`/],
    ['ENGINE=', /\bENGINE\s*=/i],
    ['AUTO_INCREMENT', /\bAUTO_INCREMENT\b/i],
    ['/*! comments */', /\/\*!\d*/],
    ['UNSIGNED', /\bUNSIGNED\b/i],
    ['DEFAULT CHARSET', /\bDEFAULT\s+CHARSET\b/i],
    ['DELIMITER', /^DELIMITER\s/im],
  ],
  sqlite: [
    ['AUTOINCREMENT', /\bAUTOINCREMENT\b/i],
    ['PRAGMA', /^\s*PRAGMA\b/im],
    ['WITHOUT ROWID', /\bWITHOUT\s+ROWID\b/i],
    ['sqlite_ names', /\bsqlite_\w+/i],
  ],
}

/**
 * Which dialect SQL text is written for, from clues only that dialect accepts (a dump's header,
 * `::` casts, backquotes, `AUTOINCREMENT`, ...). Undefined when no clue is found or clues of
 * several dialects are: the caller then asks for the dialect instead of guessing.
 *
 * @example
 * ```ts
 * detectSqlDialect('CREATE TABLE `t` (id int AUTO_INCREMENT) ENGINE=InnoDB').dialect // 'mysql'
 * detectSqlDialect('CREATE TABLE t (id int)').dialect // undefined
 * ```
 */
export function detectSqlDialect(text: string): DialectDetection {
  const head = text.slice(0, 4096)
  const clues = {
    postgres: CLUES.postgres.filter(([, p]) => p.test(text)).map(([label]) => label),
    mysql: CLUES.mysql.filter(([, p]) => p.test(text)).map(([label]) => label),
    sqlite: CLUES.sqlite.filter(([, p]) => p.test(text)).map(([label]) => label),
  }
  const header = HEADERS.find(([, p]) => p.test(head))
  if (header) return { dialect: header[0], clues }
  const found = (Object.keys(clues) as (keyof typeof clues)[]).filter((d) => clues[d].length > 0)
  return { dialect: found.length === 1 ? found[0] : undefined, clues }
}
