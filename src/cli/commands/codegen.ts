import { qualifiedTableName } from '../../codegen/naming.js'
import { toDrizzle } from '../../codegen/to-drizzle.js'
import { toJsonSchema } from '../../codegen/to-json-schema.js'
import { toPrisma } from '../../codegen/to-prisma.js'
import { toSQLAlchemy } from '../../codegen/to-sqlalchemy.js'
import { toTypeScript } from '../../codegen/to-typescript.js'
import { toZod } from '../../codegen/to-zod.js'
import type { Schema } from '../../model/types.js'
import { UsageError } from '../cli-errors.js'
import { defineCommand } from '../command.js'
import { DIALECT_OPTION, OUTPUT_OPTION, SQL_INPUT_OPTIONS, STORE_OPTION, sqlInputOf } from '../common-options.js'
import { ExitCode } from '../exit-codes.js'
import { createDocumentReader } from '../read-document.js'
import { writeOutput } from '../write-output.js'

type Target = 'sqlalchemy' | 'prisma' | 'drizzle' | 'typescript' | 'zod' | 'json-schema'
type Dialect = 'postgres' | 'mysql' | 'sqlite'

/** The generated text and what the target could not express. */
function generate(schema: Schema, target: Target, dialect: Dialect, style: 'core' | 'orm') {
  switch (target) {
    case 'sqlalchemy':
      return toSQLAlchemy(schema, { style, dialect })
    case 'prisma':
      return toPrisma(schema, { provider: dialect === 'postgres' ? 'postgresql' : dialect })
    case 'drizzle':
      return toDrizzle(schema, { dialect })
    case 'typescript':
      return { source: toTypeScript(schema), warnings: [] }
    case 'zod':
      return { source: toZod(schema), warnings: [] }
    case 'json-schema': {
      const tables = Object.fromEntries(
        schema.tables.map((t) => [qualifiedTableName(t), toJsonSchema(schema, qualifiedTableName(t))]),
      )
      return { source: `${JSON.stringify(tables, null, 2)}\n`, warnings: [] }
    }
  }
}

/**
 * `schemaledger codegen <doc> --target <target>`: the code people write by hand, generated from a
 * schema version (SQLAlchemy, Prisma, drizzle) and the row types and validators (TypeScript, zod,
 * JSON Schema).
 *
 * @example
 * ```ts
 * await codegenCommand.run({ positionals: ['schema.json'], values: { target: 'prisma', ... }, io })
 * ```
 */
export const codegenCommand = defineCommand({
  name: 'codegen',
  summary: 'SQLAlchemy, Prisma, drizzle, TypeScript, zod or JSON Schema from a version',
  usage: [
    'codegen <doc> --target sqlalchemy|prisma|drizzle|typescript|zod|json-schema [--dialect <name>] [--style core|orm]',
  ],
  description:
    'Writes <doc> as code: a SQLAlchemy module (--style core: a MetaData and Tables; orm: 2.0 declarative\n' +
    'classes), a schema.prisma, a drizzle-orm module, TypeScript row types, zod validators, or one JSON\n' +
    'Schema per table. --dialect picks the database types (default postgres). Database names that are not\n' +
    'identifiers in the target language are mapped, keeping the database name; two names that map to one\n' +
    'identifier are an error naming both. What the target cannot express is listed at the top of the\n' +
    'output and on standard error.',
  arguments: [['<doc>', 'a path, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: 1 },
  options: {
    target: {
      type: 'string',
      value: 'target',
      choices: ['sqlalchemy', 'prisma', 'drizzle', 'typescript', 'zod', 'json-schema'],
      description: 'what to write',
    },
    style: {
      type: 'string',
      value: 'style',
      choices: ['core', 'orm'],
      default: 'core',
      description: 'sqlalchemy: Core Tables or ORM 2.0 classes',
    },
    ...DIALECT_OPTION,
    ...OUTPUT_OPTION,
    ...STORE_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['SQLAlchemy declarative models', 'codegen schema.json --target sqlalchemy --style orm -o app/models.py'],
    ['A Prisma schema for MySQL', 'codegen schema.json --target prisma --dialect mysql -o prisma/schema.prisma'],
    ['drizzle tables of a stored version', 'codegen store:app@v3 --target drizzle -o src/db/schema.ts'],
  ],
  async run({ positionals, values, io }) {
    if (values.target === undefined) throw new UsageError('--target is required')
    const given = values.dialect ?? 'postgres'
    const dialect: Dialect = given === 'postgresql' ? 'postgres' : given === 'mariadb' ? 'mysql' : (given as Dialect)
    const reader = createDocumentReader(io, { storeDir: values.store, sql: sqlInputOf(values) })
    let result: { source: string; warnings: readonly string[] }
    try {
      const schema = (await reader.read(positionals[0] ?? '')).schema
      result = generate(schema, values.target as Target, dialect, values.style as 'core' | 'orm')
    } finally {
      await reader.dispose()
    }
    await writeOutput(io, result.source, values.output)
    for (const w of result.warnings) io.error(`schemaledger codegen: not expressed: ${w}\n`)
    return ExitCode.ok
  },
})
