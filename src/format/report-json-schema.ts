import type { ChangeKind, ObjectChange, TableChangeKind } from '../diff/types.js'
import { alterableFields, modelJsonDefs } from '../model/model-description.js'
import { OBJECT_KINDS, type ObjectKind } from '../model/object-kinds.js'
import { REPORT_FORMAT } from './format-json.js'

// The model's objects (column, constraint, index, table, enum) come from the model's description;
// the diff's changes and the report around them are written out here. test/format/format-json.test.ts
// validates real reports against it. Objects stay open (extra properties allowed) so that adding a
// field is not a breaking change of the contract.

type JsonSchema = Record<string, unknown>

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` })
const str: JsonSchema = { type: 'string' }
const strings: JsonSchema = { type: 'array', items: str }
const int: JsonSchema = { type: 'integer', minimum: 0 }
const object = (properties: Record<string, JsonSchema>, required: readonly string[], description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
})

const fieldList = (fields: readonly string[]): JsonSchema => ({ type: 'array', items: { enum: fields } })

/** The model's objects, from its description. */
function model(): Record<string, JsonSchema> {
  const defs = new Map<string, JsonSchema>()
  modelJsonDefs(defs)
  return Object.fromEntries(defs)
}

/** Per change kind: its own properties beyond `kind` and `path`, and which are required. */
const TABLE_CHANGES: Record<TableChangeKind, [Record<string, JsonSchema>, string[]]> = {
  create_table: [{ after: ref('table') }, ['table', 'after']],
  drop_table: [{ before: ref('table') }, ['table', 'before']],
  rename_table: [{ from: str, before: ref('table'), after: ref('table') }, ['table', 'from', 'before', 'after']],
  alter_table: [
    { before: ref('table'), after: ref('table'), changes: fieldList(alterableFields.table) },
    ['table', 'before', 'after', 'changes'],
  ],
  add_column: [{ column: str, position: int, after: ref('column') }, ['table', 'column', 'position', 'after']],
  drop_column: [{ column: str, position: int, before: ref('column') }, ['table', 'column', 'position', 'before']],
  rename_column: [
    { column: str, from: str, position: int, previousPosition: int, before: ref('column'), after: ref('column') },
    ['table', 'column', 'from', 'position', 'previousPosition', 'before', 'after'],
  ],
  alter_column: [
    {
      column: str,
      position: int,
      previousPosition: int,
      before: ref('column'),
      after: ref('column'),
      changes: fieldList([...alterableFields.column, 'position']),
    },
    ['table', 'column', 'position', 'previousPosition', 'before', 'after', 'changes'],
  ],
  add_constraint: [{ after: ref('constraint') }, ['table', 'after']],
  drop_constraint: [{ before: ref('constraint') }, ['table', 'before']],
  alter_constraint: [
    { before: ref('constraint'), after: ref('constraint'), changes: fieldList(alterableFields.constraint) },
    ['table', 'before', 'after', 'changes'],
  ],
  add_index: [{ after: ref('index') }, ['table', 'after']],
  drop_index: [{ before: ref('index') }, ['table', 'before']],
  alter_index: [
    { before: ref('index'), after: ref('index'), changes: fieldList(alterableFields.index) },
    ['table', 'before', 'after', 'changes'],
  ],
  create_enum: [{ after: ref('enumDefinition') }, ['enum', 'after']],
  drop_enum: [{ before: ref('enumDefinition') }, ['enum', 'before']],
  alter_enum: [
    {
      before: ref('enumDefinition'),
      after: ref('enumDefinition'),
      changes: fieldList(alterableFields.enum),
      added: {
        type: 'array',
        items: object({ value: str, position: int, after: str, before: str }, ['value', 'position']),
      },
      removed: strings,
      reordered: { type: 'boolean' },
    },
    ['enum', 'before', 'after', 'changes', 'added', 'removed', 'reordered'],
  ],
}

/** The JSON Schema definition each object kind's model goes under (object-description.ts). */
const OBJECT_DEFS: Readonly<Record<ObjectKind, string>> = {
  namespace: 'namespace',
  extension: 'extension',
  type: 'compositeType',
  domain: 'domain',
  sequence: 'sequence',
  function: 'routine',
  view: 'view',
  trigger: 'trigger',
  event: 'event',
}

/** Per change kind: its own properties beyond `kind` and `path`, and which are required. */
const CHANGES: Record<ChangeKind, [Record<string, JsonSchema>, string[]]> = {
  ...TABLE_CHANGES,
  ...(Object.fromEntries(
    OBJECT_KINDS.flatMap((k) => {
      const head = { object: { const: k }, name: str }
      const model = ref(OBJECT_DEFS[k])
      return [
        [`create_${k}`, [{ ...head, after: model }, ['object', 'name', 'after']]],
        [`drop_${k}`, [{ ...head, before: model }, ['object', 'name', 'before']]],
        [
          `alter_${k}`,
          [
            { ...head, before: model, after: model, changes: fieldList(alterableFields[k]) },
            ['object', 'name', 'before', 'after', 'changes'],
          ],
        ],
      ]
    }),
  ) as Record<ObjectChange['kind'], [Record<string, JsonSchema>, string[]]>),
}

const counts = object({ added: int, removed: int, renamed: int, altered: int }, [
  'added',
  'removed',
  'renamed',
  'altered',
])
const changeRef = object({ kind: { enum: Object.keys(CHANGES) }, path: str }, ['kind', 'path'])

const report: Record<string, JsonSchema> = {
  change: {
    oneOf: Object.entries(CHANGES).map(([kind, [properties, required]]) =>
      object({ kind: { const: kind }, path: str, table: str, enum: str, schema: str, ...properties }, [
        'kind',
        'path',
        ...required,
      ]),
    ),
  },
  renameCandidate: object(
    {
      target: { enum: ['table', 'column'] },
      table: str,
      from: str,
      to: str,
      score: { type: 'number', minimum: 0, maximum: 1 },
      reasons: strings,
      applied: { type: 'boolean' },
    },
    ['target', 'from', 'to', 'score', 'reasons', 'applied'],
  ),
  diff: object(
    {
      changes: { type: 'array', items: ref('change') },
      renameCandidates: { type: 'array', items: ref('renameCandidate') },
      summary: object(
        {
          tables: counts,
          columns: counts,
          constraints: counts,
          indexes: counts,
          enums: counts,
          objects: { type: 'object', properties: Object.fromEntries(OBJECT_KINDS.map((k) => [k, counts])) },
          total: int,
        },
        ['tables', 'columns', 'constraints', 'indexes', 'enums', 'total'],
      ),
    },
    ['changes', 'renameCandidates', 'summary'],
    'What diffSchemas returns.',
  ),
  finding: object(
    {
      code: { type: 'string', pattern: '^[A-Z]{2,}[0-9]{3}$' },
      severity: { enum: ['danger', 'warning', 'info'] },
      change: changeRef,
      message: str,
      explanation: str,
      fix: object({ description: str, sql: strings }, ['description']),
      dialect: str,
      phase: { enum: ['expand', 'contract', 'breaking'] },
      suppressed: object(
        { path: str, reason: str, until: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
        ['path', 'reason'],
        'Set when a suppression accepted the finding: reported, never counted by a gate.',
      ),
    },
    ['code', 'severity', 'change', 'message', 'explanation', 'fix', 'dialect'],
    'One finding of analyzeImpact.',
  ),
  statement: object(
    { sql: str, change: changeRef, destructive: { type: 'boolean' }, transactional: { type: 'boolean' }, reason: str },
    ['sql', 'destructive', 'transactional'],
  ),
  unmodelled: object(
    { side: { enum: ['from', 'to'] }, kind: str, name: str, why: str },
    ['side', 'kind', 'name', 'why'],
    'Something one side holds that its schema does not (introspection returns it as data): the diff cannot see it.',
  ),
  migration: object(
    { dialect: str, up: { type: 'array', items: ref('statement') }, down: { type: 'array', items: ref('statement') } },
    ['dialect', 'up', 'down'],
    'What planMigration returns.',
  ),
}

/**
 * The JSON Schema (draft 2020-12) of the JSON report written by {@link formatJson}, shipped as
 * `schemaledger/report-schema.json` so other tools can validate what they read.
 *
 * @example
 * ```ts
 * import { Ajv2020 } from 'ajv/dist/2020.js'
 * const valid = new Ajv2020().validate(reportJsonSchema(), JSON.parse(formatJson(diff, { findings })))
 * ```
 */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://schemaledger.dev/report-schema.json',
    title: 'schemaledger report',
    description: `A schema diff with its impact findings and migration (format ${REPORT_FORMAT}).`,
    type: 'object',
    properties: {
      format: { const: REPORT_FORMAT },
      diff: ref('diff'),
      findings: { type: 'array', items: ref('finding') },
      migration: { oneOf: [ref('migration'), { type: 'null' }] },
      unmodelled: {
        type: 'array',
        items: ref('unmodelled'),
        description:
          'What either side holds that its schema does not; present when the sides were read from a database or SQL file.',
      },
    },
    required: ['format', 'diff', 'findings', 'migration'],
    $defs: { ...model(), ...report },
  }
}
