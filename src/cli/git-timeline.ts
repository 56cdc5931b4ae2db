import { dirname, isAbsolute, relative, resolve } from 'node:path'
import type { DialectAlias } from '../dialects/dialect-names.js'
import { diffSchemas } from '../dialects/diff-schemas.js'
import { isSchemaLedgerError } from '../errors.js'
import { analyzeImpact } from '../impact/analyze-impact.js'
import { parseSchema, safeParseSchema } from '../model/parse-schema.js'
import type { Schema } from '../model/types.js'
import { detectMigrationLayout, type MigrationLayout, orderMigrations } from '../sources/migration-layouts.js'
import { readSQL } from '../sources/read-sql.js'
import { replayOrdered, type TimelineStep } from '../sources/replay-migrations.js'
import type { SqlNote } from '../sources/run-script.js'
import { SqlScriptError } from '../sources/sql-script-error.js'
import { sha256Hex } from '../storage/content-hash.js'
import { CliInputError } from './cli-errors.js'
import type { CliIO } from './cli-io.js'
import type { SqlInput } from './common-options.js'
import { jsonSyntaxError } from './json-syntax-error.js'
import { type GitCommit, type GitObject, gitCommits, readGitObject } from './read-git.js'
import { isDirectory } from './read-migration-folder.js'
import { isSqlPath, noteLine, sqlDialectFor } from './read-sql-document.js'

/**
 * A commit of a git timeline: the schema file as it was at that commit, read, and what it changed
 * since the last commit that read. `name` is the short hash.
 *
 * @example
 * ```ts
 * console.log(`${step.name} ${step.subject}: ${step.diff.changes.length} changes`)
 * ```
 */
export interface GitStep extends TimelineStep {
  /** The commit's full hash. */
  readonly sha: string
  /** The first line of its message. */
  readonly subject: string
}

/**
 * A commit whose schema file did not read (invalid JSON, SQL the engine rejects, a migration that
 * fails, a deleted file): reported and skipped.
 *
 * @example
 * ```ts
 * console.error(`${e.commit} ${e.file}:${e.line ?? ''}: ${e.message}`)
 * ```
 */
export interface GitStepError {
  /** 1-based position among the commits. */
  readonly index: number
  readonly sha: string
  /** The short hash. */
  readonly commit: string
  readonly subject: string
  readonly time: string
  /** The file that did not read (a migration's file inside a folder). */
  readonly file: string
  readonly line?: number | undefined
  readonly statement?: string | undefined
  readonly message: string
}

/**
 * The history of a schema file in git: one step per commit that changed it and read, oldest first,
 * and the commits that did not read.
 *
 * @example
 * ```ts
 * const timeline = await loadGitTimeline(io, 'db/structure.sql', input, maxBytes)
 * ```
 */
export interface GitTimeline {
  readonly source: 'git'
  /** The path as given. */
  readonly path: string
  /** What the path holds: a JSON document, a `.sql` file, or a migration folder. */
  readonly kind: 'document' | 'sql' | 'folder'
  /** The folder's layout (`rails` reads `db/structure.sql` as a `.sql` file). */
  readonly layout?: MigrationLayout | undefined
  /** The dialect SQL is run in, and findings are judged for. */
  readonly dialect: 'postgres' | 'mysql' | 'sqlite'
  /** How many commits changed the path. */
  readonly total: number
  readonly steps: readonly GitStep[]
  readonly errors: readonly GitStepError[]
}

/** Options of {@link loadGitTimeline}. */
export interface LoadGitTimelineOptions {
  /** Called after each commit that read (streamed output). */
  readonly onStep?: ((step: GitStep, total: number) => void) | undefined
  /** Called after each commit that did not read. */
  readonly onError?: ((error: GitStepError, total: number) => void) | undefined
}

const EMPTY: Schema = parseSchema({ metadata: { tables: [] } })

/** A built-in dialect name as the replay takes it (`postgresql` and `mariadb` are aliases). */
const engineOf = (name: string): 'postgres' | 'mysql' | 'sqlite' =>
  name === 'postgresql' || name === 'postgres' ? 'postgres' : name === 'sqlite' ? 'sqlite' : 'mysql'

