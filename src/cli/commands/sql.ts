import { resolveDialect } from '../../dialects/index.js'
import { createSchemaSQL } from '../../sql/create-schema-sql.js'
import { toSQL } from '../../sql/to-sql.js'
import { defineCommand } from '../command.js'
import {
  DIALECT_OPTION,
  MAX_INPUT_OPTION,
  OUTPUT_OPTION,
  requireDialect,
  SQL_INPUT_OPTIONS,
  STORE_OPTION,
  sqlInputOf,
} from '../common-options.js'
import { CONFIG_OPTION } from '../config/config-option.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { statementsJson } from '../statements-json.js'
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
  usage: ['sql <doc> --dialect postgres|mysql|sqlite [--no-transaction] [--format sql|json] [-o schema.sql]'],
  description:
    'Prints the DDL that creates the whole schema on an empty database: enum types, tables in dependency\n' +
    'order (foreign keys that close a cycle added afterwards), constraints, indexes and comments.',
  arguments: [['<doc>', 'a path, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: 1 },
  options: {
    ...DIALECT_OPTION,
    'no-transaction': { type: 'boolean', description: 'do not wrap the statements in BEGIN/COMMIT' },
    format: {
      type: 'string',
      value: 'format',
      choices: ['sql', 'json'],
      default: 'sql',
      description: 'the script, or JSON: every statement with its destructive and transactional flags',
    },
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
    ...CONFIG_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['Create a fresh PostgreSQL database', 'sql schema.json --dialect postgres | psql "$DATABASE_URL"'],
    ['A SQLite file for tests', 'sql schema.json --dialect sqlite | sqlite3 test.db'],
    ['The DDL of a stored version', 'sql store:app@prod --dialect mysql -o prod.sql'],
  ],
  async run({ positionals, values, io }) {
    const dialect = requireDialect(values.dialect)
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    try {
      const { schema } = await reader.read(positionals[0] ?? '')
      const statements = createSchemaSQL(schema, dialect)
      const name = resolveDialect(dialect).name
      const transaction = !values['no-transaction']
      const text =
        values.format === 'json'
          ? statementsJson({ format: 'schemaledger-sql/1', dialect: name, transaction, statements })
          : `-- schemaledger schema: ${name}\n${toSQL(statements, { transaction })}`
      await writeOutput(io, text, values.output)
      return ExitCode.ok
    } finally {
      await reader.dispose()
    }
  },
})
