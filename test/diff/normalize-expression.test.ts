import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ColumnType } from '../../src/model/column-type.js'
import {
  defaultsEqual,
  isLiteralDefault,
  isVolatileDefault,
  normalizeDefault,
} from '../../src/sql-text/normalize-default.js'
import { expressionsEqual, normalizeExpression, tokenizeSql } from '../../src/sql-text/normalize-expression.js'
import { stripParens } from '../../src/sql-text/sql-precedence.js'
import { parseTree, renderNodes } from '../../src/sql-text/sql-tokenizer.js'

const INT: ColumnType = { kind: 'integer' }
const DECIMAL: ColumnType = { kind: 'decimal', precision: 10, scale: 2 }
const DOUBLE: ColumnType = { kind: 'double' }
const BOOL: ColumnType = { kind: 'boolean' }
const TEXT: ColumnType = { kind: 'text' }
const VARCHAR: ColumnType = { kind: 'varchar', length: 20 }
const DATE: ColumnType = { kind: 'date' }
const JSONB: ColumnType = { kind: 'jsonb' }
const ENUM: ColumnType = { kind: 'enum', name: 'status_enum' }
const UUID: ColumnType = { kind: 'uuid' }

describe('tokenizeSql', () => {
  const kinds = (s: string) => tokenizeSql(s).map((t) => `${t.kind}:${t.value}`)

  it('reads strings with doubled quotes, E-strings, dollar quotes and prefixes', () => {
    expect(kinds("'it''s'")).toEqual(["string:it's"])
    expect(kinds("E'a\\nb\\'c'")).toEqual(["string:a\nb'c"])
    expect(kinds('$$a$b$$')).toEqual(['string:a$b'])
    expect(kinds('$fn$ x $$ y $fn$')).toEqual(['string: x $$ y '])
    expect(kinds("_utf8mb4'x' N'y' x'FF' b'1'")).toEqual(['string:x', 'string:y', 'string:FF', 'string:1'])
    expect(tokenizeSql("x'FF'")[0]?.prefix).toBe('x')
  })

  it('treats backslashes as literal unless that leaves a string unterminated', () => {
    expect(kinds("'a\\' || 'b'")).toEqual(['string:a\\', 'operator:||', 'string:b'])
    expect(kinds("'it\\'s'")).toEqual(["string:it's"])
    expect(kinds("'a\\\\b' = 'it\\'s'")).toEqual(['string:a\\b', 'operator:=', "string:it's"])
  })

  it('reads quoted identifiers, numbers, casts, operators and punctuation', () => {
    expect(kinds('"Na""me" `x`')).toEqual(['identifier:Na"me', 'identifier:x'])
    expect(kinds('1 1. .5 1e3 1.5E-2 0x1F')).toEqual([
      'number:1',
      'number:1.',
      'number:.5',
      'number:1e3',
      'number:1.5E-2',
      'number:0x1F',
    ])
    expect(kinds("a::text->>'k' <> $1")).toEqual([
      'word:a',
      'operator:::',
      'word:text',
      'operator:->>',
      'string:k',
      'operator:<>',
      'parameter:$1',
    ])
    expect(kinds('f(a, b[1]);t.c')).toEqual(
      [
        'word:f',
        'punctuation:(',
        'word:a',
        'punctuation:,',
        'word:b',
        'punctuation:[',
        'number:1',
        'punctuation:]',
      ].concat(['punctuation:)', 'punctuation:;', 'word:t', 'punctuation:.', 'word:c']),
    )
  })

  it('skips comments and never throws on unterminated input', () => {
    expect(kinds('a -- c\n + /* d */ b')).toEqual(['word:a', 'operator:+', 'word:b'])
    expect(kinds('a /* open')).toEqual(['word:a'])
    const last = (s: string) => tokenizeSql(s).at(-1)
    expect(last("x = 'abc")).toMatchObject({ kind: 'string', text: "'abc", terminated: false })
    expect(last('x = "abc')).toMatchObject({ kind: 'identifier', text: '"abc', terminated: false })
    expect(last('x = $$abc')).toMatchObject({ kind: 'string', text: '$$abc', terminated: false })
  })
})

