import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ColumnType, ColumnTypeKind } from '../../src/model/column-type.js'
import { columnTypesEqual, formatColumnType } from '../../src/model/format-column-type.js'
import {
  type ColumnTypeHints,
  isSerialSpelling,
  parseColumnType,
  splitCollation,
  sqliteAffinity,
} from '../../src/model/parse-column-type.js'
import {
  arr,
  type Case,
  custom,
  INT,
  MYSQL,
  POSTGRES,
  SQLALCHEMY,
  SQLITE,
  TEXT,
  TOLERANCE,
  ts,
} from './column-type.cases.js'

const table = (name: string, cases: readonly Case[]): void => {
  describe(name, () => {
    it.each(cases.map(([s, e, h]) => ({ s, e, h })))('$s', ({ s, e, h }) => {
      expect(parseColumnType(s, h)).toEqual(e)
    })
  })
}
table('SQLAlchemy spellings', SQLALCHEMY)
table('PostgreSQL spellings', POSTGRES)
table('MySQL spellings', MYSQL)
table('SQLite spellings', SQLITE)
table('tolerance and edge cases', TOLERANCE)

describe('spellings of the same type from different sources', () => {
  const groups: readonly (readonly (readonly [string, ColumnTypeHints?])[])[] = [
    [['int4'], ['integer'], ['Integer'], ['INTEGER'], ['int(11)'], ['serial']],
    [['varchar(50)'], ['character varying(50)'], ['String(50)'], ['String', { length: 50 }], ['VARCHAR(50)']],
    [['bool'], ['boolean'], ['Boolean'], ['tinyint(1)']],
    [['timestamptz'], ['timestamp with time zone'], ['DateTime', { timezone: true }], ['DateTime(timezone=True)']],
    [['numeric(10,2)'], ['NUMERIC(10, 2)'], ['Numeric', { precision: 10, scale: 2 }], ['decimal(10,2)']],
    [['float8'], ['double precision'], ['Float(53)'], ['Float', { precision: 53 }], ['DOUBLE']],
    [['int2[]'], ['_int2'], ['smallint[]'], ['ARRAY(SmallInteger)']],
  ]
  it.each(groups.map((g) => ({ name: g.map(([s]) => s).join(' = '), g })))('$name', ({ g }) => {
    const [first, ...rest] = g.map(([s, h]) => parseColumnType(s, h))
    for (const t of rest) expect(t).toEqual(first)
  })
})

describe('hints', () => {
  it('fill only what the string leaves out; the string wins on conflict', () => {
    expect(parseColumnType('VARCHAR(20)', { length: 50 })).toEqual({ kind: 'varchar', length: 20 })
    expect(parseColumnType('NUMERIC(12, 4)', { precision: 10, scale: 2 })).toEqual({
      kind: 'decimal',
      precision: 12,
      scale: 4,
    })
    expect(parseColumnType('timestamptz', { timezone: false })).toEqual(ts(true))
    expect(parseColumnType('timestamp without time zone', { timezone: true })).toEqual(ts(false))
    expect(parseColumnType('TIMESTAMP', { timezone: true })).toEqual(ts(true))
    expect(parseColumnType("enum('a')", { enumValues: ['x'], enumName: 'e' })).toEqual({
      kind: 'enum',
      name: 'e',
      values: ['a'],
    })
  })
  it('precision alone means scale 0; scale without precision is ignored', () => {
    expect(parseColumnType('Numeric', { precision: 10 })).toEqual({ kind: 'decimal', precision: 10, scale: 0 })
    expect(parseColumnType('Numeric', { scale: 2 })).toEqual({ kind: 'decimal' })
  })
  it('Float precision picks real or double; other kinds ignore foreign hints', () => {
    expect(parseColumnType('Float', { precision: 10 })).toEqual({ kind: 'real' })
    expect(parseColumnType('Float(53)', { precision: 10 })).toEqual({ kind: 'double' })
    expect(parseColumnType('Integer', { length: 5, precision: 3, timezone: true })).toEqual(INT)
    expect(parseColumnType('inet', { length: 5 })).toEqual(custom('inet'))
    expect(parseColumnType('DateTime', { precision: 6 })).toEqual(ts(false, 6))
  })
  it('apply to the innermost element of an array', () => {
    expect(parseColumnType('ARRAY(String)', { length: 20 })).toEqual(arr({ kind: 'varchar', length: 20 }))
  })
})

