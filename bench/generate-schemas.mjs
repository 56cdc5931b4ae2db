// Deterministic synthetic schemas for the diff benchmark: a SQLAlchemy-shaped document of N tables x M
// columns, a second version with ~10% of tables altered and ~1% added and dropped, and the same two
// schemas as drizzle-kit PostgreSQL snapshots so both tools diff identical content.

/** mulberry32: a tiny seeded PRNG, so every run diffs exactly the same documents. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One independent stream per (seed, table, purpose): the drops and no-drops variants stay aligned. */
function streamFor(seed, table, purpose) {
  return prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(table + 1, 0x85ebca6b) ^ Math.imul(purpose, 0xc2b2ae35))
}

const pick = (rand, items) => items[Math.floor(rand() * items.length)]

const TYPES = [
  () => ({ type: 'VARCHAR(50)' }),
  () => ({ type: 'VARCHAR(120)' }),
  () => ({ type: 'Integer' }),
  () => ({ type: 'BigInteger' }),
  () => ({ type: 'Numeric', precision: 12, scale: 2 }),
  () => ({ type: 'Boolean' }),
  () => ({ type: 'DateTime', timezone: true }),
  () => ({ type: 'Text' }),
]

/** A default that is valid SQL for the type. */
function defaultFor(col) {
  if (col.type.startsWith('VARCHAR')) return "'n/a'"
  if (col.type === 'Boolean') return 'false'
  if (col.type === 'DateTime') return 'now()'
  if (col.type === 'Text') return "''"
  return '0'
}

/** The type a column is altered to: widenings and a few kind changes, as real migrations do. */
function alteredType(col) {
  const m = /^VARCHAR\((\d+)\)$/.exec(col.type)
  if (m) return { type: `VARCHAR(${Number(m[1]) * 2})` }
  if (col.type === 'Integer') return { type: 'BigInteger' }
  if (col.type === 'BigInteger') return { type: 'Numeric', precision: 20, scale: 0 }
  if (col.type === 'Numeric') return { type: 'Numeric', precision: col.precision + 4, scale: col.scale }
  if (col.type === 'Boolean') return { type: 'Integer' }
  if (col.type === 'DateTime') return { type: 'DateTime', timezone: !col.timezone }
  return { type: 'VARCHAR(255)' }
}

function column(name, typeSpec, nullable, serverDefault, extra = {}) {
  const col = { name, ...typeSpec, nullable, primary_key: false, unique: false, ...extra }
  if (serverDefault !== undefined) col.server_default = serverDefault
  return col
}

function randomColumn(rand, name) {
  const col = column(name, pick(rand, TYPES)(), rand() < 0.6)
  if (rand() < 0.3) col.server_default = defaultFor(col)
  return col
}

const tableName = (i) => `t${String(i).padStart(5, '0')}`

/**
 * Four fixed columns give every table a primary key, a unique column, a foreign key to an earlier
 * table's id (table 0 refers to itself) and a check; the rest are random. Two indexes per table.
 */
function makeTable(name, columns, parent, rand) {
  const cols = [
    column('id', { type: 'Integer' }, false, undefined, { primary_key: true }),
    column('parent_id', { type: 'Integer' }, true),
    column('code', { type: 'VARCHAR(50)' }, false, undefined, { unique: true }),
    column('amount', { type: 'Numeric', precision: 12, scale: 2 }, false, '0'),
  ]
  for (let c = cols.length; c < columns; c++) cols.push(randomColumn(rand, `c${String(c).padStart(2, '0')}`))
  const a = cols[4 + Math.floor(rand() * (columns - 4))].name
  const b = cols[4 + Math.floor(rand() * (columns - 4))].name
  return {
    name,
    columns: cols,
    constraints: [
      { type: 'PrimaryKeyConstraint', columns: ['id'] },
      { type: 'UniqueConstraint', name: `uq_${name}_code`, columns: ['code'] },
      {
        type: 'ForeignKeyConstraint',
        name: `fk_${name}_parent_id`,
        columns: ['parent_id'],
        referred_table: parent,
        referred_columns: ['id'],
      },
      { type: 'CheckConstraint', name: `ck_${name}_amount`, sqltext: 'amount >= 0' },
    ],
    indexes: [
      { name: `ix_${name}_parent_id`, columns: ['parent_id'], unique: false },
      { name: `ix_${name}_${a}_${b}`, columns: a === b ? [a] : [a, b], unique: false },
    ],
  }
}

const indexed = (table, name) => table.indexes.some((x) => x.columns.includes(name))

