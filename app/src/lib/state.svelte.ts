// The app's state in one small runes module: the two loaded versions, the chosen dialect and accepted
// renames, and the analysis the engine computes from them. Components read and call this; they keep
// only view state (filters, expanded nodes) of their own. The library's work runs in the engine (a
// Web Worker), so every step that reads or compares documents is asynchronous: each answer is shown
// only if it still answers the latest question.
import type { RenameCandidate } from 'schemaledger'
import type { DialectName } from 'schemaledger/sql'
import type { Analysis } from './analysis.js'
import type { Engine, FolderTimeline } from './engine.js'
import { connectEngine, type EngineLocation, type Remote } from './engine-client.js'
import type { ExampleDocument, ExamplePair } from './examples.js'
import type { DocumentInfo } from './load-document.js'
import { type AcceptedRenames, acceptRename, withoutRename } from './renames.js'
import type { FolderFiles } from './sql/folder-files.js'
import type { ReplayProgress } from './sql/sql-input.js'

/**
 * Which of the two versions: the one the change starts from, or the one it leads to.
 *
 * @example
 * ```ts
 * workbench.load('before', text, 'pasted JSON')
 * ```
 */
export type Side = 'before' | 'after'

/**
 * One version: its text, where it came from, and what the engine made of it (undefined while it reads).
 *
 * @example
 * ```ts
 * const slot: Slot = { text: '{}', source: 'pasted JSON', loaded: { ok: true, id: 1, tables: 0, columns: 0, enums: 0 } }
 * ```
 */
export interface Slot {
  readonly text: string
  /** Where the text came from, for people: `seed-v1.json`, `pasted JSON`, `history: blog v2`. */
  readonly source: string
  readonly loaded?: DocumentInfo
  /** True while the engine reads the text. */
  readonly reading?: boolean
}

/**
 * The tabs under the summary.
 *
 * @example
 * ```ts
 * workbench.tab = 'sql'
 * ```
 */
export type TabId = 'changes' | 'table' | 'impact' | 'sql' | 'diagram' | 'history'

const NO_RENAMES: AcceptedRenames = { tables: {}, columns: {} }
const EMPTY: Slot = { text: '', source: '' }
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * The state of the page, with the actions that change it.
 *
 * @example
 * ```ts
 * workbench.loadPair(examplePairs[0])
 * workbench.analysis?.diff.summary.total // 15 (once the engine answered)
 * ```
 */
class Workbench {
  // Loaded documents are replaced whole, never edited in place: raw state, no deep proxies.
  before = $state.raw<Slot>(EMPTY)
  after = $state.raw<Slot>(EMPTY)
  dialect = $state<DialectName>('postgres')
  renames = $state.raw<AcceptedRenames>(NO_RENAMES)
  tab = $state<TabId>('changes')
  /** The table the side-by-side view shows (its key; undefined = the first changed table). */
  selectedTable = $state<string | undefined>(undefined)
  /** Bumped after every save, so the history list reloads. */
  historyRevision = $state(0)
  /** The latest analysis the engine answered for the two versions (kept while a newer one is computed). */
  analysis = $state.raw<Analysis | undefined>(undefined)
  /** True from a change of the versions, dialect or renames until the engine answered for it. */
  analyzing = $state(false)
  /** Why the engine could not answer, when it could not. */
  failure = $state('')
  /** Where the engine runs. */
  engineLocation = $state<EngineLocation>('starting')
  /** The migration folder last replayed: its versions can be either side. */
  timeline = $state.raw<FolderTimeline | undefined>(undefined)
  /** The folder being replayed now, and how far the replay is. */
  replaying = $state.raw<{ readonly folder: string; readonly progress?: ReplayProgress } | undefined>(undefined)

  #engine: Remote<Engine> | undefined
  #analysisTicket = 0
  readonly #readTicket: Record<Side, number> = { before: 0, after: 0 }
  #folderTicket = 0

