// Everything the app asks of the library, behind one object that owns the loaded documents, the
// latest analysis and the history store. It runs in a Web Worker (engine.worker.ts), so parsing,
// diffing, impact analysis, SQL, reports and diagram sources of large schemas never block the page;
// where there are no Workers, engine-client.ts runs the same object in the page. Every argument and
// result is plain data that structured cloning carries; the schemas themselves never leave it.
import { type Schema, serializeSchema, type VersionInfo } from 'schemaledger'
import { formatHtml, formatJson, formatMarkdown } from 'schemaledger/format'
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

  function keep(schema: Schema): DocumentInfo {
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