/** Applies 1-3 random alterations to a copy of the table; `drops` allows dropping a column. */
function alterTable(table, rand, drops) {
  const t = structuredClone(table)
  const free = () => t.columns.slice(4) // the fixed columns carry the keys; leave them alone
  let added = 0
  const ops = {
    type() {
      const col = pick(rand, free())
      const next = alteredType(col)
      for (const k of ['type', 'precision', 'scale', 'timezone']) delete col[k]
      Object.assign(col, next)
      if (col.server_default !== undefined) col.server_default = defaultFor(col)
    },
    nullability() {
      const col = pick(rand, free())
      col.nullable = !col.nullable
    },
    default() {
      const col = pick(rand, free())
      if (col.server_default === undefined) col.server_default = defaultFor(col)
      else delete col.server_default
    },
    addColumn() {
      t.columns.push(randomColumn(rand, `added_${added++}`))
    },
    dropColumn() {
      const candidates = free().filter((c) => !indexed(t, c.name))
      if (!drops || candidates.length === 0) return ops.addColumn()
      const victim = pick(rand, candidates).name
      t.columns = t.columns.filter((c) => c.name !== victim)
    },
    index() {
      const r = rand()
      if (r < 0.4)
        t.indexes.push({ name: `ix_${t.name}_extra_${t.indexes.length}`, columns: ['code', 'amount'], unique: false })
      else if (r < 0.7) t.indexes[1].unique = !t.indexes[1].unique
      else t.indexes[0].columns = ['parent_id', 'id']
    },
  }
  const names = Object.keys(ops)
  const count = 1 + Math.floor(rand() * 3)
  for (let i = 0; i < count; i++) ops[pick(rand, names)]()
  return t
}

/**
 * A pair of schema documents: `before` with `tables` x `columns`, and `after` with ~10% of tables
 * altered, ~1% added and (unless `drops` is false) ~1% dropped. With `drops: false` nothing is
 * dropped (no tables, no columns): the scenario drizzle-kit diffs without prompting for renames.
 */
export function generateSchemaPair({ tables, columns = 20, seed = 1, drops = true }) {
  if (columns < 6) throw new Error('columns must be at least 6')
  const churn = Math.max(1, Math.round(tables * 0.01))
  const pickDrops = streamFor(seed, -1, 0)
  const dropped = new Set()
  while (dropped.size < Math.min(churn, tables - 1)) dropped.add(1 + Math.floor(pickDrops() * (tables - 1)))
  const kept = [...Array(tables).keys()].filter((i) => !dropped.has(i))
  // Foreign keys point at an earlier table that survives, so both versions stay valid.
  const parentOf = (i, rand) => {
    const earlier = kept.filter((k) => k < i)
    return tableName(earlier.length === 0 ? i : earlier[Math.floor(rand() * earlier.length)])
  }
  const before = []
  for (let i = 0; i < tables; i++) {
    const rand = streamFor(seed, i, 1)
    before.push(makeTable(tableName(i), columns, parentOf(i, rand), rand))
  }
  const after = []
  for (let i = 0; i < tables; i++) {
    if (drops && dropped.has(i)) continue
    const rand = streamFor(seed, i, 2)
    after.push(rand() < 0.1 ? alterTable(before[i], rand, drops) : before[i])
  }
  for (let k = 0; k < churn; k++) {
    const rand = streamFor(seed, tables + k, 1)
    after.push(makeTable(`${tableName(tables + k)}_new`, columns, parentOf(tables, rand), rand))
  }
  return { before: document(before), after: document(after) }
}

const document = (tables) => ({ metadata: { schema_name: 'bench', tables } })

/** The PostgreSQL type drizzle-kit writes in its snapshots for one generated column. */
function drizzleType(col) {
  if (col.type.startsWith('VARCHAR')) return col.type.toLowerCase()
  if (col.type === 'Numeric') return `numeric(${col.precision}, ${col.scale})`
  if (col.type === 'DateTime') return col.timezone ? 'timestamp with time zone' : 'timestamp'
  return { Integer: 'integer', BigInteger: 'bigint', Boolean: 'boolean', Text: 'text' }[col.type]
}

function drizzleTable(t) {
  const columns = {}
  for (const c of t.columns) {
    columns[c.name] = { name: c.name, type: drizzleType(c), primaryKey: c.primary_key, notNull: !c.nullable }
    if (c.server_default !== undefined) columns[c.name].default = c.server_default
  }
  const byType = (type) => t.constraints.filter((k) => k.type === type)
  const record = (items, value) => Object.fromEntries(items.map((x) => [x.name, value(x)]))
  return {
    name: t.name,
    schema: '',
    columns,
    indexes: record(t.indexes, (x) => ({
      name: x.name,
      columns: x.columns.map((expression) => ({ expression, isExpression: false, asc: true, nulls: 'last' })),
      isUnique: x.unique,
      concurrently: false,
      method: 'btree',
      with: {},
    })),
    foreignKeys: record(byType('ForeignKeyConstraint'), (k) => ({
      name: k.name,
      tableFrom: t.name,
      tableTo: k.referred_table,
      columnsFrom: k.columns,
      columnsTo: k.referred_columns,
      onDelete: 'no action',
      onUpdate: 'no action',
    })),
    compositePrimaryKeys: {},
    uniqueConstraints: record(byType('UniqueConstraint'), (k) => ({
      name: k.name,
      nullsNotDistinct: false,
      columns: k.columns,
    })),
    policies: {},
    checkConstraints: record(byType('CheckConstraint'), (k) => ({ name: k.name, value: k.sqltext })),
    isRLSEnabled: false,
  }
}

/** The drizzle-kit (v7, PostgreSQL) snapshot of a generated document, as `generateDrizzleJson` writes it. */
export function toDrizzleSnapshot(doc, id, prevId = '00000000-0000-0000-0000-000000000000') {
  const tables = Object.fromEntries(doc.metadata.tables.map((t) => [`public.${t.name}`, drizzleTable(t)]))
  return {
    id,
    prevId,
    version: '7',
    dialect: 'postgresql',
    tables,
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
  }
}
