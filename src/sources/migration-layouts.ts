import { SchemaLedgerError } from '../errors.js'

/**
 * The migration-folder layouts of common tools, and plain ordered `.sql` files. `rails` is a Rails
 * application's `db/structure.sql` snapshot (its `db/migrate/*.rb` are Ruby, not replayed).
 */
export type MigrationLayout = 'rails' | 'prisma' | 'diesel' | 'golang-migrate' | 'dbmate' | 'flyway' | 'plain'

/**
 * Every layout name, in the order detection tries them.
 *
 * @example
 * ```ts
 * MIGRATION_LAYOUTS.includes('flyway') // true
 * ```
 */
export const MIGRATION_LAYOUTS: readonly MigrationLayout[] = [
  'rails',
  'prisma',
  'diesel',
  'golang-migrate',
  'flyway',
  'dbmate',
  'plain',
]

/** A file of a migration folder: its path relative to the folder (`/`-separated) and its text. */
export interface MigrationFile {
  readonly path: string
  readonly text: string
}

/**
 * One migration of a folder, in its tool's order: the SQL that applies it (the `up` part).
 *
 * @example
 * ```ts
 * const m: Migration = { name: '20240101120000_add_users', file: '20240101120000_add_users/migration.sql', time: '2024-01-01T12:00:00Z', sql: 'CREATE TABLE ...' }
 * ```
 */
export interface Migration {
  /** Its name as its tool shows it (the folder or file name without extension). */
  readonly name: string
  /** The file it was read from, relative to the folder. */
  readonly file: string
  /** The time its name carries (ISO 8601, UTC), when it carries one. */
  readonly time?: string
  /** The SQL that applies it. */
  readonly sql: string
  /** The whole file's text (hashed for the timeline). */
  readonly text: string
}

interface LayoutRule {
  /** Whether a file belongs to the layout, and its sort key, name and time when it does. */
  match(file: MigrationFile): { key: readonly (string | number)[]; name: string; time?: string | undefined } | undefined
  /** The SQL that applies the migration, from the file's text. */
  up(text: string): string
}

/** `YYYYMMDDHHMMSS` (digits possibly separated by `-`) as an ISO time, when it is a real one. */
function timeOf(stamp: string): string | undefined {
  const d = stamp.replace(/\D/g, '')
  if (d.length !== 14) return undefined
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(8, 10)}:${d.slice(10, 12)}:${d.slice(12, 14)}Z`
  const parsed = Date.parse(iso)
  return Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 19) !== iso.slice(0, 19) ? undefined : iso
}

/** Numbers inside a name compare as numbers (`2_b` before `10_a`). */
function naturalKey(name: string): (string | number)[] {
  return name.split(/(\d+)/).map((part, i) => (i % 2 === 1 ? Number(part) : part))
}

const whole = (text: string) => text

/** dbmate's `-- migrate:up` section (up to `-- migrate:down`). */
function dbmateUp(text: string): string {
  const up = /^--\s*migrate:up\b.*$/m.exec(text)
  if (!up) return text
  const rest = text.slice(up.index + up[0].length)
  const down = /^--\s*migrate:down\b/m.exec(rest)
  // Keep the line count so that line numbers in errors stay those of the file.
  const before = text.slice(0, up.index + up[0].length).replace(/[^\n]/g, '')
  return before + (down ? rest.slice(0, down.index) : rest)
}

/**
 * The newest version a Rails `structure.sql` records in its `INSERT INTO "schema_migrations"` list
 * (Rails writes it at the end of the dump): the snapshot's name.
 */
function railsVersion(text: string): string | undefined {
  const insert =
    /INSERT\s+INTO\s+(?:"?public"?\.)?[`"]?schema_migrations[`"]?\s*\(\s*[`"]?version[`"]?\s*\)\s*VALUES\s*([^;]*)/i.exec(
      text,
    )
  const versions = [...(insert?.[1] ?? '').matchAll(/'(\d+)'/g)].map((m) => m[1] as string)
  return versions.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)).at(-1)
}

