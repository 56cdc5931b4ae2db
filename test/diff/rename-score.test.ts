import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignPairs } from '../../src/diff/assign-pairs.js'
import { nameRewrite, RewriteCounts } from '../../src/diff/rename-rewrites.js'
import { columnContext, scoreColumnRename, scoreTableRename } from '../../src/diff/rename-score.js'
import { applyDiff, defineSchema, diffSchemas, reverseDiff } from '../../src/index.js'
import type { Table } from '../../src/model/types.js'
import { arbitrarySchema } from '../arbitraries.js'

const table = (name: string, columns: [string, 'integer' | 'varchar'][]): Table =>
  ({
    name,
    columns: columns.map(([n, kind]) => ({
      name: n,
      type: kind === 'varchar' ? { kind, length: 50 } : { kind },
      nullable: false,
    })),
    constraints: [],
    indexes: [],
  }) as unknown as Table

describe('scoreTableRename', () => {
  it('scores a pair the same both ways (the counterexample CI found)', () => {
    const orders = table('orders', [
      ['id', 'varchar'],
      ['status', 'integer'],
    ])
    const users = table('users', [
      ['name', 'varchar'],
      ['id', 'integer'],
      ['status', 'integer'],
    ])
    const forward = scoreTableRename(orders, users, { onlyPair: true })
    const backward = scoreTableRename(users, orders, { onlyPair: true })
    expect(forward).toEqual(backward)
    expect(forward.reasons).toEqual([
      '1 of 3 columns match by name and type',
      'similar name (44%)',
      'only dropped and added table',
    ])
  })

  it('is symmetric for any two tables, with the rewrites of the diff', () => {
    fc.assert(
      fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
        const forward = new RewriteCounts()
        const backward = new RewriteCounts()
        for (const x of a.tables)
          for (const y of b.tables) {
            forward.add(x.name, y.name)
            backward.add(y.name, x.name)
          }
        for (const x of a.tables)
          for (const y of b.tables)
            expect(scoreTableRename(x, y, { onlyPair: false, rewrites: forward })).toEqual(
              scoreTableRename(y, x, { onlyPair: false, rewrites: backward }),
            )
      }),
      { numRuns: 300 },
    )
  })

  it('weighs identical columns strongly, shared among the tables that have them', () => {
    const cols: [string, 'integer' | 'varchar'][] = [
      ['id', 'integer'],
      ['local_user_id', 'integer'],
      ['pictrs_alias', 'varchar'],
      ['pictrs_delete_token', 'varchar'],
    ]
    const [from, to] = [table('image_upload', cols), table('local_image', cols)]
    const alone = scoreTableRename(from, to, { onlyPair: false, uncontested: true, claimants: 1 })
    const shared = scoreTableRename(from, to, { onlyPair: false, uncontested: false, claimants: 2 })
    expect(alone.score).toBe(1)
    expect(alone.reasons).toContain('identical columns and primary key')
    expect(shared.score).toBeLessThan(0.8)
    expect(shared.reasons).toContain('identical columns and primary key, like 1 other table')
  })
})

describe('scoreColumnRename', () => {
  const column = (name: string, type: string, nullable = true) =>
    defineSchema({ tables: [{ name: 't', columns: [{ name, type, nullable }] }] }).tables[0]
      ?.columns[0] as Table['columns'][number]

  it('is symmetric for any two columns of any two tables', () => {
    fc.assert(
      fc.property(arbitrarySchema, arbitrarySchema, (a, b) => {
        const rewrites = new RewriteCounts()
        const back = new RewriteCounts()
        for (const x of a.tables)
          for (const y of b.tables)
            for (const f of x.columns)
              for (const t of y.columns) {
                rewrites.add(f.name, t.name)
                back.add(t.name, f.name)
              }
        for (const x of a.tables)
          for (const y of b.tables)
            for (const f of x.columns)
              for (const t of y.columns) {
                const forward = scoreColumnRename(f, t, columnContext(f, t, x, y, x.columns, y.columns, rewrites))
                const backward = scoreColumnRename(t, f, columnContext(t, f, y, x, y.columns, x.columns, back))
                expect(forward).toEqual(backward)
              }
      }),
      { numRuns: 200 },
    )
  })

  it('scores a rename across a wider type of the same family as a rename', () => {
    const s = scoreColumnRename(column('descr', 'varchar(100)'), column('description', 'text'), {
      samePosition: true,
      onlyOfItsType: true,
    })
    expect(s).toEqual({
      score: 0.85,
      reasons: [
        'same type family',
        'same nullability',
        'neither has a default',
        'same position',
        'only dropped and added column of its type',
        'one name abbreviates the other',
      ],
    })
  })

  it('rewards a rewrite shared by other pairs of the diff', () => {
    const rewrites = new RewriteCounts()
    for (const [f, t] of [
      ['user', 'person'],
      ['mod_user_id', 'mod_person_id'],
      ['other_user_id', 'other_person_id'],
    ] as const)
      rewrites.add(f, t)
    const s = scoreColumnRename(column('other_user_id', 'integer'), column('other_person_id', 'integer'), {
      samePosition: false,
      onlyOfItsType: false,
      rewrites,
    })
    expect(s.reasons).toContain('same rewrite as 2 other pairs (person / user)')
    expect(s.score).toBe(0.9)
    expect(nameRewrite('message', 'message_max_requests')).toBe('>max_requests')
  })

  it('never applies a pair with weak name similarity and nothing else', () => {
    const s = scoreColumnRename(column('legacy_ref', 'varchar(40)'), column('referral_code', 'integer', false), {
      samePosition: false,
      onlyOfItsType: false,
    })
    expect(s.score).toBeLessThan(0.5)
  })
})