describe('helpers', () => {
  it('isSerialSpelling', () => {
    for (const s of ['serial', 'BIGSERIAL', ' smallserial ', 'serial4', '"serial"'])
      expect(isSerialSpelling(s)).toBe(true)
    for (const s of ['integer', 'serial[]', 'serial(4)', '', 'int4']) expect(isSerialSpelling(s)).toBe(false)
  })
  it('splitCollation', () => {
    expect(splitCollation('varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin')).toEqual({
      type: 'varchar(50)',
      collation: 'utf8mb4_bin',
      charset: 'utf8mb4',
    })
    expect(splitCollation('VARCHAR(50) COLLATE "utf8_bin"')).toEqual({ type: 'VARCHAR(50)', collation: 'utf8_bin' })
    expect(splitCollation('text COLLATE "C"')).toEqual({ type: 'text', collation: 'C' })
    expect(splitCollation("enum('a','b') charset latin1")).toEqual({ type: "enum('a','b')", charset: 'latin1' })
    expect(splitCollation('text collate pg_catalog."default"')).toEqual({
      type: 'text',
      collation: 'pg_catalog."default"',
    })
    expect(splitCollation('character varying(5)')).toEqual({ type: 'character varying(5)' })
    expect(splitCollation("enum('collate x')")).toEqual({ type: "enum('collate x')" })
    expect(splitCollation('COLLATE x')).toEqual({ type: 'COLLATE x' })
    expect(splitCollation('text COLLATE')).toEqual({ type: 'text COLLATE' })
    expect(parseColumnType('citext COLLATE "C"')).toEqual(custom('citext'))
  })
  it('sqliteAffinity follows section 3.1 of the SQLite datatype docs', () => {
    const cases = {
      INT: 'integer',
      'UNSIGNED BIG INT': 'integer',
      'FLOATING POINT': 'integer',
      'VARCHAR(50)': 'text',
      'NATIVE CHARACTER(70)': 'text',
      CLOB: 'text',
      BLOB: 'blob',
      '': 'blob',
      REAL: 'real',
      'DOUBLE PRECISION': 'real',
      FLOAT: 'real',
      NUMERIC: 'numeric',
      'DECIMAL(10,5)': 'numeric',
      DATETIME: 'numeric',
      point: 'integer', // "POINT" contains "INT": SQLite's rule, not a bug
      geometry: 'numeric',
    } as const
    for (const [s, a] of Object.entries(cases)) expect(sqliteAffinity(s), s).toBe(a)
  })
  it('columnTypesEqual', () => {
    expect(columnTypesEqual(custom('Geometry( Point , 4326 )'), custom('geometry(point,4326)'))).toBe(true)
    expect(columnTypesEqual(custom('bit  varying'), custom('BIT VARYING'))).toBe(true)
    expect(columnTypesEqual(custom('inet'), custom('cidr'))).toBe(false)
    expect(columnTypesEqual(custom('integer'), INT)).toBe(false)
    expect(columnTypesEqual({ kind: 'decimal', precision: 5 }, { kind: 'decimal', precision: 5, scale: 0 })).toBe(true)
    expect(columnTypesEqual({ kind: 'varchar', length: 50 }, { kind: 'varchar' })).toBe(false)
    // MySQL display widths: the default one (int(11), int(10) unsigned) is no width; ZEROFILL is UNSIGNED.
    expect(columnTypesEqual({ kind: 'integer', displayWidth: 11 }, INT)).toBe(true)
    expect(
      columnTypesEqual({ kind: 'integer', displayWidth: 10, unsigned: true }, { kind: 'integer', unsigned: true }),
    ).toBe(true)
    expect(columnTypesEqual({ kind: 'integer', displayWidth: 10 }, INT)).toBe(false)
    expect(columnTypesEqual({ kind: 'integer', displayWidth: 4 }, INT)).toBe(false)
    expect(
      columnTypesEqual({ kind: 'bigint', displayWidth: 20, unsigned: true }, { kind: 'bigint', unsigned: true }),
    ).toBe(true)
    expect(
      columnTypesEqual({ kind: 'integer', zerofill: true }, { kind: 'integer', unsigned: true, zerofill: true }),
    ).toBe(true)
    expect(
      columnTypesEqual({ kind: 'integer', unsigned: true, zerofill: true }, { kind: 'integer', unsigned: true }),
    ).toBe(false)
    expect(columnTypesEqual(arr(custom('INET')), arr(custom('inet')))).toBe(true)
    expect(columnTypesEqual({ kind: 'enum', values: ['a', 'b'] }, { kind: 'enum', values: ['b', 'a'] })).toBe(false)
    expect(columnTypesEqual({ kind: 'integer', unsigned: true }, INT)).toBe(false)
  })
})