const RULES: Readonly<Record<MigrationLayout, LayoutRule>> = {
  rails: {
    // The schema is the snapshot: one version, named by the newest migration it records.
    match: ({ path, text }) => {
      if (path !== 'db/structure.sql') return undefined
      const version = railsVersion(text)
      return { key: [0], name: version ?? 'structure', time: version ? timeOf(version) : undefined }
    },
    up: whole,
  },
  prisma: {
    match: ({ path }) => {
      const m = /^((\d{14})_[^/]+)\/migration\.sql$/.exec(path)
      return m ? { key: [m[1] as string], name: m[1] as string, time: timeOf(m[2] as string) } : undefined
    },
    up: whole,
  },
  diesel: {
    match: ({ path }) => {
      const m = /^((\d{4}-?\d{2}-?\d{2}-?\d{6})_[^/]+)\/up\.sql$/.exec(path)
      return m ? { key: [m[1] as string], name: m[1] as string, time: timeOf(m[2] as string) } : undefined
    },
    up: whole,
  },
  'golang-migrate': {
    match: ({ path }) => {
      const m = /^((\d+)_[^/]*)\.up\.sql$/.exec(path)
      return m ? { key: [Number(m[2]), m[1] as string], name: m[1] as string, time: timeOf(m[2] as string) } : undefined
    },
    up: whole,
  },
  flyway: {
    match: ({ path }) => {
      const v = /^(V(\d+(?:[._]\d+)*)__[^/]+)\.sql$/.exec(path)
      if (v) {
        const parts = (v[2] as string).split(/[._]/).map(Number)
        return { key: [0, ...parts], name: v[1] as string, time: timeOf(v[2] as string) }
      }
      // Repeatable migrations run after the versioned ones, by description.
      const r = /^(R__[^/]+)\.sql$/.exec(path)
      return r ? { key: [1, r[1] as string], name: r[1] as string } : undefined
    },
    up: whole,
  },
  dbmate: {
    match: (file) => {
      const m = /^((\d+)_[^/]*)\.sql$/.exec(file.path)
      return m && /^--\s*migrate:up\b/m.test(file.text)
        ? { key: [m[2] as string], name: m[1] as string, time: timeOf(m[2] as string) }
        : undefined
    },
    up: dbmateUp,
  },
  plain: {
    match: ({ path }) => {
      const m = /^([^/]+)\.sql$/i.exec(path)
      return m ? { key: naturalKey(m[1] as string), name: m[1] as string } : undefined
    },
    up: whole,
  },
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x === y) continue
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (typeof x === 'number' && typeof y === 'number') return x - y
    return String(x) < String(y) ? -1 : 1
  }
  return 0
}

/**
 * Which tool's layout a folder's files follow: the first of {@link MIGRATION_LAYOUTS} that some
 * file matches (dbmate by its `-- migrate:up` marker), else undefined.
 *
 * @example
 * ```ts
 * detectMigrationLayout([{ path: '20240101120000_init/migration.sql', text: '' }]) // 'prisma'
 * ```
 */
export function detectMigrationLayout(files: readonly MigrationFile[]): MigrationLayout | undefined {
  return MIGRATION_LAYOUTS.find((layout) => files.some((f) => RULES[layout].match(f) !== undefined))
}

/**
 * The migrations of a folder in the order their tool applies them, for a layout (detected when not
 * given). Files that are not migrations of the layout (a `migration_lock.toml`, `down.sql`) are left out.
 *
 * @example
 * ```ts
 * const { layout, migrations } = orderMigrations(files)
 * ```
 */
export function orderMigrations(
  files: readonly MigrationFile[],
  layout?: MigrationLayout,
): { layout: MigrationLayout; migrations: Migration[] } {
  const chosen = layout ?? detectMigrationLayout(files)
  if (!chosen) {
    throw new SchemaLedgerError('no_migrations', 'no migration files found (.sql files in a known layout)')
  }
  const rule = Object.hasOwn(RULES, chosen) ? RULES[chosen] : undefined
  if (!rule) {
    throw new SchemaLedgerError('invalid_layout', `"${chosen}" is not a layout (${MIGRATION_LAYOUTS.join(', ')})`)
  }
  const found = files.flatMap((file) => {
    const m = rule.match(file)
    return m ? [{ ...m, file }] : []
  })
  if (found.length === 0) throw new SchemaLedgerError('no_migrations', `no migration files in the ${chosen} layout`)
  found.sort((a, b) => compareKeys(a.key, b.key) || (a.name < b.name ? -1 : 1))
  return {
    layout: chosen,
    migrations: found.map(({ name, time, file }) => ({
      name,
      file: file.path,
      ...(time ? { time } : {}),
      sql: rule.up(file.text),
      text: file.text,
    })),
  }
}

/**
 * The migration a reference names: `latest`, its whole name, or the version before its first `_`
 * (`20240101120000`, `V3`); an error listing near names when none or several match.
 *
 * @example
 * ```ts
 * findMigration(migrations, '20240101120000') // the migration 20240101120000_add_users
 * ```
 */
export function findMigration(migrations: readonly Migration[], ref: string): number {
  if (ref === 'latest' || ref === '') return migrations.length - 1
  const exact = migrations.findIndex((m) => m.name === ref)
  if (exact >= 0) return exact
  const byVersion = migrations.flatMap((m, i) =>
    m.name.split('_')[0] === ref || m.name.startsWith(`${ref}_`) ? [i] : [],
  )
  if (byVersion.length === 1) return byVersion[0] as number
  const near = migrations.filter((m) => m.name.includes(ref)).map((m) => m.name)
  throw new SchemaLedgerError(
    'migration_not_found',
    byVersion.length > 1
      ? `"${ref}" names ${byVersion.length} migrations; give the whole name`
      : `no migration "${ref}"${near.length > 0 ? `; did you mean ${near.slice(0, 3).join(', ')}?` : ' (give its name, its version or latest)'}`,
  )
}
