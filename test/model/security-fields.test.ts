import { describe, expect, it } from 'vitest'
import { parseSchema, safeParseSchema, serializeSchema } from '../../src/index.js'
import { createSchemaSQL } from '../../src/sql/create-schema-sql.js'

// Exclusion constraints, constraint flags, row-level security, policies and grants in the documents:
// the canonical shape round-trips, the SQLAlchemy shape reads ExcludeConstraint, bad input is reported
// by path, and the dialects without these features refuse them.

const canonical = {
  format: 'schemaledger/1',
  tables: [
    {
      name: 'bookings',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'room', type: 'integer', nullable: true },
        { name: 'during', type: 'tstzrange', nullable: true },
      ],
      constraints: [
        { type: 'check', name: 'ck', expression: 'id > 0', notValid: true, noInherit: true },
        {
          type: 'exclude',
          name: 'no_overlap',
          elements: [
            { column: 'room', operator: '=' },
            { column: 'during', operator: '&&' },
          ],
          where: 'id > 0',
        },
      ],
      rowSecurity: 'forced',
      policies: [
        { name: 'z', command: 'select', roles: ['writer', 'reader'], using: 'true' },
        { name: 'a', restrictive: true, withCheck: 'id > 0' },
      ],
      grants: [
        { grantee: 'reader', privileges: ['update', 'select'] },
        { grantee: 'reader', privileges: ['insert'] },
      ],
    },
  ],
}

describe('document: exclusion constraints, flags, row-level security, policies, grants', () => {
  it('reads the canonical shape into normal form and writes it back unchanged', () => {
    const s = parseSchema(canonical)
    const t = s.tables[0]
    expect(t?.policies?.map((p) => [p.name, p.roles])).toEqual([
      ['a', undefined],
      ['z', ['reader', 'writer']],
    ])
    expect(t?.grants).toEqual([{ grantee: 'reader', privileges: ['insert', 'select', 'update'] }])
    expect(t?.constraints.map((c) => c.type)).toEqual(['check', 'exclude'])
    expect(parseSchema(JSON.parse(serializeSchema(s)))).toEqual(s)
    expect(JSON.parse(serializeSchema(s)).tables[0].rowSecurity).toBe('forced')
  })

  it('reads SQLAlchemy ExcludeConstraint: [element, operator] pairs, ops, using, where', () => {
    const s = parseSchema({
      metadata: {
        tables: [
          {
            name: 'bookings',
            columns: [
              { name: 'room', type: 'Integer' },
              { name: 'during', type: 'TSTZRANGE' },
            ],
            constraints: [
              {
                type: 'ExcludeConstraint',
                name: 'no_overlap',
                elements: [
                  ['room', '='],
                  ['during', '&&'],
                  ['lower(name)', '='],
                ],
                ops: { room: 'gist_int4_ops' },
                using: 'gist',
                where: 'room > 0',
                deferrable: true,
                initially: 'DEFERRED',
              },
            ],
          },
        ],
      },
    })
    expect(s.tables[0]?.constraints).toEqual([
      {
        type: 'exclude',
        name: 'no_overlap',
        elements: [
          { column: 'room', opclass: 'gist_int4_ops', operator: '=' },
          { column: 'during', operator: '&&' },
          { expression: 'lower(name)', operator: '=' },
        ],
        where: 'room > 0',
        deferrable: true,
        initiallyDeferred: true,
      },
    ])
  })

  it('reports bad elements, operators and duplicate policies by path', () => {
    const t = canonical.tables[0] as (typeof canonical.tables)[0]
    const result = safeParseSchema({
      ...canonical,
      tables: [
        {
          ...t,
          constraints: [
            {
              type: 'exclude',
              elements: [
                { column: 'nope', operator: '=' },
                { column: 'room', operator: 'WITH x' },
              ],
            },
          ],
          policies: [{ name: 'p' }, { name: 'p' }],
        },
      ],
    })
    expect(result.success).toBe(false)
    const issues = result.success ? [] : result.issues.map((i) => `${i.path}: ${i.code}`)
    expect(issues).toEqual([
      'tables[0].constraints[0].elements[0].column: unknown_column',
      'tables[0].constraints[0].elements[1].operator: invalid_operator',
      'tables[0].policies[1].name: duplicate_policy',
    ])
  })

  it('MySQL and SQLite refuse what only PostgreSQL has (unsupported_feature), naming each part', () => {
    const s = parseSchema(canonical)
    expect(() => createSchemaSQL(s, 'mysql')).toThrow(/row-level security: not in MySQL\/MariaDB/)
    let message = ''
    try {
      createSchemaSQL(s, 'sqlite')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message.split('\n').slice(1)).toEqual([
      '  bookings: row-level security: not in SQLite',
      '  bookings.a: a row-level security policy: not in SQLite',
      '  bookings.z: a row-level security policy: not in SQLite',
      "  bookings: grants to roles: not planned for SQLite (privileges are modelled as PostgreSQL's)",
      '  bookings.ck: NOT VALID: not in SQLite',
      '  bookings.ck: NO INHERIT: not in SQLite (no table inheritance)',
      '  bookings.no_overlap: an exclusion constraint (EXCLUDE): not in SQLite',
    ])
  })
})