describe('formatColumnType', () => {
  const canonical: readonly (readonly [ColumnType, string])[] = [
    [{ kind: 'tinyint' }, 'tinyint'],
    [{ kind: 'smallint' }, 'smallint'],
    [{ kind: 'mediumint' }, 'mediumint'],
    [INT, 'integer'],
    [{ kind: 'bigint', unsigned: true }, 'bigint unsigned'],
    [{ kind: 'integer', displayWidth: 4 }, 'integer(4)'],
    [{ kind: 'integer', displayWidth: 4, unsigned: true, zerofill: true }, 'integer(4) unsigned zerofill'],
    [{ kind: 'integer', displayWidth: 11 }, 'integer'],
    [{ kind: 'integer', displayWidth: 10, unsigned: true, zerofill: true }, 'integer unsigned zerofill'],
    [{ kind: 'decimal' }, 'decimal'],
    [{ kind: 'decimal', precision: 10, scale: 0 }, 'decimal(10,0)'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, 'decimal(10,2)'],
    [{ kind: 'real' }, 'real'],
    [{ kind: 'double' }, 'double'],
    [{ kind: 'float' }, 'float'],
    [{ kind: 'boolean' }, 'boolean'],
    [{ kind: 'char', length: 2 }, 'char(2)'],
    [{ kind: 'varchar', length: 50 }, 'varchar(50)'],
    [{ kind: 'varchar' }, 'varchar'],
    [TEXT, 'text'],
    [{ kind: 'text', size: 'tiny' }, 'tinytext'],
    [{ kind: 'text', size: 'medium' }, 'mediumtext'],
    [{ kind: 'text', size: 'long' }, 'longtext'],
    [{ kind: 'binary', length: 16 }, 'binary(16)'],
    [{ kind: 'varbinary', length: 255 }, 'varbinary(255)'],
    [{ kind: 'blob' }, 'blob'],
    [{ kind: 'blob', size: 'tiny' }, 'tinyblob'],
    [{ kind: 'blob', size: 'medium' }, 'mediumblob'],
    [{ kind: 'blob', size: 'long' }, 'longblob'],
    [{ kind: 'date' }, 'date'],
    [{ kind: 'time', timezone: false }, 'time'],
    [{ kind: 'time', precision: 3, timezone: false }, 'time(3)'],
    [{ kind: 'time', timezone: true }, 'time with time zone'],
    [ts(false), 'timestamp'],
    [ts(false, 3), 'timestamp(3)'],
    [ts(true, 6), 'timestamp(6) with time zone'],
    [{ kind: 'interval' }, 'interval'],
    [{ kind: 'interval', fields: 'day to second', precision: 3 }, 'interval day to second(3)'],
    [{ kind: 'uuid' }, 'uuid'],
    [{ kind: 'json' }, 'json'],
    [{ kind: 'jsonb' }, 'jsonb'],
    [{ kind: 'enum', values: ['a', "it's"] }, "enum('a','it''s')"],
    [{ kind: 'enum', name: 'mood', values: ['a'] }, 'mood'],
    [{ kind: 'enum' }, 'enum'],
    [arr(INT), 'integer[]'],
    [custom('geometry(Point,4326)'), 'geometry(Point,4326)'],
  ]
  it.each(canonical.map(([t, s]) => ({ t, s })))('$s', ({ t, s }) => {
    expect(formatColumnType(t)).toBe(s)
  })
  it('a named enum reads back as a custom, for the caller to resolve', () => {
    expect(parseColumnType(formatColumnType({ kind: 'enum', name: 'mood' }))).toEqual(custom('mood'))
  })
})

