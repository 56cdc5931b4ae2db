import type { GeneratorContext, ObjectGenerator, ObjectStatementDraft } from '../dialects/dialect.js'
import { Stage, type StageValue, type StatementDraft } from '../dialects/types.js'
import { changeKey } from '../diff/change-path.js'
import { isObjectChange, objectLabel, objectVerb } from '../diff/object-changes.js'
import type { AlterObjectChange, ObjectChange, SchemaChange, TableChange } from '../diff/types.js'
import { SchemaLedgerError } from '../errors.js'
import type { ColumnType } from '../model/column-type.js'
import { usesEnum } from '../model/enum-reference.js'
import {
  type DatabaseObject,
  defaultMultirangeName,
  OBJECT_KINDS,
  type ObjectKind,
  type ObjectOfKind,
  objectName,
  objectsOf,
} from '../model/object-kinds.js'
import type { Routine, Schema } from '../model/types.js'
import {
  type DependencyGraph,
  dependencyGraph,
  dependencyOrder,
  dependentsOf,
  type NodeKey,
  namesIn,
  nodeKey,
} from './object-dependencies.js'

// How the objects beside tables and enums take part in a plan: each change is created, dropped or
// altered by its dialect's generator, in the kind's stage (namespaces and extensions first, types,
// sequences and routines before the tables, views and triggers after them; drops the other way
// round), ordered by the objects' dependencies within a stage. A view or trigger that depends on
// something the plan drops and re-creates, or on a table changed in a way the dialect says it cannot
// survive, is dropped first and created again after, even though the diff has no change for it.

/** A statement of an object, placed: its stage and its rank within the stage. @internal */
export interface PlacedObjectStatement {
  readonly draft: StatementDraft
  readonly change: SchemaChange
  readonly rank: number
}

const CREATE_STAGE: Readonly<Record<ObjectKind, StageValue>> = {
  namespace: Stage.createNamespace,
  extension: Stage.createExtension,
  type: Stage.createType,
  domain: Stage.createType,
  sequence: Stage.createSequence,
  function: Stage.createRoutine,
  view: Stage.createDependents,
  trigger: Stage.createDependents,
  // After the tables and routines its body uses (MySQL checks neither when it creates the event).
  event: Stage.createDependents,
}

const DROP_STAGE: Readonly<Record<ObjectKind, StageValue>> = {
  namespace: Stage.dropNamespace,
  extension: Stage.dropExtension,
  type: Stage.dropObjects,
  domain: Stage.dropObjects,
  sequence: Stage.dropObjects,
  function: Stage.dropObjects,
  view: Stage.dropDependents,
  trigger: Stage.dropDependents,
  event: Stage.dropDependents,
}

/** The kinds re-created around a change under them; the others must be changed by the diff itself. */
const RECREATED: ReadonlySet<ObjectKind> = new Set(['view', 'trigger'])

/**
 * Whether an object is re-created around a change under it: views, triggers, and routines with a
 * SQL-standard body, whose columns and tables PostgreSQL records as it does a view's (`cannot alter
 * type of a column used by a function or procedure`).
 */
const recreatedAround = (kind: ObjectKind, o: DatabaseObject): boolean =>
  RECREATED.has(kind) || (kind === 'function' && (o as Routine).bodyKind !== undefined)

/** A routine with a SQL-standard body that reads a table or view: it goes before them, as a view does. */
function readsRelations(step: Step, graph: DependencyGraph): boolean {
  if (step.kind !== 'function' || (step.object as Routine).bodyKind === undefined) return false
  const key = nodeKey('function', objectName('function', step.object as Routine))
  const deps = graph.dependencies.get(key) ?? new Set<NodeKey>()
  return [...deps].some((d) => d.startsWith('table:') || d.startsWith('view:'))
}

/** An object altered in place, with its statements. */
interface InPlace {
  readonly change: ObjectChange
  readonly drafts: readonly ObjectStatementDraft[]
}