describe('normalizeExpression', () => {
  it.each([
    ['  a   >\n0 ', 'a > 0'],
    ['((a > 0))', 'a > 0'],
    ['A > 0 AND B IS NOT NULL', 'a > 0 and b is not null'],
    ['"email" = `email`', 'email = email'],
    ['"Email"', '"Email"'],
    ['"user"', '"user"'],
    ['(0)', '0'],
    ['x = (0)', 'x = 0'],
    ["'a'::text", "'a'"],
    ["'a'::character varying", "'a'"],
    ["'a'::varchar", "'a'"],
    ["'a'::varchar(1)", "'a'"],
    ["'abc'::varchar(2)", "cast('abc' as varchar(2))"],
    ["CAST('a' AS text)", "'a'"],
    ["status = ANY (ARRAY['a'::text, 'b'::text])", "status = any (array['a', 'b'])"],
    [
      "((status)::text = ANY ((ARRAY['active'::character varying, 'inactive'::character varying])::text[]))",
      "status = any (array['active', 'inactive'])",
    ],
    ['a != b', 'a <> b'],
    ['1.0', '1'],
    ['1.', '1'],
    ['1.00', '1'],
    ['1.50', '1.5'],
    ['.5', '0.5'],
    ['1E3', '1000'],
    ["'A'", "'A'"],
    ["'  spaced  '", "'  spaced  '"],
    ["'it\\'s'", "'it''s'"],
    ['CHECK (((price > (0)::numeric) AND (qty >= 0)))', 'price > 0 and qty >= 0'],
    ["((first_name || ' '::text) || last_name)", "first_name || ' ' || last_name"],
    ["(`status` in (_utf8mb4'a',_utf8mb4'b'))", "status in ('a', 'b')"],
    ['lower((email)::text)', 'lower(email)'],
    ["((name)::text ~~ 'a%'::text)", "name like 'a%'"],
    ['WHERE (deleted_at IS NULL)', 'deleted_at is null'],
    ['(a + b) * c', '(a + b) * c'],
    ['(a * b) + c', 'a * b + c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['(a - b) - c', 'a - b - c'],
    ['NOT (a AND b)', 'not (a and b)'],
    ['(a OR b) AND c', '(a or b) and c'],
    ['((a > 0) AND (b > 0)) OR (c > 0)', 'a > 0 and b > 0 or c > 0'],
    ["(data ->> 'k')::integer", "cast(data ->> 'k' as integer)"],
    ['CAST(x AS INT4)', 'cast(x as integer)'],
    ['x::timestamptz(3)', 'cast(x as timestamp(3) with time zone)'],
    ["((payload ->> 'type'::text) = 'x'::text)", "payload ->> 'type' = 'x'"],
    ["((doc -> 'a'::text) ->> 'b'::text)", "doc -> 'a' ->> 'b'"],
    ['(a | b) & c', '(a | b) & c'],
    ['((a IS DISTINCT FROM b) AND c)', 'a is distinct from b and c'],
    ['(NOT (a IS NULL))', 'not a is null'],
    ["CASE WHEN (a > 0) THEN 'x'::text ELSE 'y'::text END", "case when a > 0 then 'x' else 'y' end"],
    ['x::double precision', 'cast(x as double precision)'],
    ['x::timestamp without time zone', 'cast(x as timestamp)'],
    ['x::character varying(10)[]', 'cast(x as varchar(10)[])'],
    ['(-1)::integer', '-1'],
    ['a - (-1)', 'a - -1'],
    ['count(*) > 0', 'count(*) > 0'],
    ['COALESCE(a, (0))', 'coalesce(a, 0)'],
    ['a IN ((1))', 'a in (1)'],
    ["nextval('users_id_seq'::regclass)", "nextval('users_id_seq')"],
    ["x = 'abc", "x = 'abc"],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeExpression(input)).toBe(expected)
  })

  it.each([
    ['a > 0', 'a >= 0'],
    ["'A'", "'a'"],
    ['"Email"', 'email'],
    ["'a'", "'b'"],
    ['1', '2'],
    ['(a + b) * c', 'a + b * c'],
    ['a IN (1, 2)', 'a IN ((1, 2))'],
    ["'ab'::varchar(1)", "'ab'::varchar(2)"],
    ['x::integer', 'x'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(expressionsEqual(a, b)).toBe(false)
  })

  it('treats missing and blank expressions as equal', () => {
    expect(expressionsEqual(undefined, '  ')).toBe(true)
    expect(expressionsEqual(undefined, 'a')).toBe(false)
  })
})

describe('normalizeDefault', () => {
  it.each<[string, string | undefined, ColumnType?]>([
    ['NOW()', 'current_timestamp'],
    ['now()', 'current_timestamp'],
    ['(now())', 'current_timestamp'],
    ['(CURRENT_TIMESTAMP)', 'current_timestamp'],
    ['current_timestamp()', 'current_timestamp'],
    ['transaction_timestamp()', 'current_timestamp'],
    ['CURRENT_TIMESTAMP(6)', 'current_timestamp(6)'],
    ['now(6)', 'current_timestamp(6)'],
    ['CURRENT_DATE', 'current_date'],
    ['CURRENT_DATE()', 'current_date'],
    ['curdate()', 'current_date'],
    ['curtime()', 'current_time'],
    ["datetime('now')", 'current_timestamp'],
    ['localtimestamp()', 'localtimestamp'],
    ["('now'::text)::date", 'current_date'],
    ["('now'::text)::timestamp without time zone", 'localtimestamp'],
    ['(CURRENT_USER)::text', 'current_user'],
    ['((0))', '0'],
    ["'a'::text", "'a'"],
    ["'0'::integer", '0'],
    ["'2024-01-01'::date", "'2024-01-01'", DATE],
    ["'{}'::jsonb", "'{}'"],
    ['\'{ "a": [1, 2] }\'::jsonb', '\'{"a":[1,2]}\'', JSONB],
    ["'active'::status_enum", "'active'"],
    ["'active'::status_enum", "'active'", ENUM],
    ['(-1)', '-1'],
    ["'-1'::integer", '-1'],
    ['1.0', '1', DECIMAL],
    ['1.', '1', DECIMAL],
    ['1.00', '1', DECIMAL],
    ["'1.0'", '1', DECIMAL],
    ['1', '1', DECIMAL],
    ["'2.50'::numeric", '2.5', DOUBLE],
    ["'1'", '1', INT],
    ["'-0'", '0', INT],
    ['NULL', undefined],
    ['null', undefined],
    ['NULL::character varying', undefined],
    ['NULL::integer', undefined],
    ['', undefined],
    ["''", "''"],
    ["''::character varying", "''"],
    ["nextval('users_id_seq'::regclass)", "nextval('users_id_seq')"],
    ["nextval('users_id_seq')", "nextval('users_id_seq')"],
    ['gen_random_uuid()', 'gen_random_uuid()'],
    ['uuid_generate_v4()', 'uuid_generate_v4()'],
    ["'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", UUID],
    ["'1.5'::integer", "cast('1.5' as integer)"],
    ["'2024-01-01 10:00'::date", "cast('2024-01-01 10:00' as date)", { kind: 'timestamp', timezone: false }],
    ['active', 'active', VARCHAR],
  ])('%s -> %s', (input, expected, type) => {
    expect(normalizeDefault(input, type)).toBe(expected)
  })

  it.each([
    'true',
    'TRUE',
    "'t'",
    "'true'",
    "'TRUE'",
    '1',
    "'1'",
    "b'1'",
    "'y'",
    "'yes'",
    "'on'",
    "'t'::boolean",
    '(1)',
  ])('reads %s as true for a boolean column', (input) => {
    expect(normalizeDefault(input, BOOL)).toBe('true')
  })

  it.each(['false', 'FALSE', "'f'", "'false'", '0', "'0'", "b'0'", "'n'", "'no'", "'off'"])(
    'reads %s as false for a boolean column',
    (input) => {
      expect(normalizeDefault(input, BOOL)).toBe('false')
    },
  )

  it("reads 't'::boolean as true even without a column type", () => {
    expect(normalizeDefault("'t'::boolean")).toBe('true')
  })

  it.each<[string, string, ColumnType?]>([
    ["'a'", "'b'"],
    ['now()', 'localtimestamp'],
    ['now()', 'clock_timestamp()'],
    ['current_timestamp', 'current_timestamp(0)'],
    ['1', '2', INT],
    ["'1'", '1', TEXT],
    ["'t'", 'true', TEXT],
    ['gen_random_uuid()', 'uuid_generate_v4()'],
    ["'A'", "'a'"],
    ["''", 'NULL'],
    ["nextval('public.users_id_seq')", "nextval('users_id_seq')"],
    ["'1.5'::integer", '1.5'],
  ])('keeps %s and %s apart', (a, b, type) => {
    expect(defaultsEqual(a, b, type)).toBe(false)
  })

  it('merges the reported false positives of other tools', () => {
    expect(defaultsEqual('(now())', 'CURRENT_TIMESTAMP')).toBe(true) // drizzle-orm#2136
    expect(defaultsEqual("'1'", '1', INT)).toBe(true) // drizzle-orm#3343
    expect(defaultsEqual("'1'", 'true', BOOL)).toBe(true) // drizzle-orm#3343
    expect(defaultsEqual('now()', '(CURRENT_TIMESTAMP)')).toBe(true) // alembic#634
    expect(defaultsEqual("'[]'::jsonb", "'[]'", JSONB)).toBe(true) // prisma#28526
    expect(defaultsEqual('1.0', '1.', DECIMAL)).toBe(true) // atlas#3724
    expect(defaultsEqual(undefined, 'NULL')).toBe(true)
  })
})

describe('isLiteralDefault / isVolatileDefault', () => {
  it.each([
    "'a'",
    '0',
    '-1',
    '(1.5)',
    "'{}'::jsonb",
    'NULL',
    'true',
    "DATE '2024-01-01'",
    "ARRAY['a']",
    "'x'::status_enum",
  ])('%s is a literal', (x) => {
    expect(isLiteralDefault(x)).toBe(true)
  })
  it.each([
    'now()',
    'CURRENT_TIMESTAMP',
    'gen_random_uuid()',
    "nextval('s'::regclass)",
    'a',
    '"col"',
    "lower('A')",
    '',
  ])('%s is not a literal', (x) => {
    expect(isLiteralDefault(x)).toBe(false)
  })
  it.each([
    'random()',
    'gen_random_uuid()',
    'uuid_generate_v4()',
    'clock_timestamp()',
    "nextval('s'::regclass)",
    'my_schema.my_fn()',
    '(md5(random()::text))',
  ])('%s may be volatile', (x) => {
    expect(isVolatileDefault(x)).toBe(true)
  })
  it.each([
    'now()',
    'CURRENT_TIMESTAMP',
    'current_timestamp(6)',
    'transaction_timestamp()',
    "'a'",
    '0',
    "lower('A')",
    "'{}'::jsonb",
    'NULL',
  ])('%s is not volatile', (x) => {
    expect(isVolatileDefault(x)).toBe(false)
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

const SQL_CHARS = fc.constantFrom(...'abcAB_01 .,;:()[]\'"`$\\-+*/<>=!|~@#%^&?\nEeNnXx'.split(''))
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: SQL_CHARS, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
)
const TYPES: (ColumnType | undefined)[] = [undefined, INT, DECIMAL, DOUBLE, BOOL, TEXT, DATE, JSONB, ENUM, UUID]

const literalValue = fc.string({ unit: fc.constantFrom(...'ab \'A\\"$%_'.split('')), maxLength: 6 })
/** A well-formed expression together with the string literal values it contains. */
type Gen = { sql: string; literals: string[] }
const wellFormed: fc.Arbitrary<Gen> = fc.letrec<{ expr: Gen; atom: Gen }>((tie) => ({
  atom: fc.oneof(
    literalValue.map((v) => ({ sql: `'${v.replaceAll("'", "''")}'`, literals: [v] })),
    literalValue.filter((v) => !v.includes('$')).map((v) => ({ sql: `$$${v}$$`, literals: [v] })),
    literalValue.map((v) => ({ sql: `_utf8mb4'${v.replaceAll("'", "''")}'`, literals: [v] })),
    fc
      .constantFrom('a', 'B', '"c"', '"Mixed"', '`d`', 't.col', 'NULL', 'TRUE', 'current_date')
      .map((sql) => ({ sql, literals: [] })),
    fc.constantFrom('0', '1', '1.0', '.5', '10.50', '1e2').map((sql) => ({ sql, literals: [] })),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('atom'),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '||', '=', '<>', '!=', '<', 'AND', 'OR', 'LIKE'), tie('expr'))
      .map(([l, op, r]) => ({ sql: `${l.sql} ${op} ${r.sql}`, literals: [...l.literals, ...r.literals] })),
    tie('expr').map((e) => ({ sql: `(${e.sql})`, literals: e.literals })),
    tie('expr').map((e) => ({ sql: `NOT (${e.sql})`, literals: e.literals })),
    tie('expr').map((e) => ({ sql: `-(${e.sql})`, literals: e.literals })),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('text', 'varchar', 'character varying', 'integer', 'numeric', 'status_enum', 'text[]'),
      )
      .map(([e, t]) => ({ sql: `(${e.sql})::${t}`, literals: e.literals })),
    fc
      .tuple(tie('expr'), fc.constantFrom('TEXT', 'int4'))
      .map(([e, t]) => ({ sql: `CAST(${e.sql} AS ${t})`, literals: e.literals })),
    fc
      .tuple(fc.constantFrom('lower', 'coalesce', 'f', 'ANY'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 }))
      .map(([f, args]) => ({
        sql: `${f}(${args.map((a) => a.sql).join(', ')})`,
        literals: args.flatMap((a) => a.literals),
      })),
    fc.tuple(tie('expr'), fc.array(tie('atom'), { minLength: 1, maxLength: 3 })).map(([e, xs]) => ({
      sql: `${e.sql} IN (${xs.map((x) => x.sql).join(',')})`,
      literals: [...e.literals, ...xs.flatMap((x) => x.literals)],
    })),
  ),
})).expr