const KINDS: ReadonlySet<ColumnTypeKind> = new Set<ColumnTypeKind>(
  (
    'tinyint smallint mediumint integer bigint decimal real double float boolean char varchar text binary varbinary ' +
    'blob date time timestamp interval uuid json jsonb enum array custom untyped'
  ).split(' ') as ColumnTypeKind[],
)
const isCustomOf = (raw: string): boolean => columnTypesEqualExact(parseColumnType(raw), custom(raw))
const columnTypesEqualExact = (a: ColumnType, b: ColumnType): boolean => JSON.stringify(a) === JSON.stringify(b)

const customArb = (inArray: boolean): fc.Arbitrary<ColumnType> => {
  const curated = fc.constantFrom(
    'inet',
    'citext',
    'geometry(Point,4326)',
    'tsvector',
    'money',
    'bit(3)',
    "set('a','b')",
    'year',
    'float(7,4)',
    'bit varying(5)',
    'public.mood',
    'timestamp with local time zone',
  )
  const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}( [a-z]{1,5})?$/).filter(isCustomOf)
  const anything = fc
    .string()
    .map((s) => s.trim())
    .filter(isCustomOf)
  const raws = inArray ? fc.oneof(curated, identifier) : fc.oneof(curated, identifier, anything)
  return raws.map(custom)
}

const nat = fc.nat({ max: 1000 })
const opt = <T>(key: string, arb: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc.option(arb, { nil: undefined }).map((v): Record<string, T> => (v === undefined ? {} : { [key]: v }))
const unsigned = opt('unsigned', fc.constant(true as const))
const INTERVAL_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'year to month', 'day to second']

/** MySQL's default display widths, signed and unsigned, which read back as no width. */
const DEFAULT_WIDTHS: Readonly<Record<string, readonly [number, number]>> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  integer: [11, 10],
  bigint: [20, 20],
}
const integerArb = fc
  .tuple(
    fc.constantFrom('tinyint', 'smallint', 'mediumint', 'integer', 'bigint'),
    unsigned,
    fc.boolean(),
    fc.option(fc.integer({ min: 1, max: 255 }), { nil: undefined }),
  )
  .filter(
    ([kind, u, zerofill, width]) =>
      width !== DEFAULT_WIDTHS[kind]?.[u.unsigned || zerofill ? 1 : 0] &&
      !(kind === 'tinyint' && width === 1 && !u.unsigned && !zerofill),
  )
  .map(
    ([kind, u, zerofill, width]) =>
      ({
        kind,
        ...u,
        ...(zerofill ? { unsigned: true, zerofill: true } : {}),
        ...(width === undefined ? {} : { displayWidth: width }),
      }) as ColumnType,
  )