interface Step {
  readonly kind: ObjectKind
  readonly object: DatabaseObject
  readonly verb: 'create' | 'drop'
  readonly change: SchemaChange
  /**
   * Dropped to be created again: the drop goes first, with the dependents, so the new version
   * never stands beside the old one (a routine whose signature changes would be an ambiguous overload
   * to the triggers and views created again with it).
   */
  readonly replaced?: true
  /** Dropped and created again around a change under it (a table's column retyped, a routine re-created). */
  readonly around?: true
}

/**
 * The statements of a plan direction's object changes, and of the views and triggers re-created
 * around its other changes. Throws `UnsupportedFeatureError` when the dialect has no generator for a
 * kind the changes need.
 * @internal
 */
export function planObjects(changes: readonly SchemaChange[], ctx: GeneratorContext): PlacedObjectStatement[] {
  const objectChanges = changes.filter(isObjectChange)
  const disturbing = changes.filter(
    (c): c is TableChange => !isObjectChange(c) && (ctx.dialect.disturbsDependents?.(c, ctx) ?? false),
  )
  if (objectChanges.length === 0 && (disturbing.length === 0 || !hasObjects(ctx.from))) return []
  const fromGraph = dependencyGraph(ctx.from ?? EMPTY)
  const toGraph = dependencyGraph(ctx.to ?? EMPTY)
  const steps: Step[] = []
  const inPlace: InPlace[] = []
  // Nodes of `from` whose dependents must be dropped and created again, with the change that causes it.
  const shaken = new Map<NodeKey, SchemaChange>()
  for (const c of objectChanges) {
    const verb = objectVerb(c)
    if (verb === 'create' && 'after' in c) steps.push({ kind: c.object, object: c.after, verb: 'create', change: c })
    else if (verb === 'drop' && 'before' in c) {
      steps.push({ kind: c.object, object: c.before, verb: 'drop', change: c })
      shaken.set(nodeKey(c.object, c.name), c)
    } else {
      const a = c as AlterObjectChange
      const drafts = generatorOf(a.object, c, ctx).alter?.(a as never, ctx)
      if (drafts !== undefined) inPlace.push({ change: c, drafts })
      else {
        refuseTypeInUse(a, ctx)
        steps.push({ kind: a.object, object: a.before, verb: 'drop', change: c, replaced: true })
        steps.push({ kind: a.object, object: a.after, verb: 'create', change: c })
        shaken.set(nodeKey(a.object, a.name), c)
      }
    }
  }
  for (const c of disturbing) for (const node of disturbedNodes(c, ctx)) if (!shaken.has(node)) shaken.set(node, c)
  addRecreatedDependents(steps, inPlace, shaken, fromGraph, ctx)

  // A routine dropped while one of the same name is created (its signature changes) goes first too.
  const createdRoutines = new Set(
    steps.filter((s) => s.verb === 'create' && s.kind === 'function').map((s) => qualified(s.object as Routine)),
  )
  const dropsEarly = (s: Step) =>
    s.replaced === true ||
    s.around === true ||
    (s.kind === 'function' && createdRoutines.has(qualified(s.object as Routine))) ||
    readsRelations(s, fromGraph)
  const placed: PlacedObjectStatement[] = []
  const createOrder = rankOf(
    steps.filter((s) => s.verb === 'create'),
    toGraph,
    false,
  )
  const dropOrder = rankOf(
    steps.filter((s) => s.verb === 'drop'),
    fromGraph,
    true,
  )
  const createdRelations = new Set(
    changes.flatMap((c) => (c.kind === 'create_table' ? [nodeKey('table', qualified(c.after))] : [])),
  )
  const narrowedRelations = new Set(
    changes.flatMap((c) =>
      c.kind === 'drop_column' ? [nodeKey('table', c.schema === undefined ? c.table : `${c.schema}.${c.table}`)] : [],
    ),
  )
  const createStages = createStagesOf(
    steps.filter((s) => s.verb === 'create'),
    toGraph,
    { created: createdRelations, narrowed: narrowedRelations },
    createOrder,
  )
  for (const step of steps) {
    const generator = generatorOf(step.kind, step.change, ctx)
    const drafts =
      step.verb === 'create' ? generator.create(step.object as never, ctx) : generator.drop(step.object as never, ctx)
    const key = nodeKey(step.kind, objectName(step.kind, step.object))
    const stage =
      step.verb === 'drop'
        ? dropsEarly(step)
          ? Stage.dropDependents
          : DROP_STAGE[step.kind]
        : (createStages.get(key) ?? CREATE_STAGE[step.kind])
    const rank = (step.verb === 'create' ? createOrder : dropOrder).get(key) ?? 0
    for (const d of drafts) placed.push({ draft: { ...d, stage: d.stage ?? stage }, change: step.change, rank })
  }
  for (const { change, drafts } of inPlace) {
    const key = nodeKey(change.object, change.name)
    const rank = createOrder.get(key) ?? 0
    // Changed in place on a table that loses a column (MySQL's CREATE OR REPLACE VIEW): once it is gone.
    const late = [...(toGraph.dependencies.get(key) ?? [])].some((d) => narrowedRelations.has(d))
    const stage =
      late && CREATE_STAGE[change.object] === Stage.createDependents ? Stage.createAfterColumnDrops : undefined
    for (const d of drafts)
      placed.push({ draft: { ...d, stage: d.stage ?? stage ?? CREATE_STAGE[change.object] }, change, rank })
  }
  return placed
}

