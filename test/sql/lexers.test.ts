import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findExpressionProblem, mysqlLexer, postgresLexer, type SqlLexer, sqliteLexer } from '../../src/sql/index.js'
import { ENGINES, engineTitle, withEngine } from '../engines/engines.js'
import { ATOMS } from './fuzz/hostile-grammar.js'

// The dialect lexers split text where the engines do. Exact readings of the cases that matter, then a
// differential check: random literals and quoted names, spelled every way the dialect has, selected
// on the real engine, which must return exactly the columns and values the lexer's reading implies.

const read = (lexer: SqlLexer, text: string, mode?: string) =>
  lexer
    .tokenize(text, mode)
    .filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}${t.closed ? '' : '!'} ${text.slice(t.start, t.end)}`)

describe('postgresLexer', () => {
  it.each([
    ['$a1$;$a1$', ['string $a1$;$a1$']],
    ['$é$;$é$', ['string $é$;$é$']],
    ['$a$ $b$ $a$', ['string $a$ $b$ $a$']],
    ['$1$', ['parameter $1', 'other $']],
    ['a$$ ; $$', ['identifier a$$', 'semicolon ;', 'string! $$']],
    ['1$$x$$', ['number 1', 'string $$x$$']],
    ["E'a\\'b' ; 'c\\'", ["string E'a\\'b'", 'semicolon ;', "string 'c\\'"]],
    ["e'\\\\' || 'x'", ["string e'\\\\'", 'operator ||', "string 'x'"]],
    ["U&'d\\0061t' UESCAPE '!'", ["string U&'d\\0061t'", 'identifier UESCAPE', "string '!'"]],
    ['U&"a""b" u&x', ['quoted_identifier U&"a""b"', 'identifier u', 'operator &', 'identifier x']],
    ["B'1''0'", ["string B'1'", "string '0'"]],
    ["'a'\n'b' 'c'", ["string 'a'\n'b'", "string 'c'"]],
    ["E'a'\n'\\' ;'", ["string E'a'\n'\\' ;'"]],
    ["'a' -- x\n'b'", ["string 'a' -- x\n'b'"]],
    ['/* a /* b */ c */ 1', ['comment /* a /* b */ c */', 'number 1']],
    ['1 +-- x', ['number 1', 'operator +', 'comment -- x']],
    ['a+/*x*/b', ['identifier a', 'operator +', 'comment /*x*/', 'identifier b']],
    ["1e'x'", ['number 1', "string e'x'"]],
    [
      'x::text = :\'v\' || :v || :"v" || a[1:2]',
      [
        'identifier x',
        'operator ::',
        'identifier text',
        'operator =',
        'client_variable :',
        "string 'v'",
        'operator ||',
        'client_variable :v',
        'operator ||',
        'client_variable :',
        'quoted_identifier "v"',
        'operator ||',
        'identifier a',
        'open_bracket [',
        'number 1',
        'operator :',
        'number 2',
        'close_bracket ]',
      ],
    ],
    ['1 \\! rm', ['number 1', 'client_command \\', 'operator !', 'identifier rm']],
  ])('%j', (text, tokens) => {
    expect(read(postgresLexer, text)).toEqual(tokens)
  })

  it("reads '...' with backslash escapes when standard_conforming_strings is off", () => {
    // ...and then `b'` opens a bit string.
    expect(read(postgresLexer, "'a\\' || 'b'", 'standard_conforming_strings=off')).toEqual([
      "string 'a\\' || '",
      "string! b'",
    ])
  })
})

