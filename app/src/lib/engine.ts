// Everything the app asks of the library, behind one object that owns the loaded documents, the
// latest analysis and the history store. It runs in a Web Worker (engine.worker.ts), so parsing,
// diffing, impact analysis, SQL, reports and diagram sources of large schemas never block the page;
// where there are no Workers, engine-client.ts runs the same object in the page. Every argument and
// result is plain data that structured cloning carries; the schemas themselves never leave it.
import { parseSchema, type Schema, serializeSchema, type ValidationIssue, type VersionInfo } from 'schemaledger'
import { formatHtml, formatJson, formatMarkdown } from 'schemaledger/format'
import type { MigrationFile, MigrationLayout } from 'schemaledger/sources'
import type { DialectName } from 'schemaledger/sql'
import {
  type DiagramColumns,
  type DiagramFocus,
  selectDiagramTables,
  type TreeStatus,
  toMermaid,
  toMermaidFlowchart,
} from 'schemaledger/visual'
import { type Analysis, type AnalysisResult, type AnalyzeOptions, analyze, plainMigration } from './analysis.js'
import { openHistory } from './history.js'
import { type DocumentInfo, loadDocument } from './load-document.js'
import { sideBySide, type TableComparison } from './side-by-side.js'
import type { ReplayProgress } from './sql/sql-input.js'

/**
 * The exported report formats.
 *
 * @example
 * ```ts
 * const format: ReportFormat = 'markdown'
 * ```
 */
export type ReportFormat = 'markdown' | 'html' | 'json'

/**
 * Which diagram, and which part of the schema it draws.
 *
 * @example
 * ```ts
 * const request: DiagramRequest = { view: 'er', focus: { depth: 1, maxTables: 40 }, columns: 'changed' }
 * ```
 */
export interface DiagramRequest {
  readonly view: 'er' | 'flowchart'
  /** Without a focus, every table. */
  readonly focus?: DiagramFocus
  /** The columns each table lists (default all). */
  readonly columns?: DiagramColumns
}

/**
 * A diagram's Mermaid source, with what its focus drew and left out.
 *
 * @example
 * ```ts
 * const d: Diagram = { source: 'erDiagram\n', shown: 12, total: 1000, note: 'showing 12 of 1000 tables; ...' }
 * ```
 */
export interface Diagram {
  readonly source: string
  readonly shown: number
  readonly total: number
  readonly note: string
  /** What the diff did to each drawn table, as `markSchema` returns it: the colours of the picture. */
  readonly marks: readonly TableMark[]
}

/**
 * A drawn table's qualified name and status.
 *
 * @example
 * ```ts
 * const mark: TableMark = { key: 'billing.invoices', status: 'changed' }
 * ```
 */
export interface TableMark {
  readonly key: string
  readonly status: TreeStatus
}

/**
 * A version opened from the history: its canonical JSON for the editor and the document it became.
 *
 * @example
 * ```ts
 * const opened: OpenedVersion = { text: '{...}', source: 'history: blog v2', document: { ok: true, id: 3, ... } }
 * ```
 */
export interface OpenedVersion {
  readonly text: string
  readonly source: string
  readonly document: DocumentInfo
}

/**
 * A `.sql` file the engine read: its schema's canonical JSON for the editor and the kept document, or
 * why it could not be read (the file, line and engine message; MySQL text needs a server).
 *
 * @example
 * ```ts
 * const read: SqlDocument = { text: '{...}', source: 'schema.sql', document: { ok: true, id: 4, tables: 3, ... } }
 * ```
 */
export interface SqlDocument {
  readonly text: string
  readonly source: string
  readonly document: DocumentInfo
}

/**
 * One version of a replayed migration folder: the schema after a migration (version 0 is the empty
 * schema before the first one), kept in the engine.
 *
 * @example
 * ```ts
 * const v: TimelineVersion = { index: 1, name: '20240101_init', document: { ok: true, id: 7, ... }, changes: 3, findings: 0, notes: [] }
 * ```
 */
export interface TimelineVersion {
  readonly index: number
  readonly name: string
  readonly file?: string
  readonly time?: string
  readonly document: DocumentInfo & { readonly ok: true }
  /** Changes from the version before. */
  readonly changes: number
  readonly findings: number
  readonly notes: readonly string[]
}

