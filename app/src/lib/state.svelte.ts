// The app's state in one small runes module: the two loaded versions, the chosen dialect and accepted
// renames, and the analysis the engine computes from them. Components read and call this; they keep
// only view state (filters, expanded nodes) of their own. The library's work runs in the engine (a
// Web Worker), so every step that reads or compares documents is asynchronous: each answer is shown
// only if it still answers the latest question.
import type { RenameCandidate } from 'schemaledger'
import type { DialectName } from 'schemaledger/sql'
import type { Analysis } from './analysis.js'
import type { Engine } from './engine.js'
import { connectEngine, type EngineLocation, type Remote } from './engine-client.js'
import type { ExampleDocument, ExamplePair } from './examples.js'
import type { DocumentInfo } from './load-document.js'
import { type AcceptedRenames, acceptRename, withoutRename } from './renames.js'

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

  #engine: Remote<Engine> | undefined
  #analysisTicket = 0
  readonly #readTicket: Record<Side, number> = { before: 0, after: 0 }

  /** The engine, started on first use. */
  get engine(): Remote<Engine> {
    this.#engine ??= connectEngine((where) => {
      this.engineLocation = where
    })
    return this.#engine
  }

  /** True while the engine reads a version or analyzes the pair. */
  readonly busy: boolean = $derived(this.analyzing || this.before.reading === true || this.after.reading === true)

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

  /** Shows a document in one side, and lets the engine forget the one it replaces. */
  #show(side: Side, slot: Slot): void {
    const old = this[side].loaded
    const other = this[side === 'before' ? 'after' : 'before'].loaded
    this[side] = slot
    if (old?.ok && !(other?.ok && other.id === old.id) && !(slot.loaded?.ok && slot.loaded.id === old.id))
      void this.engine.release(old.id).catch(() => {})
  }

  /** Reads a document into one side; accepted renames belong to the old pair and are dropped. */
  async load(side: Side, text: string, source: string): Promise<void> {
    const ticket = ++this.#readTicket[side]
    this.#show(side, { text, source, reading: true })
    this.renames = NO_RENAMES
    this.selectedTable = undefined
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