  /** The engine, started on first use. */
  get engine(): Remote<Engine> {
    this.#engine ??= connectEngine((where) => {
      this.engineLocation = where
    })
    return this.#engine
  }

  /** True while the engine reads a version or analyzes the pair. */
  readonly busy: boolean = $derived(
    this.analyzing || this.before.reading === true || this.after.reading === true || this.replaying !== undefined,
  )

  /** The heading of the exported reports. */
  readonly title: string = $derived(`Schema changes: ${this.before.source} -> ${this.after.source}`)

  constructor() {
    // The analysis follows the two documents, the dialect and the renames.
    $effect.root(() => {
      $effect(() => {
        const from = this.before.loaded
        const to = this.after.loaded
        const options = { dialect: this.dialect, renames: this.renames }
        if (!from?.ok || !to?.ok) {
          this.#analysisTicket++
          this.analysis = undefined
          this.analyzing = false
          return
        }
        const ticket = ++this.#analysisTicket
        this.analyzing = true
        this.engine.analyze(from.id, to.id, options).then(
          (analysis) => {
            if (ticket !== this.#analysisTicket) return
            this.analysis = analysis
            this.analyzing = false
            this.failure = ''
          },
          (error: unknown) => {
            if (ticket !== this.#analysisTicket) return
            this.analyzing = false
            this.failure = message(error)
          },
        )
      })
    })
  }

  /** Whether a document is a version of the current timeline (kept while the timeline is shown). */
  #inTimeline(id: number): boolean {
    return this.timeline?.ok === true && this.timeline.versions.some((v) => v.document.id === id)
  }

  /** Shows a document in one side, and lets the engine forget the one it replaces. */
  #show(side: Side, slot: Slot): void {
    const old = this[side].loaded
    const other = this[side === 'before' ? 'after' : 'before'].loaded
    this[side] = slot
    if (
      old?.ok &&
      !(other?.ok && other.id === old.id) &&
      !(slot.loaded?.ok && slot.loaded.id === old.id) &&
      !this.#inTimeline(old.id)
    )
      void this.engine.release(old.id).catch(() => {})
  }

  /** Starts reading one side: earlier reads of it are then ignored when they answer. */
  #startReading(side: Side, source: string, text = ''): number {
    const ticket = ++this.#readTicket[side]
    this.#show(side, { text, source, reading: true })
    this.renames = NO_RENAMES
    this.selectedTable = undefined
    return ticket
  }

  /** Reads a document into one side; accepted renames belong to the old pair and are dropped. */
  async load(side: Side, text: string, source: string): Promise<void> {
    const ticket = this.#startReading(side, source, text)
    let loaded: DocumentInfo
    try {
      loaded = await this.engine.load(text)
    } catch (error) {
      loaded = { ok: false, issues: [{ code: 'engine_error', path: '', message: message(error) }] }
    }
    if (ticket !== this.#readTicket[side]) {
      if (loaded.ok) void this.engine.release(loaded.id).catch(() => {})
      return
    }
    this.#show(side, { text, source, loaded })
  }

  /**
   * Reads a `.sql` file into one side: the engine runs it on PGlite or sql.js (the dialect the text
   * shows, else the one chosen for the SQL tab) and the editor then shows the JSON it became.
   */
  async loadSql(side: Side, text: string, file: string): Promise<void> {
    const ticket = this.#startReading(side, file)
    let read: { text: string; document: DocumentInfo }
    try {
      read = await this.engine.loadSql(text, file, this.dialect)
    } catch (error) {
      read = {
        text: '',
        document: { ok: false, issues: [{ code: 'engine_error', path: file, message: message(error) }] },
      }
    }
    if (ticket !== this.#readTicket[side]) {
      if (read.document.ok) void this.engine.release(read.document.id).catch(() => {})
      return
    }
    this.#show(side, { text: read.text, source: file, loaded: read.document })
  }

  /**
   * Replays a migration folder into a timeline (progress in `replaying`), then compares its last two
   * versions: the one before the last migration and the one after it.
   */
  async loadFolder(folder: FolderFiles): Promise<void> {
    const ticket = ++this.#folderTicket
    this.replaying = { folder: folder.name }
    let timeline: FolderTimeline
    try {
      timeline = await this.engine.loadFolder(folder.name, folder.files, this.dialect, (progress) => {
        if (ticket === this.#folderTicket) this.replaying = { folder: folder.name, progress }
      })
    } catch (error) {
      timeline = {
        ok: false,
        folder: folder.name,
        issues: [{ code: 'engine_error', path: folder.name, message: message(error) }],
      }
    }
    // A folder dropped while this one replayed replaces it: its versions are not shown.
    if (ticket !== this.#folderTicket) {
      if (timeline.ok) for (const v of timeline.versions) void this.engine.release(v.document.id).catch(() => {})
      return
    }
    const previous = this.timeline
    this.timeline = timeline
    this.replaying = undefined
    // The old timeline's versions go, except the ones still shown.
    const shown = new Set([this.before.loaded, this.after.loaded].flatMap((d) => (d?.ok ? [d.id] : [])))
    if (previous?.ok)
      for (const v of previous.versions)
        if (!shown.has(v.document.id)) void this.engine.release(v.document.id).catch(() => {})
    if (timeline.ok) {
      const last = timeline.versions.length - 1
      await Promise.all([this.useVersion('before', Math.max(0, last - 1)), this.useVersion('after', last)])
    }
  }

  /** Shows a version of the timeline (0 is the empty schema before the first migration) in one side. */
  async useVersion(side: Side, index: number): Promise<void> {
    const timeline = this.timeline
    const version = timeline?.ok ? timeline.versions[index] : undefined
    if (!timeline?.ok || !version) return
    const source = index === 0 ? `${timeline.folder} (empty)` : `${timeline.folder}@${version.name}`
    const ticket = this.#startReading(side, source)
    let text = ''
    try {
      text = await this.engine.documentText(version.document.id)
    } catch {
      // The editor stays empty; the version itself is kept in the engine and still compares.
    }
    if (ticket !== this.#readTicket[side]) return
    this.#show(side, { text, source, loaded: version.document })
  }

  loadExample(side: Side, doc: ExampleDocument): Promise<void> {
    return this.load(side, `${JSON.stringify(doc.value, null, 2)}\n`, doc.file)
  }

  async loadPair(pair: ExamplePair): Promise<void> {
    await Promise.all([this.loadExample('before', pair.before), this.loadExample('after', pair.after)])
  }

  /** Opens two versions of the history as before and after. */
  async openVersions(name: string, from: number, to: number): Promise<void> {
    const tickets = { before: ++this.#readTicket.before, after: ++this.#readTicket.after }
    this.before = { ...this.before, reading: true }
    this.after = { ...this.after, reading: true }
    try {
      const opened = await Promise.all([this.engine.historyOpen(name, from), this.engine.historyOpen(name, to)])
      this.renames = NO_RENAMES
      this.selectedTable = undefined
      opened.forEach((version, i) => {
        const side: Side = i === 0 ? 'before' : 'after'
        if (tickets[side] !== this.#readTicket[side]) return
        this.#show(side, { text: version.text, source: version.source, loaded: version.document })
      })
    } finally {
      for (const side of ['before', 'after'] as const)
        if (tickets[side] === this.#readTicket[side] && this[side].reading)
          this[side] = { ...this[side], reading: false }
    }
  }

  /** Exchanges before and after (not while one of them is still being read). */
  swap(): void {
    if (this.before.reading || this.after.reading) return
    ;[this.before, this.after] = [this.after, this.before]
    this.renames = NO_RENAMES
  }

  acceptRename(candidate: RenameCandidate): void {
    this.renames = acceptRename(this.renames, candidate)
  }

  undoRename(key: string): void {
    this.renames = withoutRename(this.renames, key)
  }

  saved(): void {
    this.historyRevision++
  }
}

/**
 * The page's one workbench.
 *
 * @example
 * ```ts
 * import { workbench } from '$lib/state.svelte'
 * workbench.dialect = 'sqlite'
 * ```
 */
export const workbench = new Workbench()