/**
 * A replayed migration folder: every version, in order, and the migration that failed, if one did.
 *
 * @example
 * ```ts
 * const t: FolderTimeline = { ok: true, folder: 'migrations', layout: 'prisma', dialect: 'postgres', engine: 'PGlite', total: 3, versions: [] }
 * ```
 */
export type FolderTimeline =
  | {
      readonly ok: true
      readonly folder: string
      readonly layout: MigrationLayout
      readonly dialect: 'postgres' | 'sqlite'
      readonly engine: string
      /** Migrations in the folder (more than the versions after the first when one failed). */
      readonly total: number
      readonly versions: readonly TimelineVersion[]
      readonly failure?: { readonly migration: string; readonly issue: ValidationIssue }
    }
  | { readonly ok: false; readonly folder: string; readonly issues: readonly ValidationIssue[] }

/**
 * What the app asks of the library. Methods that take an analysis id return undefined when that
 * analysis is no longer the latest: the page asks again for the newer one.
 *
 * @example
 * ```ts
 * const engine = createEngine()
 * const a = engine.load(v1Text), b = engine.load(v2Text)
 * if (a.ok && b.ok) engine.analyze(a.id, b.id, { dialect: 'postgres', renames: { tables: {}, columns: {} } })
 * ```
 */
export interface Engine {
  /** Parses and validates a document and keeps it under a new id (or returns every problem). */
  load(text: string): DocumentInfo
  /**
   * Reads a `.sql` file by running it on PGlite (PostgreSQL) or sql.js (SQLite) here, in the engine,
   * and keeps the schema; `fallback` is the dialect when the text does not show its own.
   */
  loadSql(text: string, file: string, fallback: DialectName): Promise<SqlDocument>
  /** Replays a migration folder (paths relative to it) into kept versions, telling its progress. */
  loadFolder(
    folder: string,
    files: readonly MigrationFile[],
    fallback: DialectName,
    onProgress?: (progress: ReplayProgress) => void,
  ): Promise<FolderTimeline>
  /** A kept document's canonical JSON (for the editor). */
  documentText(id: number): string
  /** Forgets a document the page no longer shows. */
  release(id: number): void
  /** Diffs two kept documents: the change tree, impact, SQL and counts the panels show. */
  analyze(before: number, after: number, options: AnalyzeOptions): Analysis | undefined
  /** One table of an analysis before and after. */
  sideBySide(analysis: number, key: string): TableComparison | undefined
  /** The Mermaid source of the after version's diagram. */
  diagram(analysis: number, request: DiagramRequest): Diagram | undefined
  /** A report of an analysis, exactly as the library formats it. */
  report(analysis: number, format: ReportFormat, title: string): string | undefined
  /** Whether the history survives a reload (IndexedDB) or lives in memory. */
  historyPersistent(): boolean
  historyNames(): Promise<string[]>
  historyVersions(name: string): Promise<VersionInfo[]>
  /** Saves a kept document as the next version of `name`; `created` is false when it was identical to the latest. */
  historySave(document: number, name: string, message: string): Promise<{ info: VersionInfo; created: boolean }>
  /** Reads a version back as a kept document. */
  historyOpen(name: string, version: number): Promise<OpenedVersion>
}

/** Where a migration folder starts from. */
const EMPTY_SCHEMA: Schema = parseSchema({ metadata: { tables: [] } })

/**
 * Creates the engine: documents, the latest analysis and the history store (IndexedDB, or memory).
 *
 * @example
 * ```ts
 * const engine = createEngine({ database: 'schemaledger' })
 * ```
 */
