// The app's state in one small runes module: the two loaded versions, the chosen dialect and accepted
// renames, and the analysis derived from them by the library. Components read and call this; they
// keep only view state (filters, expanded nodes) of their own.
import { type RenameCandidate, type SchemaVersion, serializeSchema } from 'schemaledger'
import type { DialectName } from 'schemaledger/sql'
import { type AcceptedRenames, type Analysis, acceptRename, analyze, withoutRename } from './analysis.js'
import type { ExampleDocument, ExamplePair } from './examples.js'
import { openHistory } from './history.js'
import { type LoadedDocument, loadDocument } from './load-document.js'

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
 * One loaded version: its text, where it came from, and what the library made of it.
 *
 * @example
 * ```ts
 * const slot: Slot = { text: '{}', source: 'pasted JSON', loaded: loadDocument('{}') }
 * ```
 */
export interface Slot {
  readonly text: string
  /** Where the text came from, for people: `seed-v1.json`, `pasted JSON`, `history: blog v2`. */
  readonly source: string
  readonly loaded?: LoadedDocument
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

/**
 * The state of the page, with the actions that change it.
 *
 * @example
 * ```ts
 * workbench.loadPair(examplePairs[0])
 * workbench.analysis?.diff.summary.total // 15
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
  readonly history = openHistory()

  readonly analysis: Analysis | undefined = $derived.by(() => {
    const from = this.before.loaded
    const to = this.after.loaded
    if (!from?.ok || !to?.ok) return undefined
    return analyze(from.schema, to.schema, { dialect: this.dialect, renames: this.renames })
  })

  /** The heading of the exported reports. */
  readonly title: string = $derived(`Schema changes: ${this.before.source} -> ${this.after.source}`)

  /** Reads a document into one side; accepted renames belong to the old pair and are dropped. */
  load(side: Side, text: string, source: string): void {
    this[side] = { text, source, loaded: loadDocument(text) }
    this.renames = NO_RENAMES
    this.selectedTable = undefined
  }

  loadExample(side: Side, doc: ExampleDocument): void {
    this.load(side, `${JSON.stringify(doc.value, null, 2)}\n`, doc.file)
  }

  loadPair(pair: ExamplePair): void {
    this.loadExample('before', pair.before)
    this.loadExample('after', pair.after)
  }

  loadVersion(side: Side, version: SchemaVersion): void {
    this.load(side, serializeSchema(version.schema), `history: ${version.name} v${version.version}`)
  }

  swap(): void {
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