/** What one commit's file read as: a schema with its notes, or why it did not read. */
type Reading =
  | { readonly schema: Schema; readonly notes: readonly SqlNote[] }
  | { readonly file: string; readonly line?: number; readonly statement?: string; readonly message: string }

/** The content hash of what a commit holds: the file's text, or every file of the folder. */
function hashOf(object: GitObject): Promise<string> {
  return sha256Hex(
    object.kind === 'file' ? object.text : object.files.map((f) => `${f.path}\u0000${f.text}\u0000`).join(''),
  )
}

/**
 * Walks the commits that changed a schema file, oldest first, with the git command line, and reads
 * the file at each: a JSON document, a `.sql` file (run on PGlite, sql.js or the dev server), or a
 * migration folder (replayed up to its last migration at that commit; a Rails application's
 * `db/structure.sql`). Each commit that reads is a step with its diff from the last one that read, and
 * that diff's findings. A commit whose file does not read is reported with the commit and the file and
 * skipped: later commits usually fix it, and the next step's diff is from the last commit that read.
 *
 * @example
 * ```ts
 * const timeline = await loadGitTimeline(io, 'prisma/migrations', sqlInput, maxBytes, { onStep })
 * ```
 */
export async function loadGitTimeline(
  io: CliIO,
  path: string,
  input: SqlInput,
  maxBytes: number,
  options: LoadGitTimelineOptions = {},
): Promise<GitTimeline> {
  // git runs in the path's own folder, so that an absolute path or one outside the working
  // directory's repository works; `target` is the path from there, `label` the path as given.
  const absolute = resolve(io.cwd, path)
  const gitCwd = (await isDirectory(io.cwd, path))
    ? absolute
    : (await isDirectory(io.cwd, dirname(absolute)))
      ? dirname(absolute)
      : io.cwd
  let target = gitCwd === io.cwd && !isAbsolute(path) ? path.replace(/\/+$/, '') : relative(gitCwd, absolute) || '.'
  let label = path.replace(/\/+$/, '')
  let commits = await gitCommits(gitCwd, target, path, maxBytes)
  if (commits.length === 0) throw new CliInputError('no_commits', `${path}: no commit changed it (git log -- ${path})`)
  // What the path holds is what it holds at the newest commit where it exists.
  let newest: GitObject | undefined
  for (const commit of [...commits].reverse()) {
    newest = await readGitObject(gitCwd, commit.sha, target, path, maxBytes).catch(() => undefined)
    if (newest) break
  }
  if (!newest) throw new CliInputError('file_not_found', `${path}: not found at any commit that changed it`)
  let kind: GitTimeline['kind'] = newest.kind === 'folder' ? 'folder' : isSqlPath(target) ? 'sql' : 'document'
  let layout: MigrationLayout | undefined
  if (newest.kind === 'folder') {
    layout = input.layout ?? detectMigrationLayout(newest.files)
    if (!layout) {
      throw new CliInputError('no_migrations', `${path}: no migration files found (.sql files in a known layout)`)
    }
    if (layout === 'rails') {
      // A Rails application: its schema is db/structure.sql, whose commits are the timeline.
      const structure = newest.files.find((f) => f.path === 'db/structure.sql')
      if (!structure) throw new CliInputError('no_migrations', `${path}: no db/structure.sql (rails layout)`)
      kind = 'sql'
      target = `${target}/db/structure.sql`
      label = `${label}/db/structure.sql`
      commits = await gitCommits(gitCwd, target, path, maxBytes)
      newest = { kind: 'file', text: structure.text }
    }
  }
  // The dialect as named (mariadb stays mariadb for introspection), from the newest version's text.
  const dialectName =
    newest.kind === 'folder'
      ? sqlDialectFor(
          path,
          orderMigrations(newest.files, layout)
            .migrations.map((m) => m.sql)
            .join('\n'),
          input,
        )
      : kind === 'sql'
        ? sqlDialectFor(label, newest.text, input)
        : (input.dialect ?? input.fallbackDialect ?? 'postgres')
  const dialect = engineOf(dialectName)
  const named = dialectName as Parameters<typeof readSQL>[1]['dialect'] & DialectAlias

  const read = async (object: GitObject): Promise<Reading> => {
    try {
      if (object.kind === 'folder') {
        const ordered = orderMigrations(object.files, layout)
        const replay = await replayOrdered(ordered.migrations, ordered.layout, dialect, {
          dialect: named,
          devUrl: input.devUrl,
          strict: input.strict,
        })
        const failure = replay.failure?.error
        if (failure) {
          return {
            file: `${label}/${failure.file}`,
            line: failure.line,
            statement: failure.statement,
            message: failure.engineMessage,
          }
        }
        const last = replay.steps.at(-1)
        const notes = replay.steps.flatMap((s) => s.notes.map((n) => ({ ...n, file: `${label}/${n.file}` })))
        return { schema: last?.schema ?? EMPTY, notes }
      }
      if (kind === 'sql') {
        const reading = await readSQL(object.text, {
          dialect: named,
          devUrl: input.devUrl,
          file: label,
          strict: input.strict,
        })
        return { schema: reading.schema, notes: reading.notes }
      }
      let document: unknown
      try {
        document = JSON.parse(object.text)
      } catch (error) {
        const at = jsonSyntaxError(object.text, (error as Error).message)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the parser quotes the text it failed on
        return { file: label, line: at.line, message: `not valid JSON: ${at.reason.replace(/[\u0000-\u001f]/g, ' ')}` }
      }
      const result = safeParseSchema(document)
      if (result.success) return { schema: result.data, notes: [] }
      const [first] = result.issues
      const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problems)` : ''
      return {
        file: label,
        message: `not a valid schema document: ${first?.path || '(document)'}: ${first?.message}${more}`,
      }
    } catch (error) {
      if (error instanceof SqlScriptError) {
        return { file: error.file, line: error.line, statement: error.statement, message: error.engineMessage }
      }
      if (!isSchemaLedgerError(error)) throw error
      return { file: label, message: error.message }
    }
  }

  const progress = io.stderrIsTTY === true
  const total = commits.length
  const steps: GitStep[] = []
  const errors: GitStepError[] = []
  const seenNotes = new Set<string>()
  let before = EMPTY
  for (const [i, commit] of commits.entries()) {
    const index = i + 1
    if (progress) io.error(`\r\u001b[K[${index}/${total}] ${commit.short} ${commit.subject.slice(0, 60)}`)
    let object: GitObject | undefined
    let reading: Reading
    try {
      object = await readGitObject(gitCwd, commit.sha, target, label, maxBytes)
      reading = await read(object)
    } catch (error) {
      if (!(error instanceof CliInputError)) throw error
      // A commit that deleted the file: git's own words.
      reading = { file: label, message: error.message.replace(`${label}: `, '') }
    }
    if (!object || !('schema' in reading)) {
      const failed = stepError(index, commit, 'message' in reading ? reading : { file: label, message: '' })
      errors.push(failed)
      options.onError?.(failed, total)
      continue
    }
    // A dump read at every commit says the same thing each time: each note is printed once.
    const notes = reading.notes.filter((n) => {
      const key = `${n.kind}\u0000${n.reason}\u0000${n.statement}`
      if (seenNotes.has(key)) return false
      seenNotes.add(key)
      return true
    })
    const diff = diffSchemas(before, reading.schema)
    const step: GitStep = {
      index,
      name: commit.short,
      file: label,
      time: commit.time,
      hash: await hashOf(object),
      schema: reading.schema,
      diff,
      findings: analyzeImpact(diff, { dialect: named, from: before, to: reading.schema }).findings,
      notes,
      sha: commit.sha,
      subject: commit.subject,
    }
    for (const note of notes) io.error(`schemaledger: note: ${commit.short}: ${noteLine(note)}\n`)
    steps.push(step)
    options.onStep?.(step, total)
    before = reading.schema
  }
  if (progress) io.error('\n')
  return { source: 'git', path, kind, ...(layout ? { layout } : {}), dialect, total, steps, errors }
}

function stepError(
  index: number,
  commit: GitCommit,
  reading: { file: string; line?: number; statement?: string; message: string },
): GitStepError {
  return {
    index,
    sha: commit.sha,
    commit: commit.short,
    subject: commit.subject,
    time: commit.time,
    file: reading.file,
    ...(reading.line !== undefined ? { line: reading.line } : {}),
    ...(reading.statement !== undefined ? { statement: reading.statement } : {}),
    message: reading.message,
  }
}