const scalarArb = (inArray: boolean): fc.Arbitrary<ColumnType> =>
  fc.oneof(
    integerArb,
    fc.tuple(fc.constantFrom('real', 'double', 'float'), unsigned).map(([kind, u]) => ({ kind, ...u }) as ColumnType),
    fc
      .tuple(
        fc.oneof(
          fc.constant({}),
          fc.record({ precision: nat, scale: fc.integer({ min: -10, max: 100 }) }),
          fc.record({ scale: fc.integer({ min: -10, max: 100 }) }),
        ),
        unsigned,
      )
      .map(([ps, u]) => ({ kind: 'decimal', ...ps, ...u }) as ColumnType),
    fc
      .tuple(fc.constantFrom('char', 'varchar', 'binary', 'varbinary'), opt('length', nat))
      .map(([kind, l]) => ({ kind, ...l }) as ColumnType),
    fc
      .tuple(fc.constantFrom('text', 'blob'), opt('size', fc.constantFrom('tiny', 'medium', 'long')))
      .map(([kind, s]) => ({ kind, ...s }) as ColumnType),
    fc.constantFrom<ColumnType>(
      { kind: 'boolean' },
      { kind: 'date' },
      { kind: 'uuid' },
      { kind: 'json' },
      { kind: 'jsonb' },
    ),
    fc
      .tuple(fc.constantFrom('time', 'timestamp'), opt('precision', fc.nat({ max: 9 })), fc.boolean())
      .map(([kind, p, timezone]) => ({ kind, ...p, timezone }) as ColumnType),
    fc
      .tuple(opt('fields', fc.constantFrom(...INTERVAL_FIELDS)), opt('precision', fc.nat({ max: 9 })))
      .map(([f, p]) => ({ kind: 'interval', ...f, ...p }) as ColumnType),
    opt('values', fc.array(fc.string(), { maxLength: 5 })).map((v) => ({ kind: 'enum', ...v }) as ColumnType),
    customArb(inArray),
  )

const columnTypeArb: fc.Arbitrary<ColumnType> = fc.oneof(
  { weight: 4, arbitrary: scalarArb(false) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(scalarArb(true), fc.integer({ min: 1, max: 3 }))
      .map(([t, depth]) => Array.from({ length: depth }).reduce<ColumnType>((of) => arr(of), t)),
  },
)

describe('properties', () => {
  it('parseColumnType(formatColumnType(t)) deep-equals t', () => {
    fc.assert(
      fc.property(columnTypeArb, (t) => {
        expect(parseColumnType(formatColumnType(t))).toEqual(t)
      }),
      { numRuns: 2000 },
    )
  })
  it('formatColumnType is canonical: formatting what it parses gives the same text', () => {
    fc.assert(
      fc.property(columnTypeArb, (t) => {
        const s = formatColumnType(t)
        expect(formatColumnType(parseColumnType(s))).toBe(s)
      }),
    )
  })
  const soup = fc
    .array(
      fc.constantFrom(
        ...'( ) , [ ] = * - . \' " '.split(' '),
        "'x''y'",
        '"q"',
        'array',
        'ARRAY(',
        'int',
        'varchar',
        'with',
        'time',
        'zone',
        'interval',
        'day to second',
        'enum',
        'unsigned',
        'collate',
        'character set',
        'timezone=True',
        '3',
        '-1',
        '99999999999999999999',
        '_int4',
        ' ',
      ),
      { maxLength: 14 },
    )
    .map((parts) => parts.join(''))
  const inputs = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), soup)
  it('never throws and always returns a known kind', () => {
    fc.assert(
      fc.property(
        inputs,
        fc.option(fc.record({ length: fc.integer(), precision: fc.integer(), timezone: fc.boolean() })),
        (s, h) => {
          const t = parseColumnType(s, h ?? undefined)
          expect(KINDS.has(t.kind)).toBe(true)
          if (t.kind === 'custom') expect(t.raw).toBe(splitCollation(s).type)
          expect(() => formatColumnType(t)).not.toThrow()
          expect(() => splitCollation(s)).not.toThrow()
          expect(['integer', 'text', 'blob', 'real', 'numeric']).toContain(sqliteAffinity(s))
        },
      ),
      { numRuns: 3000 },
    )
  })
})
