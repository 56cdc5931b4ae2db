import { diffSchemas } from '../../dialects/diff-schemas.js'
import { planMigration } from '../../sql/plan-migration.js'
import { toSQL } from '../../sql/to-sql.js'
import { UsageError } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import {
  DIALECT_OPTION,
  DIALECT_VERSION_OPTION,
  MAX_INPUT_OPTION,
  majorVersion,
  OUTPUT_OPTION,
  requireDialect,
  SQL_INPUT_OPTIONS,
  STORE_OPTION,
  sqlInputOf,
} from '../common-options.js'
import { CONFIG_OPTION } from '../config/config-option.js'
import { diffOptionsOf, RENAME_OPTIONS } from '../diff-report.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { statementsJson } from '../statements-json.js'
import { writeOutput } from '../write-output.js'

const FORMAT_OPTION = {
  format: {
    type: 'string',
    value: 'format',
    choices: ['sql', 'json'],
    default: 'sql',
    description: 'the script, or JSON: every statement with its change and destructive and transactional flags',
  },
} as const

/**
 * `schemaledger migrate <from> <to> --dialect <name>`: the SQL script that takes a database from one
 * version to the other (or back, with `--down`), optionally split into deploy phases.
 *
 * @example
 * ```ts
 * await migrateCommand.run({ positionals: ['v1.json', 'v2.json'], values: { dialect: 'postgres', ... }, io })
 * ```
 */
export const migrateCommand = defineCommand({
  name: 'migrate',
  summary: 'the migration SQL from one version to another',
  usage: [
    'migrate <from> <to> --dialect postgres|mysql|sqlite [--down] [--phases] [--concurrently] [-o file.sql]',
    'migrate <from> <to> --dialect <name> --format json',
  ],
  description:
    'Plans the statements that apply the diff, in dependency order, and prints them as a script: one\n' +
    'statement per line, transactional ones inside BEGIN/COMMIT, destructive ones marked. --down prints the\n' +
    'script that undoes it. --phases splits the up script in two: what runs before the new application\n' +
    'version is deployed (expand) and what runs after the old one is gone (contract). Renames count: confirm\n' +
    'them with the same flags as diff, or a rename becomes a drop and an add.',
  arguments: [
    ['<from>', 'the version the database is at: a path, - for standard input, or store:name@ref'],
    ['<to>', 'the version to migrate to'],
  ],
  positionals: { min: 2, max: 2 },
  options: {
    ...DIALECT_OPTION,
    ...DIALECT_VERSION_OPTION,
    down: { type: 'boolean', description: 'print the script that undoes the migration' },
    phases: { type: 'boolean', description: 'split the up script into pre-deploy and post-deploy phases' },
    concurrently: {
      type: 'boolean',
      description: 'PostgreSQL: build indexes on existing tables CONCURRENTLY (outside the transaction)',
    },
    'not-valid': {
      type: 'boolean',
      description: 'PostgreSQL: add foreign keys and checks NOT VALID, then VALIDATE them after the commit',
    },
    'no-transaction': { type: 'boolean', description: 'do not wrap statements in BEGIN/COMMIT' },
    ...RENAME_OPTIONS,
    ...FORMAT_OPTION,
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...MAX_INPUT_OPTION,
    ...CONFIG_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['The PostgreSQL migration', 'migrate schema/v1.json schema/v2.json --dialect postgres -o migrations/0002.sql'],
    ['Its rollback', 'migrate schema/v1.json schema/v2.json --dialect postgres --down'],
    ['From what production runs to the working copy', 'migrate store:app@prod schema.json --dialect mysql'],
    [
      'Zero-downtime: indexes concurrently, two phases',
      'migrate v1.json v2.json --dialect postgres --concurrently --phases',
    ],
    ['With a confirmed column rename', 'migrate v1.json v2.json --dialect sqlite --rename posts.content=body'],
    ['The statements and their flags, for a deploy tool', 'migrate v1.json v2.json --dialect postgres --format json'],
  ],
  async run({ positionals, values, io, config }) {
    const dialect = requireDialect(values.dialect)
    if (values.down && values.phases)
      throw new UsageError('--phases splits the up script; it cannot be combined with --down')
    const reader = createDocumentReader(io, {
      storeDir: values.store,
      maxInputSize: values['max-input-size'],
      sql: sqlInputOf(values),
    })
    try {
      const from = (await reader.read(positionals[0] ?? '')).schema
      const to = (await reader.read(positionals[1] ?? '')).schema
      const diff = diffSchemas(from, to, await diffOptionsOf(values, reader, config?.config))
      const major = majorVersion(values['dialect-version'])
      const options = {
        dialect,
        from,
        to,
        ...(values.concurrently ? { concurrently: true } : {}),
        ...(values['not-valid'] ? { notValid: true } : {}),
        ...(major !== undefined ? { dialectVersion: major } : {}),
      }
      const transaction = !values['no-transaction']
      let script: string
      const json = values.format === 'json'
      if (values.phases && json) {
        const { dialect: name, phases } = planMigration(diff, { ...options, phases: true })
        script = statementsJson({
          format: 'schemaledger-migration/1',
          dialect: name,
          direction: 'up',
          transaction,
          phases,
        })
      } else if (json) {
        const migration = planMigration(diff, options)
        const direction = values.down ? 'down' : 'up'
        script = statementsJson({
          format: 'schemaledger-migration/1',
          dialect: migration.dialect,
          direction,
          transaction,
          statements: migration[direction],
        })
      } else if (values.phases) {
        const migration = planMigration(diff, { ...options, phases: true })
        const head = `-- schemaledger migration: ${migration.dialect}, up`
        script = [
          `${head}, phase 1 of 2 (pre): run before deploying the new application version`,
          toSQL(migration.phases.pre, { transaction }),
          `${head}, phase 2 of 2 (post): run after the old application version is gone`,
          toSQL(migration.phases.post, { transaction }),
        ].join('\n')
      } else {
        const migration = planMigration(diff, options)
        script = toSQL(migration, { direction: values.down ? 'down' : 'up', transaction })
      }
      await writeOutput(io, script, values.output)
      return ExitCode.ok
    } finally {
      await reader.dispose()
    }
  },
})