describe('assignPairs', () => {
  const pair = (from: string, to: string, score: number) => ({
    from,
    to,
    score,
    symmetricKey: [from, to].sort().join('\u0000'),
  })

  it('takes the best total, not the best pair first', () => {
    const chosen = assignPairs([pair('a', 'x', 0.95), pair('a', 'y', 0.9), pair('b', 'x', 0.9)])
    expect(chosen.map((p) => `${p.from}>${p.to}`)).toEqual(['a>y', 'b>x'])
  })

  it('breaks ties the same way whichever side is from', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('a', 'b', 'c', 'd'),
            fc.constantFrom('w', 'x', 'y', 'z'),
            fc.integer({ min: 80, max: 84 }),
          ),
          {
            maxLength: 12,
          },
        ),
        (raw) => {
          const unique = [...new Map(raw.map(([f, t, s]) => [`${f}${t}`, pair(f, t, s / 100)])).values()]
          const forward = assignPairs(unique).map((p) => `${p.from}>${p.to}`)
          const backward = assignPairs(unique.map((p) => pair(p.to, p.from, p.score))).map((p) => `${p.to}>${p.from}`)
          expect(new Set(forward)).toEqual(new Set(backward))
          // One-to-one, and as good as any other one-to-one choice (checked by brute force).
          expect(new Set(forward.map((p) => p[0])).size).toBe(forward.length)
          const total = (ps: typeof unique) => Math.round(ps.reduce((n, p) => n + p.score * 100, 0))
          const best = (rest: typeof unique, used: Set<string>): number =>
            rest.length === 0
              ? 0
              : Math.max(
                  best(rest.slice(1), used),
                  used.has(rest[0]?.from ?? '') || used.has(rest[0]?.to ?? '')
                    ? 0
                    : Math.round((rest[0]?.score ?? 0) * 100) +
                        best(rest.slice(1), new Set([...used, rest[0]?.from ?? '', rest[0]?.to ?? ''])),
                )
          expect(total(assignPairs(unique))).toBe(best(unique, new Set()))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('a whole diff', () => {
  it('renames a table and the columns inside it that share its rewrite, with apply', () => {
    const v1 = defineSchema({
      tables: [
        {
          name: 'user_ban',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'mod_user_id', type: 'integer' },
            { name: 'other_user_id', type: 'integer' },
          ],
        },
      ],
    })
    const v2 = defineSchema({
      tables: [
        {
          name: 'person_ban',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'mod_person_id', type: 'integer' },
            { name: 'other_person_id', type: 'integer' },
          ],
        },
      ],
    })
    const d = diffSchemas(v1, v2, { inferRenames: 'apply' })
    expect(d.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'rename_table person_ban',
      'rename_column person_ban.mod_person_id',
      'rename_column person_ban.other_person_id',
    ])
    const applied = d.renameCandidates.filter((c) => c.applied)
    expect(applied.map((c) => `${c.from}>${c.to}`).sort()).toEqual([
      'mod_user_id>mod_person_id',
      'other_user_id>other_person_id',
      'user_ban>person_ban',
    ])
    for (const c of applied) expect(c.reasons.some((r) => r.startsWith('same rewrite as'))).toBe(true)
  })
})

describe('chained renames', () => {
  // email -> email_old and email_old -> email_new in one step.
  const v = (...columns: string[]) =>
    defineSchema({
      tables: [
        {
          name: 'users',
          columns: [{ name: 'id', type: 'integer' }, ...columns.map((name) => ({ name, type: 'varchar(200)' }))],
        },
      ],
    })
  const before = v('email_old', 'email')
  const after = v('email_new', 'email_old')

  it('renames b -> c before a -> b, both ways, and applies back to the target', () => {
    const d = diffSchemas(before, after, { inferRenames: 'apply' })
    expect(d.changes.map((c) => (c.kind === 'rename_column' ? `${c.from}>${c.column}` : c.kind))).toEqual([
      'email_old>email_new',
      'email>email_old',
    ])
    expect(applyDiff(before, diffSchemas(before, after, { inferRenames: 'apply', comparePositions: true }))).toEqual(
      after,
    )
    expect(reverseDiff(d)).toEqual(diffSchemas(after, before, { inferRenames: 'apply' }))
    expect(
      d.renameCandidates
        .filter((c) => c.applied)
        .every((c) => c.reasons.includes('one of two chained renames (a -> b, b -> c)')),
    ).toBe(true)
  })

  it('only suggests the chain by default', () => {
    const d = diffSchemas(before, after)
    expect(d.changes.some((c) => c.kind === 'rename_column')).toBe(false)
    expect(d.renameCandidates.map((c) => `${c.from}>${c.to}`)).toContain('email_old>email_new')
  })
})

describe('laws where chains are likely', () => {
  // Columns of one type whose names hold each other: chains and direct renames compete.
  const pool = ['email', 'email_old', 'email_new', 'name', 'name_old', 'display_name']
  const version = fc
    .shuffledSubarray(pool, { minLength: 1 })
    .map((names) =>
      defineSchema({ tables: [{ name: 't', columns: names.map((name) => ({ name, type: 'varchar(200)' })) }] }),
    )

  it('reverseDiff(diff(a, b)) equals diff(b, a), and applyDiff reaches b, with apply', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const options = { inferRenames: 'apply', comparePositions: true } as const
        expect(reverseDiff(diffSchemas(a, b, options))).toEqual(diffSchemas(b, a, options))
        expect(applyDiff(a, diffSchemas(a, b, options))).toEqual(b)
      }),
      { numRuns: 2000 },
    )
  })
})
