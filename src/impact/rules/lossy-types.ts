import type { SchemaChange } from '../../diff/types.js'
import { compareColumnTypes } from '../../model/type-relation.js'
import { defineAnalyzer } from '../define-analyzer.js'
import { isEmpty, partialFailureNote, typeText } from '../finding-text.js'
import { tooLongQuery, valueCountQuery } from '../fix-sql.js'
import type { AnalyzerContext } from '../types.js'

// DS: type and value changes that lose data or fail on it (catalogue section "DS - destructive",
// DS004-DS006).

const typeWithoutCast = defineAnalyzer({
  code: 'DS004',
  title: 'Type change with no conversion between the types',
  dialects: ['postgres'],
  severity: 'danger',
  docs: {
    bad: 'ALTER TABLE "users" ALTER COLUMN "token" TYPE integer   -- token was uuid',
    why: 'The database has no conversion from the old type to the new one, so the statement fails on any table (tools that drop and recreate the column instead lose every value).',
    fix: 'Add a column of the new type, fill it with an explicit conversion written for your data, switch the application, then drop the old column.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type')) return undefined
    const { before, after } = change
    if (before.type.kind === 'array' || after.type.kind === 'array') return undefined
    const relation = compareColumnTypes(before.type, after.type)
    if (ctx.facts.convertValues(before.type, after.type, relation, ctx.version).castExists) return undefined
    return {
      message: `changing ${change.path} from ${typeText(before.type)} to ${typeText(after.type)} fails: there is no conversion between the types`,
      explanation: `The database rejects the statement before it reads any row, so the migration cannot run as planned.${partialFailureNote(ctx)}`,
      fix: {
        description:
          'Add a column of the new type, fill it with an explicit conversion written for your data, switch the application to it, then drop the old column (expand/contract).',
      },
    }
  },
})

/** `longer than 100 characters` for strings and bytes; undefined for other kinds. */
function lengthLimit(t: SchemaChange & { kind: 'alter_column' }) {
  const a = t.after.type
  if ((a.kind === 'varchar' || a.kind === 'char') && a.length !== undefined)
    return { length: a.length, unit: 'characters' as const }
  if ((a.kind === 'varbinary' || a.kind === 'binary') && a.length !== undefined)
    return { length: a.length, unit: 'bytes' as const }
  return undefined
}

const lossyTypeChange = defineAnalyzer({
  code: 'DS005',
  title: 'Narrowing a type fails on (or cuts) values that do not fit',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: 'ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(100)   -- was varchar(200)',
    why: 'Values longer than the new length, integers outside the new range or digits beyond the new precision make the statement fail (strict engines) or are cut and rounded. It also rewrites the table.',
    fix: 'Check the data first (the query in the fix), clean the values that do not fit, or keep the wider type. With a profile whose maxLength fits this is info; when it does not fit it is danger.',
  },
  analyze(change, ctx) {
    if (change.kind !== 'alter_column' || !change.changes.includes('type')) return undefined
    const { before, after } = change
    if (compareColumnTypes(before.type, after.type) !== 'narrow') return undefined
    const conversion = ctx.facts.convertValues(before.type, after.type, 'narrow', ctx.version)
    if (conversion.onBadValue === 'kept') return undefined
    const from = `${change.path} from ${typeText(before.type)} to ${typeText(after.type)}`
    const limit = lengthLimit(change)
    const outcome = conversion.onBadValue === 'fails' ? 'fails on' : 'cuts or rounds'
    const cost = ctx.facts.changeType(before, after, 'narrow', ctx.version)
    const sql = limit
      ? [tooLongQuery(ctx, change.table, change.schema, before.name, limit.length, limit.unit)]
      : undefined
    const fix = {
      description:
        'Check the data first, shorten or clean the values that do not fit (or keep the wider type), then narrow. To avoid the long lock, add a column of the new type, backfill it in batches and swap (expand/contract).',
      ...(sql ? { sql } : {}),
    }
    const explanation = `${outcome === 'fails on' ? 'The statement stops at the first value that does not fit and the migration fails.' : 'Values that do not fit are changed without an error, so data is lost silently.'} The change also ${cost.detail}.${partialFailureNote(ctx)}`
    const table = ctx.tableProfile(change.table, change.schema)
    const longest = ctx.columnProfile(change.table, before.name, change.schema)?.maxLength
    if (isEmpty(table) || (limit && longest !== undefined && longest <= limit.length)) {
      const why = isEmpty(table) ? 'the table is empty' : `the longest value has ${longest} ${limit?.unit}`
      return { severity: 'info', message: `narrowing ${from} is safe: ${why}`, explanation, fix }
    }
    if (limit && longest !== undefined) {
      const verb = outcome === 'fails on' ? 'fails' : 'cuts values'
      return {
        severity: 'danger',
        message: `narrowing ${from} ${verb}: the longest value has ${longest} ${limit.unit}`,
        explanation,
        fix,
      }
    }
    const which = limit ? `values longer than ${limit.length} ${limit.unit}` : 'values that do not fit'
    return { message: `narrowing ${from} ${outcome} ${which}`, explanation, fix }
  },
})

