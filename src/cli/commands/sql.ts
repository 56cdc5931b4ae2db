import { resolveDialect } from '../../dialects/index.js'
import { createSchemaSQL } from '../../sql/create-schema-sql.js'
import { toSQL } from '../../sql/to-sql.js'
import { defineCommand } from '../command.js'
import { DIALECT_OPTION, MAX_INPUT_OPTION, OUTPUT_OPTION, requireDialect, STORE_OPTION } from '../common-options.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { writeOutput } from '../write-output.js'

/**
 * `schemaledger sql <doc> --dialect <name>`: the CREATE script of one schema version.
 *
 * @example
 * ```ts
 * await sqlCommand.run({ positionals: ['schema.json'], values: { dialect: 'sqlite', ... }, io })
 * ```
 */
export const sqlCommand = defineCommand({
  name: 'sql',
  summary: 'the CREATE script of one schema version',
  usage: ['sql <doc> --dialect postgres|mysql|sqlite [--no-transaction] [-o schema.sql]'],
  description:
    'Prints the DDL that creates the whole schema on an empty database: enum types, tables in dependency\n' +
    'order (foreign keys that close a cycle added afterwards), constraints, indexes and comments.',
  arguments: [['<doc>', 'a path, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: 1 },
  options: {
    ...DIALECT_OPTION,
    'no-transaction': { type: 'boolean', description: 'do not wrap the statements in BEGIN/COMMIT' },
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
  },
  examples: [
    ['Create a fresh PostgreSQL database', 'sql schema.json --dialect postgres | psql "$DATABASE_URL"'],
    ['A SQLite file for tests', 'sql schema.json --dialect sqlite | sqlite3 test.db'],
    ['The DDL of a stored version', 'sql store:app@prod --dialect mysql -o prod.sql'],
  ],
  async run({ positionals, values, io }) {
    const dialect = requireDialect(values.dialect)
    const reader = createDocumentReader(io, { storeDir: values.store, maxInputSize: values['max-input-size'] })
    try {
      const { schema } = await reader.read(positionals[0] ?? '')
      const statements = createSchemaSQL(schema, dialect)
      const head = `-- schemaledger schema: ${resolveDialect(dialect).name}\n`
      await writeOutput(io, head + toSQL(statements, { transaction: !values['no-transaction'] }), values.output)
      return ExitCode.ok
    } finally {
      await reader.dispose()
    }
  },
})