const EMPTY: Schema = { tables: [], enums: [] }

const qualified = (o: { readonly schema?: string; readonly name: string }) =>
  o.schema === undefined ? o.name : `${o.schema}.${o.name}`

function hasObjects(schema: Schema | undefined): boolean {
  return schema !== undefined && OBJECT_KINDS.some((k) => objectsOf(schema, k).length > 0)
}

function generatorOf<K extends ObjectKind>(kind: K, change: SchemaChange, ctx: GeneratorContext): ObjectGenerator<K> {
  const generator = ctx.dialect.objects?.[kind] as ObjectGenerator<K> | undefined
  if (generator) return generator
  const label = isObjectChange(change) ? objectLabel(change) : kind
  throw new SchemaLedgerError(
    'unsupported_feature',
    `${change.path}: ${ctx.dialect.name} has no ${label}s that schemaledger can plan (${changeKey(change)})`,
  )
}

/** The element type of a column type (an array's, else itself). */
const elementType = (t: ColumnType): ColumnType => (t.kind === 'array' ? elementType(t.of) : t)

/**
 * The columns of `from` whose type is the domain or type `o` (or an array of it), as `table.column`.
 * @internal
 */
export function columnsOfType(schema: Schema | undefined, o: { readonly schema?: string; readonly name: string }) {
  const wanted = qualified(o).toLowerCase()
  const out: string[] = []
  for (const t of schema?.tables ?? [])
    for (const col of t.columns) {
      const type = elementType(col.type)
      if (type.kind !== 'custom') continue
      const raw = type.raw.replace(/\[\s*\d*\s*\]/g, '')
      // An unqualified name means the default namespace: only an unqualified type matches it.
      if (namesIn(raw).has(wanted) && (o.schema !== undefined || !raw.includes('.')))
        out.push(`${qualified(t)}.${col.name}`)
    }
  return out
}

/**
 * A domain or type the plan must drop and create again while columns use it: PostgreSQL refuses
 * the DROP (`cannot drop type ... because other objects depend on it`), so the plan is refused
 * first, naming the columns. Converting them through the base type and back would keep the data of
 * a domain but not always of a composite type, and would hide a rewrite of every table involved.
 */