const literalsOf = (sql: string) =>
  tokenizeSql(sql)
    .filter((t) => t.kind === 'string')
    .map((t) => t.value)
    .sort()

describe('properties', () => {
  it('normalizeExpression is idempotent on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (x) => {
        const once = normalizeExpression(x)
        expect(normalizeExpression(once)).toBe(once)
      }),
      { numRuns: 3000 },
    )
  })

  it('normalizeDefault is idempotent on arbitrary text for every column type', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...TYPES), (x, type) => {
        const once = normalizeDefault(x, type)
        expect(normalizeDefault(once, type)).toBe(once)
      }),
      { numRuns: 2000 },
    )
  })

  it('no function throws on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...TYPES), (x, type) => {
        tokenizeSql(x)
        normalizeExpression(x)
        normalizeDefault(x, type)
        defaultsEqual(x, x, type)
        expressionsEqual(x, x)
        isLiteralDefault(x)
        isVolatileDefault(x)
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws on deeply nested input', () => {
    const deep = `${'('.repeat(20000)}a${')'.repeat(20000)}`
    expect(typeof normalizeExpression(deep)).toBe('string')
    expect(normalizeExpression(normalizeExpression(deep))).toBe(normalizeExpression(deep))
  })

  it('is idempotent on well-formed expressions and keeps their string literals', () => {
    fc.assert(
      fc.property(wellFormed, ({ sql, literals }) => {
        const once = normalizeExpression(sql)
        expect(normalizeExpression(once)).toBe(once)
        expect(literalsOf(once)).toEqual([...literals].sort())
      }),
      { numRuns: 3000 },
    )
  })

  it('ignores extra outer parentheses and whitespace on well-formed expressions', () => {
    fc.assert(
      fc.property(wellFormed, ({ sql }) => {
        expect(normalizeExpression(`( ( ${sql} ) )`)).toBe(normalizeExpression(sql))
      }),
      { numRuns: 1000 },
    )
  })

  it('removes parentheses only where precedence makes them redundant', () => {
    type Term = { sql: string; value: number | boolean }
    const num: fc.Arbitrary<Term> = fc.letrec<{ n: Term }>((tie) => ({
      n: fc.oneof(
        { depthSize: 'small' },
        fc.integer({ min: 0, max: 9 }).map((v) => ({ sql: String(v), value: v })),
        tie('n').map((a) => ({ sql: `(-${a.sql})`, value: -(a.value as number) })),
        fc.tuple(tie('n'), fc.constantFrom('+', '-', '*'), tie('n')).map(([a, op, b]) => {
          const [x, y] = [a.value as number, b.value as number]
          return { sql: `(${a.sql} ${op} ${b.sql})`, value: op === '+' ? x + y : op === '-' ? x - y : x * y }
        }),
      ),
    })).n
    const bool: fc.Arbitrary<Term> = fc.letrec<{ b: Term }>((tie) => ({
      b: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(num, fc.constantFrom('=', '<>', '<', '>'), num).map(([a, op, b]) => {
          const [x, y] = [a.value as number, b.value as number]
          return {
            sql: `(${a.sql} ${op} ${b.sql})`,
            value: op === '=' ? x === y : op === '<>' ? x !== y : op === '<' ? x < y : x > y,
          }
        }),
        tie('b').map((a) => ({ sql: `(NOT ${a.sql})`, value: !a.value })),
        fc.tuple(tie('b'), fc.constantFrom('AND', 'OR'), tie('b')).map(([a, op, b]) => ({
          sql: `(${a.sql} ${op} ${b.sql})`,
          value: op === 'AND' ? a.value && b.value : a.value || b.value,
        })),
      ),
    })).b
    fc.assert(
      fc.property(fc.oneof(num, bool), ({ sql, value }) => {
        const normalized = normalizeExpression(sql)
        expect(evaluate(normalized)).toBe(value)
        expect(normalized.length).toBeLessThanOrEqual(sql.length)
      }),
      { numRuns: 2000 },
    )
  })
})

