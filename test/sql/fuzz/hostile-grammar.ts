import type { SchemaDefinition } from '../../../src/index.js'

// A grammar of hostile names and expressions for the differential SQL fuzzer: every kind of quote,
// dollar tags, comments, backslashes and client commands, brackets, semicolons, line breaks and
// Unicode, mixed into names and into expressions that are mostly valid SQL (so the engines really
// run them) and sometimes broken on purpose. Deterministic for a seed.

/** A seeded PRNG (mulberry32): the same seed gives the same cases on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Payloads that do something visible when they escape: a dropped canary, a new table, a marker file. */
export const PAYLOADS = [
  'DROP TABLE canary',
  'CREATE TABLE pwned (x int)',
  '\\! touch pwned',
  'system touch pwned',
  '.shell touch pwned',
  '\\o |touch pwned',
  '\\gexec',
]

/** Pieces that change how a lexer reads what follows. */
export const ATOMS = [
  "'",
  "''",
  '"',
  '""',
  '`',
  '``',
  '[',
  ']',
  '$$',
  '$a1$',
  '$é$',
  '$_$',
  'a$$',
  '$1',
  ';',
  '--',
  '-- ',
  '/*',
  '*/',
  '/*!',
  '/*!50000 ',
  '/*M!',
  '#',
  '\\',
  '\\\\',
  "\\'",
  '\\"',
  '\n',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  ' ',
  '\t',
  '\v',
  '\f',
  '(',
  ')',
  ',',
  ':x',
  ":'x'",
  '::',
  '?',
  '@x',
  "E'",
  "e'",
  "U&'",
  'U&"',
  "N'",
  "x'",
  "b'",
  'UESCAPE',
  'é',
  'ß',
  '😀',
  '\u00a0',
  '\ufeff',
  '!',
  '0',
  '1e',
  'DEFAULT',
  'PRIMARY KEY',
  ...PAYLOADS,
]

type Rand = () => number
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T
const int = (r: Rand, max: number) => Math.floor(r() * max)

/** Text of 1-4 atoms. */
export function atoms(r: Rand, max = 4): string {
  let out = ''
  for (let i = 0, n = 1 + int(r, max); i < n; i++) out += pick(r, ATOMS)
  return out
}

/**
 * A name: hostile atoms between two letters (never `canary` or `pwned` itself; documents lose the
 * leading and trailing whitespace of names, and expressions must name the columns exactly).
 */
export function hostileName(r: Rand): string {
  return `n${atoms(r, 4)}z`
}

/** Content for inside a literal: atoms, with the quote the literal uses escaped its way. */
function content(r: Rand): string {
  return atoms(r, 5)
}

const TAGS = ['$$', '$a1$', '$é$', '$_$', '$x9$']

/** The dialects the fuzzer targets. */
export type FuzzDialect = 'postgres' | 'mysql' | 'sqlite'

/**
 * A string literal, spelled one of several ways: '...' everywhere; $tag$...$tag$ and E'...' are
 * PostgreSQL's, so MySQL and SQLite get them rarely, as hostile input.
 */
export function literal(r: Rand, dialect: FuzzDialect): string {
  const text = content(r)
  const spelling = dialect !== 'postgres' && r() < 0.85 ? 2 : int(r, 4)
  switch (spelling) {
    case 0: {
      const tag = pick(
        r,
        TAGS.filter((t) => !text.includes(t) && !`${text}$`.includes(t)),
      )
      return tag ? `${tag}${text}${tag}` : `'${text.replaceAll("'", "''")}'`
    }
    case 1:
      return `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
    default:
      return `'${text.replaceAll("'", "''")}'`
  }
}

/** A text-valued expression built from literals. */
export function textExpression(r: Rand, dialect: FuzzDialect): string {
  switch (int(r, 4)) {
    case 0:
      return `lower(${literal(r, dialect)})`
    case 1:
      return `(${literal(r, dialect)} || ${literal(r, dialect)})`
    default:
      return literal(r, dialect)
  }
}