export function createEngine(options: { readonly database?: string } = {}): Engine {
  const documents = new Map<number, Schema>()
  let nextId = 1
  let latest: AnalysisResult | undefined
  let history: ReturnType<typeof openHistory> | undefined
  const store = () => {
    history ??= openHistory(options.database)
    return history
  }
  const current = (id: number) => (latest?.view.id === id ? latest : undefined)

  function keep(schema: Schema): DocumentInfo & { readonly ok: true } {
    const id = nextId++
    documents.set(id, schema)
    return {
      ok: true,
      id,
      ...(schema.name ? { name: schema.name } : {}),
      tables: schema.tables.length,
      columns: schema.tables.reduce((n, t) => n + t.columns.length, 0),
      enums: schema.enums.length,
    }
  }

  function schemaOf(id: number): Schema {
    const schema = documents.get(id)
    if (!schema) throw new Error(`document ${id} is not loaded`)
    return schema
  }

  return {
    load(text) {
      const loaded = loadDocument(text)
      return loaded.ok ? keep(loaded.schema) : loaded
    },
    async loadSql(text, file, fallback) {
      const { readSqlFile } = await import('./sql/sql-input.js')
      const read = await readSqlFile(text, file, fallback)
      if (!read.ok) return { text: '', source: file, document: { ok: false, issues: read.issues } }
      const document = { ...keep(read.schema), sql: { dialect: read.dialect, engine: read.engine, notes: read.notes } }
      return { text: serializeSchema(read.schema), source: file, document }
    },
    async loadFolder(folder, files, fallback, onProgress) {
      const { replayFolder } = await import('./sql/sql-input.js')
      const replay = await replayFolder(folder, files, fallback, onProgress)
      if (!replay.ok) return { ok: false, folder, issues: replay.issues }
      const start: TimelineVersion = {
        index: 0,
        name: '(empty: before the first migration)',
        document: keep(EMPTY_SCHEMA),
        changes: 0,
        findings: 0,
        notes: [],
      }
      const versions = replay.steps.map(
        ({ schema, ...step }): TimelineVersion => ({
          ...step,
          document: { ...keep(schema), sql: { dialect: replay.dialect, engine: replay.engine, notes: step.notes } },
        }),
      )
      const { layout, dialect, engine, total, failure } = replay
      return {
        ok: true,
        folder,
        layout,
        dialect,
        engine,
        total,
        versions: [start, ...versions],
        ...(failure ? { failure } : {}),
      }
    },
    documentText: (id) => serializeSchema(schemaOf(id)),
    release(id) {
      documents.delete(id)
    },
    analyze(before, after, analyzeOptions) {
      const from = documents.get(before)
      const to = documents.get(after)
      if (!from || !to) return undefined
      latest = analyze(from, to, analyzeOptions, nextId++)
      return latest.view
    },
    sideBySide(analysis, key) {
      const a = current(analysis)
      return a ? sideBySide(a.from, a.to, a.view.diff, key) : undefined
    },
    diagram(analysis, request) {
      const a = current(analysis)
      if (!a) return undefined
      const diagramOptions = {
        diff: a.view.diff,
        ...(request.focus ? { focus: request.focus } : {}),
        ...(request.columns ? { columns: request.columns } : {}),
      }
      const selection = selectDiagramTables(a.to, diagramOptions)
      const source = request.view === 'er' ? toMermaid(a.to, diagramOptions) : toMermaidFlowchart(a.to, diagramOptions)
      // The selection's tables are markSchema's: the page colours the drawing from them.
      const marks = selection.tables.map((t) => ({ key: t.key, status: t.status }))
      return { source, shown: selection.tables.length, total: selection.total, note: selection.note, marks }
    },
    report(analysis, format, title) {
      const a = current(analysis)
      if (!a) return undefined
      // The reports get exactly what the library's callers give them: the diff, the findings, and the
      // up/down migration of the chosen dialect (left out when the dialect cannot express the change).
      const migration = plainMigration(a)
      const reportOptions = { findings: a.view.impact.findings, ...(migration ? { migration } : {}), title }
      if (format === 'markdown') return formatMarkdown(a.view.diff, reportOptions)
      if (format === 'json') return formatJson(a.view.diff, reportOptions)
      return formatHtml(a.view.diff, { ...reportOptions, schema: a.to })
    },
    historyPersistent: () => store().persistent,
    historyNames: () => store().store.names(),
    historyVersions: (name) => store().store.history(name),
    async historySave(document, name, message) {
      const schema = schemaOf(document)
      const previous = (await store().store.history(name)).at(-1)
      const info = await store().store.save(name, schema, { message })
      return { info, created: previous?.version !== info.version }
    },
    async historyOpen(name, version) {
      const saved = await store().store.load(name, version)
      return {
        text: serializeSchema(saved.schema),
        source: `history: ${saved.name} v${saved.version}`,
        document: keep(saved.schema),
      }
    },
  }
}