/** Evaluates integer/boolean SQL with the standard precedence: OR < AND < NOT < comparison < + - < * < unary -. */
function evaluate(sql: string): number | boolean {
  const tokens = tokenizeSql(sql).map((t) => t.text.toLowerCase())
  let i = 0
  const peek = () => tokens[i]
  const or = (): number | boolean => {
    let v = and()
    while (peek() === 'or') {
      i++
      const r = and()
      v = v || r
    }
    return v
  }
  const and = (): number | boolean => {
    let v = not()
    while (peek() === 'and') {
      i++
      const r = not()
      v = v && r
    }
    return v
  }
  const not = (): number | boolean => {
    if (peek() !== 'not') return compare()
    i++
    return !not()
  }
  const compare = (): number | boolean => {
    const l = add()
    const op = peek()
    if (op !== '=' && op !== '<>' && op !== '<' && op !== '>') return l
    i++
    const r = add()
    return op === '=' ? l === r : op === '<>' ? l !== r : op === '<' ? l < r : l > r
  }
  const add = (): number => {
    let v = mul()
    while (peek() === '+' || peek() === '-') v = tokens[i++] === '+' ? v + mul() : v - mul()
    return v
  }
  const mul = (): number => {
    let v = unary()
    while (peek() === '*') {
      i++
      v *= unary()
    }
    return v
  }
  const unary = (): number => {
    if (peek() !== '-') return primary()
    i++
    return -unary()
  }
  const primary = (): number => {
    const t = tokens[i++]
    if (t !== '(') return Number(t)
    const v = or() as number
    i++
    return v
  }
  const result = or()
  expect(i).toBe(tokens.length)
  return result
}

describe('normalizers take time linear in the expression', () => {
  const timed = <T>(run: () => T): { result: T; ms: number } => {
    const started = performance.now()
    const result = run()
    return { result, ms: performance.now() - started }
  }

  it('leading CHECK / WHERE keywords are dropped at once (one by one was quadratic)', () => {
    const { result, ms } = timed(() => normalizeExpression(`${'check '.repeat(50_000)}x > 0`))
    expect(result).toBe('x > 0')
    expect(ms).toBeLessThan(3000)
  })

  it('redundant parentheses around 120,000 products are stripped without re-copying the list each time', () => {
    // Each group holds three nodes, so splicing it into one array moved the whole tail every time.
    const nodes = parseTree(tokenizeSql(`${'(a * b) + '.repeat(120_000)}(a * b)`))
    const { result, ms } = timed(() => stripParens(nodes))
    expect(result.length).toBe(120_001 * 4 - 1)
    expect(renderNodes(result)).toBe(`${'a * b + '.repeat(120_000)}a * b`)
    expect(ms).toBeLessThan(8000)
  })
})