describe('mysqlLexer', () => {
  it.each([
    ['$$;$$', ['identifier $$', 'semicolon ;', 'identifier $$']],
    ['\'a\\\'b\' "c\\"d" `e``f`', ["string 'a\\'b'", 'string "c\\"d"', 'quoted_identifier `e``f`']],
    ['1--1', ['number 1', 'operator -', 'operator -', 'number 1']],
    ['1 -- x\n2', ['number 1', 'comment -- x', 'number 2']],
    ['1 --', ['number 1', 'comment --']],
    ['1 # x\n2', ['number 1', 'comment # x', 'number 2']],
    [
      '/*! DROP */ /*!50000 x */ /*M!100500 y */ /* z */',
      ['comment /*! DROP */', 'comment /*!50000 x */', 'comment /*M!100500 y */', 'comment /* z */'],
    ],
    [
      "x'4a' b'01' N'n' _utf8mb4'u'",
      ["string x'4a'", "string b'01'", 'identifier N', "string 'n'", 'identifier _utf8mb4', "string 'u'"],
    ],
    ['1abc 1e5 a.b', ['identifier 1abc', 'number 1e5', 'identifier a', 'operator .', 'identifier b']],
  ])('%j', (text, tokens) => {
    expect(read(mysqlLexer, text)).toEqual(tokens)
  })

  it('reads strings without escapes under NO_BACKSLASH_ESCAPES, and "..." as a name under ANSI_QUOTES', () => {
    expect(read(mysqlLexer, "'a\\' ; '", 'NO_BACKSLASH_ESCAPES')).toEqual(["string 'a\\'", 'semicolon ;', "string! '"])
    expect(read(mysqlLexer, '"a\\" ; "', 'ANSI_QUOTES')).toEqual([
      'quoted_identifier "a\\"',
      'semicolon ;',
      'quoted_identifier! "',
    ])
  })
})

describe('sqliteLexer', () => {
  it.each([
    ['[a;\'b] "c""d" `e`', ["quoted_identifier [a;'b]", 'quoted_identifier "c""d"', 'quoted_identifier `e`']],
    ["'a\\' ; 'b'", ["string 'a\\'", 'semicolon ;', "string 'b'"]],
    [
      'a$$ 1$$ $a(;) ?1 :b @c',
      ['identifier a$$', 'other 1$$', 'parameter $a(;)', 'parameter ?1', 'parameter :b', 'parameter @c'],
    ],
    ["x'4a' x'4' X'zz'", ["string x'4a'", "other x'4'", "other X'zz'"]],
    ['1 /* open', ['number 1', 'comment! /* open']],
    ['1 /*', ['number 1', 'operator /', 'operator *']],
    ['a->>b', ['identifier a', 'operator ->>', 'identifier b']],
  ])('%j', (text, tokens) => {
    expect(read(sqliteLexer, text)).toEqual(tokens)
  })
})

describe('findExpressionProblem', () => {
  it('accepts one expression and names the first problem with its offset otherwise', () => {
    expect(findExpressionProblem("$é$a;b$é$ || lower('x')", postgresLexer)).toBeUndefined()
    expect(findExpressionProblem('0, evil int', postgresLexer)).toEqual({
      problem: 'a "," outside parentheses, which would start another clause',
      offset: 1,
    })
    expect(findExpressionProblem('0 PRIMARY KEY', sqliteLexer)?.problem).toMatch(/keyword PRIMARY/)
    expect(findExpressionProblem('coalesce(a, b) > 0', mysqlLexer)).toBeUndefined()
    expect(findExpressionProblem("x = :'v'", postgresLexer)?.problem).toMatch(/psql variable/)
    expect(findExpressionProblem('a[1:2]', postgresLexer)).toBeUndefined()
    expect(findExpressionProblem("'a\\'", postgresLexer)?.problem).toMatch(/standard_conforming_strings=off/)
    expect(findExpressionProblem('"a\\""', mysqlLexer)?.problem).toMatch(/reads differently under NO_BACKSLASH_ESCAPES/)
    expect(findExpressionProblem('/*!50000 1 */', mysqlLexer)?.problem).toMatch(/executable comment/)
  })
})

// Literals and quoted names the way each dialect spells them, with the value the engine must return.
type Spelled = { readonly sql: string; readonly value: string }
const content = fc.array(fc.constantFrom(...ATOMS), { minLength: 0, maxLength: 5 }).map((a) => a.join(''))