function refuseTypeInUse(change: AlterObjectChange, ctx: GeneratorContext): void {
  if (change.object !== 'domain' && change.object !== 'type') return
  const before = change.before as ObjectOfKind['type'] | ObjectOfKind['domain']
  const range = 'range' in before ? before.range : undefined
  // A range type takes its multirange type with it.
  const multirange = range && (range.multirangeTypeName ?? defaultMultirangeName(before.name))
  const columns = [
    ...columnsOfType(ctx.from, before),
    ...(multirange === undefined ? [] : columnsOfType(ctx.from, multirangeOf(before.schema, multirange))),
  ]
  if (columns.length === 0) return
  const label = change.object === 'domain' ? 'domain' : 'type'
  throw new SchemaLedgerError(
    'unsupported_feature',
    `${change.path}: the ${label} must be dropped and created again (${change.changes.filter((f) => f !== 'comment').join(', ')} cannot change in place), ` +
      `but columns use it: ${columns.join(', ')}. Move those columns to another type first (or drop them), then change the ${label}`,
  )
}

/** The multirange type as a name and namespace (`multirangeTypeName` may be qualified). */
function multirangeOf(schema: string | undefined, name: string): { schema?: string; name: string } {
  const at = name.indexOf('.')
  if (at > 0) return { schema: name.slice(0, at), name: name.slice(at + 1) }
  return schema === undefined ? { name } : { schema, name }
}

/** The nodes of `from` a disturbing table change shakes: the table (for an enum change, the tables using it). */
function disturbedNodes(c: TableChange, ctx: GeneratorContext): NodeKey[] {
  if (c.kind === 'alter_enum' || c.kind === 'drop_enum' || c.kind === 'create_enum') {
    const e = { name: c.enum, ...(c.schema === undefined ? {} : { schema: c.schema }) }
    return (ctx.from?.tables ?? [])
      .filter((t) => t.columns.some((col) => col.type.kind === 'enum' && usesEnum(col.type, e)))
      .map((t) => nodeKey('table', qualified(t)))
  }
  const table = c.kind === 'rename_table' ? c.from : ctx.previousTableName(c.table, c.schema)
  return [nodeKey('table', qualified({ name: table, ...(c.schema === undefined ? {} : { schema: c.schema }) }))]
}

/**
 * Adds a drop (the `from` version) and a create (the `to` version) for every view and trigger that
 * depends on a shaken node and is not already dropped or re-created; its in-place alteration, if
 * any, gives way to them.
 */
function addRecreatedDependents(
  steps: Step[],
  inPlace: InPlace[],
  shaken: ReadonlyMap<NodeKey, SchemaChange>,
  fromGraph: DependencyGraph,
  ctx: GeneratorContext,
): void {
  if (shaken.size === 0 || !ctx.from || !ctx.to) return
  const dropped = new Set(
    steps.filter((s) => s.verb === 'drop').map((s) => nodeKey(s.kind, objectName(s.kind, s.object))),
  )
  const fromObjects = objectIndex(ctx.from)
  const toObjects = objectIndex(ctx.to)
  for (const [root, cause] of shaken) {
    for (const key of dependentsOf([root], fromGraph)) {
      const kind = key.slice(0, key.indexOf(':')) as ObjectKind
      if (dropped.has(key)) continue
      const before = fromObjects.get(key)
      const after = toObjects.get(key)
      if (before === undefined || after === undefined || !recreatedAround(kind, before)) continue
      dropped.add(key)
      const own = inPlace.findIndex((p) => nodeKey(p.change.object, p.change.name) === key)
      const change = own >= 0 ? (inPlace[own] as InPlace).change : cause
      if (own >= 0) inPlace.splice(own, 1)
      steps.push({ kind, object: before, verb: 'drop', change, around: true })
      steps.push({ kind, object: after, verb: 'create', change, around: true })
    }
  }
}

function objectIndex(schema: Schema): Map<NodeKey, DatabaseObject> {
  const out = new Map<NodeKey, DatabaseObject>()
  for (const kind of OBJECT_KINDS)
    for (const o of objectsOf(schema, kind)) out.set(nodeKey(kind, objectName(kind, o as ObjectOfKind[typeof kind])), o)
  return out
}