/** Breaks an expression on purpose: an atom inserted somewhere, or atoms alone. */
export function mangle(r: Rand, expression: string): string {
  if (r() < 0.3) return atoms(r, 6)
  const at = int(r, expression.length + 1)
  return expression.slice(0, at) + atoms(r, 3) + expression.slice(at)
}

/** An expression for a site: usually valid, sometimes mangled. */
function site(r: Rand, valid: string): string {
  return r() < 0.12 ? mangle(r, valid) : valid
}

/** The names and texts of one case, all hostile; `dialect` picks what the dialect can hold. */
export interface FuzzCase {
  readonly table: string
  readonly renamedTable: string
  readonly columns: readonly [string, string, string]
  readonly renamedColumn: string
  readonly check: string
  readonly index: string
  readonly addedIndex: string
  readonly enumName: string
  readonly labels: readonly string[]
  readonly comment: string
  readonly defaultExpression: string
  readonly addedDefault: string
  readonly checkExpression: string
  readonly indexExpression: string
  readonly where: string
  readonly generated: string
}

/** One case of hostile names and expressions for a dialect. */
export function fuzzCase(r: Rand, dialect: FuzzDialect): FuzzCase {
  const c = ['', '', ''].map(() => hostileName(r)) as unknown as [string, string, string]
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`
  return {
    table: hostileName(r),
    renamedTable: hostileName(r),
    columns: c,
    renamedColumn: hostileName(r),
    check: hostileName(r),
    index: hostileName(r),
    addedIndex: hostileName(r),
    enumName: hostileName(r),
    labels: [atoms(r, 3), atoms(r, 3)],
    comment: atoms(r, 5),
    defaultExpression: site(r, textExpression(r, dialect)),
    addedDefault: site(r, textExpression(r, dialect)),
    checkExpression: site(r, `${quoted(c[0])} <> ${textExpression(r, dialect)}`),
    indexExpression: site(r, `lower(${quoted(c[0])})`),
    where: site(r, `${quoted(c[0])} <> ${literal(r, dialect)}`),
    generated: site(r, `(${quoted(c[0])} || ${literal(r, dialect)})`),
  }
}

/** The `from` and `to` schemas of a case for a dialect, and the renames that lead from one to the other. */
export function caseSchemas(k: FuzzCase, dialect: FuzzDialect) {
  const [a, b, g] = k.columns
  // Inline MySQL enum values are written as MySQL spells them: backslashes and quotes doubled.
  const mysqlLabel = (l: string) => `'${l.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
  const mood = dialect === 'postgres' ? k.enumName : `enum(${k.labels.map(mysqlLabel).join(',')})`
  const columns = [
    { name: a, type: 'varchar(200)', default: k.defaultExpression },
    { name: b, type: dialect === 'sqlite' ? 'integer' : mood },
    { name: g, type: 'varchar(300)', generated: { expression: k.generated, stored: true } },
  ]
  const index =
    dialect === 'mysql'
      ? { name: k.index, columns: [a] }
      : { name: k.index, columns: [{ expression: k.indexExpression }], where: k.where }
  const from: SchemaDefinition = {
    enums: dialect === 'postgres' ? [{ name: k.enumName, values: [...k.labels] }] : [],
    tables: [
      {
        name: k.table,
        ...(dialect === 'sqlite' ? {} : { comment: k.comment }),
        columns,
        constraints: [{ type: 'check', name: k.check, expression: k.checkExpression }],
        indexes: [index],
      },
    ],
  }
  const added =
    dialect === 'mysql'
      ? { name: k.addedIndex, columns: [g] }
      : { name: k.addedIndex, columns: [{ expression: k.indexExpression }] }
  const to: SchemaDefinition = {
    enums: from.enums ?? [],
    tables: [
      {
        name: k.renamedTable,
        ...(dialect === 'sqlite' ? {} : { comment: `${k.comment} 2` }),
        columns: [
          columns[0]!,
          { ...columns[1]!, name: k.renamedColumn },
          columns[2]!,
          { name: `${a}2`, type: 'varchar(200)', default: k.addedDefault },
        ],
        constraints: [],
        indexes: [index, added],
      },
    ],
  }
  return { from, to }
}