const postgresLiteral: fc.Arbitrary<Spelled> = fc.oneof(
  content.map((c) => ({ sql: `'${c.replaceAll("'", "''")}'`, value: c })),
  content.map((c) => ({ sql: `E'${c.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`, value: c })),
  content.map((c) => ({ sql: `U&'${c.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`, value: c })),
  fc
    .tuple(content, fc.constantFrom('$$', '$a1$', '$é$', '$_$'))
    .filter(([c, tag]) => `${c}${tag}`.indexOf(tag) === c.length)
    .map(([c, tag]) => ({ sql: `${tag}${c}${tag}`, value: c })),
  // Continued on the next line, in the escape mode it started with.
  fc.tuple(content, content).map(([a, b]) => ({
    sql: `E'${a.replaceAll('\\', '\\\\').replaceAll("'", "''")}'\n  '${b.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
    value: a + b,
  })),
)
const mysqlLiteral: fc.Arbitrary<Spelled> = fc.oneof(
  content.map((c) => ({ sql: `'${c.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`, value: c })),
  content.map((c) => ({ sql: `'${c.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`, value: c })),
  content.map((c) => ({ sql: `"${c.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`, value: c })),
  content.map((c) => ({ sql: `_utf8mb4'${c.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`, value: c })),
)
const sqliteLiteral: fc.Arbitrary<Spelled> = content.map((c) => ({ sql: `'${c.replaceAll("'", "''")}'`, value: c }))

// MariaDB refuses characters beyond U+FFFF in column names, and drops leading spaces.
const alias = fc.array(
  fc.constantFrom(...ATOMS.filter((a) => a.length <= 3 && !/^\s|[\u{10000}-\u{10FFFF}]/u.test(a))),
  {
    maxLength: 2,
  },
)
const quoteName = {
  postgres: (n: string) => `"${n.replaceAll('"', '""')}"`,
  mysql: (n: string) => `\`${n.replaceAll('`', '``')}\``,
  sqlite: (n: string) => (n.includes(']') ? `"${n.replaceAll('"', '""')}"` : `[${n}]`),
}
// Values come back hex-encoded: drivers decode text their own way (TextDecoder drops a leading U+FEFF).
const hex = {
  postgres: (sql: string) => `encode(convert_to(${sql}, 'UTF8'), 'hex')`,
  mysql: (sql: string) => `HEX(${sql})`,
  sqlite: (sql: string) => `hex(${sql})`,
}
const SETUP = {
  postgres: { lexer: postgresLexer, literal: postgresLiteral },
  mysql: { lexer: mysqlLexer, literal: mysqlLiteral },
  sqlite: { lexer: sqliteLexer, literal: sqliteLiteral },
}

for (const factory of ENGINES) {
  const { lexer, literal } = SETUP[factory.dialect]
  describe.skipIf(factory.skipReason !== undefined)(
    engineTitle(factory, `${lexer.label} lexer against the engine`),
    () => {
      it('random literals and quoted names: the engine returns exactly the columns and values the lexer reads', async () => {
        await withEngine(factory, async (engine) => {
          const items = fc.array(fc.tuple(literal, alias), { minLength: 1, maxLength: 4 })
          await fc.assert(
            fc.asyncProperty(items, async (list) => {
              const names = list.map(([, a], i) => `c${i}${a.join('')}`)
              const literals = list.map(([l]) => l.sql).join(', ')
              // The lexer's reading: every quote closed, one string per item (PostgreSQL's continued
              // strings included), and the commas between items the only ones outside quotes.
              // (A MySQL charset introducer such as _utf8mb4 is a name before its string.)
              const tokens = lexer
                .tokenize(literals)
                .filter((t) => t.kind !== 'space' && !(t.kind === 'identifier' && literals[t.start] === '_'))
              expect(tokens.every((t) => t.closed)).toBe(true)
              expect(tokens.map((t) => t.kind)).toEqual(
                list.flatMap((_, i) => (i === 0 ? ['string'] : ['comma', 'string'])),
              )
              const text = list
                .map(([l], i) => `${hex[factory.dialect](l.sql)} AS ${quoteName[factory.dialect](names[i]!)}`)
                .join(', ')
              const rows = await engine.query(`SELECT ${text}`)
              expect(rows).toHaveLength(1)
              expect(Object.keys(rows[0]!)).toEqual(names)
              expect(Object.values(rows[0]!).map((v) => String(v).toLowerCase())).toEqual(
                list.map(([l]) => Buffer.from(l.value, 'utf8').toString('hex')),
              )
            }),
            { seed: 15, numRuns: factory.dialect === 'postgres' ? 150 : 200 },
          )
        })
      }, 120_000)
    },
  )
}