/** Rank of each step's node: dependency order (reversed for drops), kinds in creation order first. */
function rankOf(steps: readonly Step[], graph: DependencyGraph, reverse: boolean): Map<NodeKey, number> {
  const keys = [...new Set(steps.map((s) => nodeKey(s.kind, objectName(s.kind, s.object))))].sort(
    (a, b) => kindIndex(a) - kindIndex(b) || (a < b ? -1 : a > b ? 1 : 0),
  )
  const ordered = dependencyOrder(keys, graph)
  if (reverse) ordered.reverse()
  return new Map(ordered.map((k, i) => [k, i]))
}

const kindIndex = (key: NodeKey) => OBJECT_KINDS.indexOf(key.slice(0, key.indexOf(':')) as ObjectKind)

/**
 * The stage of each created object: its kind's, or later when it must wait for the tables
 * ({@link needsTablesFirst}), for a column drop under it (a view or trigger on a table that loses a
 * column is created once the column is gone), or for an object it depends on that this plan creates
 * in a later stage (a domain whose check calls a new function waits for the routines; its rank puts
 * it after them).
 */
function createStagesOf(
  creates: readonly Step[],
  graph: DependencyGraph,
  relations: { readonly created: ReadonlySet<NodeKey>; readonly narrowed: ReadonlySet<NodeKey> },
  createOrder: ReadonlyMap<NodeKey, number>,
): Map<NodeKey, StageValue> {
  const createdRelations = relations.created
  const stages = new Map<NodeKey, StageValue>()
  const byRank = creates
    .map((step) => ({ step, key: nodeKey(step.kind, objectName(step.kind, step.object)) }))
    .sort((a, b) => (createOrder.get(a.key) ?? 0) - (createOrder.get(b.key) ?? 0))
  for (const { step, key } of byRank) {
    let stage: StageValue = needsTablesFirst(step, key, graph, createdRelations, createOrder)
      ? Stage.createDependents
      : CREATE_STAGE[step.kind]
    for (const d of graph.dependencies.get(key) ?? []) {
      const before = stages.get(d)
      if (before !== undefined && before > stage) stage = before
      if (stage === Stage.createDependents && relations.narrowed.has(d)) stage = Stage.createAfterColumnDrops
    }
    stages.set(key, stage)
  }
  return stages
}

/**
 * Whether an object created early by its kind (a type, a routine) must wait for the tables: a SQL
 * routine whose body reads a table this plan creates (PostgreSQL checks SQL bodies when it creates
 * them), a routine whose recorded dependencies name one (a row type in its signature), or anything
 * that depends on an object created late.
 */
function needsTablesFirst(
  step: Step,
  key: NodeKey,
  graph: DependencyGraph,
  createdRelations: ReadonlySet<NodeKey>,
  createOrder: ReadonlyMap<NodeKey, number>,
): boolean {
  if (CREATE_STAGE[step.kind] >= Stage.createDependents) return false
  // Re-created around a change under it (a column retyped): after that change.
  if (step.around) return true
  const deps = graph.dependencies.get(key) ?? new Set<NodeKey>()
  const routine = step.kind === 'function' ? (step.object as Routine) : undefined
  const sqlBody = routine !== undefined && (routine.language ?? 'sql').toLowerCase() === 'sql'
  // The database's records of a routine (`dependsOn`) name the row types its signature uses: those
  // tables must exist first whatever the language.
  const recorded = new Set(routine?.dependsOn ?? [])
  for (const d of deps) {
    if ((sqlBody || recorded.has(d)) && createdRelations.has(d)) return true
    const kind = d.slice(0, d.indexOf(':')) as ObjectKind
    if ((kind === 'view' || kind === 'trigger') && createOrder.has(d)) return true
  }
  return false
}