/** Columns of the target schema whose type is the enum of that name and namespace. */
function enumColumns(ctx: AnalyzerContext, name: string, schema: string | undefined) {
  return (ctx.to?.tables ?? []).flatMap((t) =>
    t.columns
      .filter((c) => c.type.kind === 'enum' && c.type.name === name && c.type.schema === schema)
      .map((c) => ({ table: t, column: c })),
  )
}

const enumValueRemoved = defineAnalyzer({
  code: 'DS006',
  title: 'Removing an enum value breaks rows that hold it',
  dialects: ['postgres', 'mysql'],
  severity: 'warning',
  docs: {
    bad: "ALTER TYPE mood: values ('sad', 'ok', 'happy') -> ('ok', 'happy')",
    why: 'Rows that hold the removed value make the conversion fail (or, without strict mode, end up with an empty value).',
    fix: "Move rows off the value first (UPDATE ... SET mood = 'ok' WHERE mood = 'sad') and stop the application writing it, then remove it.",
  },
  analyze(change, ctx) {
    let removed: readonly string[] = []
    let uses: { table: string; schema?: string; column: string }[] = []
    if (change.kind === 'alter_enum') {
      removed = change.removed
      uses = enumColumns(ctx, change.enum, change.schema).map(({ table, column }) => ({
        table: table.name,
        ...(table.schema ? { schema: table.schema } : {}),
        column: column.name,
      }))
    } else if (change.kind === 'alter_column' && change.changes.includes('type')) {
      const [b, a] = [change.before.type, change.after.type]
      if (b.kind !== 'enum' || a.kind !== 'enum' || !b.values || !a.values) return undefined
      removed = b.values.filter((v) => !a.values?.includes(v))
      uses = [{ table: change.table, ...(change.schema ? { schema: change.schema } : {}), column: change.before.name }]
    }
    if (removed.length === 0) return undefined
    const values = removed.map((v) => `'${v}'`).join(', ')
    const sql = uses.flatMap((u) => removed.map((v) => valueCountQuery(ctx, u.table, u.schema, u.column, v)))
    return {
      message: `removing ${values} from ${change.path} fails on rows that hold ${removed.length === 1 ? 'it' : 'them'}`,
      explanation: `Every stored value is converted to the new list; a row holding a removed value makes the statement fail (or, where the engine is not strict, is blanked).${partialFailureNote(ctx)}`,
      fix: {
        description:
          'Move the rows that hold the value to another value and stop the application writing it (contract phase), then remove it. The queries count the rows that still hold it.',
        ...(sql.length > 0 ? { sql } : {}),
      },
    }
  },
})

/** The DS rules about types and values, by code. @internal */
export const lossyTypeAnalyzers = [typeWithoutCast, lossyTypeChange, enumValueRemoved]
