import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

// Dialect names are a union of the names the library knows, so a misspelt one is a compile error
// rather than a run-time one. Each case is compiled, strictly, against the sources.

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'schemaledger-dialect-types-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: true,
  noEmit: true,
}

const HEADER = [
  `import { diffSchemas, parseSchema } from ${JSON.stringify(join(SRC, 'index.js'))}`,
  `import { createSchemaSQL, planMigration, resolveDialect } from ${JSON.stringify(join(SRC, 'sql/index.js'))}`,
  `import { analyzeImpact, lintSchema } from ${JSON.stringify(join(SRC, 'impact/index.js'))}`,
  `import { introspect } from ${JSON.stringify(join(SRC, 'introspect/index.js'))}`,
  'const schema = parseSchema({ metadata: { tables: [] } })',
  'const diff = diffSchemas(schema, schema)',
  'const query = async () => []',
  'export {}',
]

const CASES: Readonly<Record<string, string>> = {
  'planMigration(diff, { dialect })': "planMigration(diff, { dialect: '%' })",
  'createSchemaSQL(schema, dialect)': "createSchemaSQL(schema, '%')",
  'analyzeImpact(diff, { dialect })': "analyzeImpact(diff, { dialect: '%' })",
  'lintSchema(schema, { dialect })': "lintSchema(schema, { dialect: '%' })",
  'introspect(query, { dialect })': "void introspect(query, { dialect: '%' })",
  'resolveDialect(name)': "resolveDialect('%')",
}

const NAMES = ['postgress', 'postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite'] as const

/** The compiler's errors for each case, by dialect name written and case; one program for all. */
function compileAll(): Record<string, Record<string, string[]>> {
  const cases = Object.entries(CASES)
  const files = new Map<string, string>(NAMES.map((name) => [join(dir, `${name}.mts`), name]))
  for (const [file, name] of files)
    writeFileSync(file, [...HEADER, ...cases.map(([, line]) => line.replace('%', name))].join('\n'))
  const program = ts.createProgram([...files.keys()], OPTIONS)
  const errors: Record<string, Record<string, string[]>> = Object.fromEntries(
    NAMES.map((name) => [name, Object.fromEntries(cases.map(([c]) => [c, []]))]),
  )
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file ? files.get(d.file.fileName) : undefined
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ')
    if (!d.file || name === undefined || d.start === undefined) throw new Error(`${d.file?.fileName}: ${text}`)
    const line = d.file.getLineAndCharacterOfPosition(d.start).line - HEADER.length
    const [title] = cases[line] ?? [`header line ${line + HEADER.length + 1}`]
    const byCase = errors[name] ?? {}
    byCase[title] = [...(byCase[title] ?? []), text]
    errors[name] = byCase
  }
  return errors
}

describe('dialect names are typed as a union', () => {
  const errors = compileAll()

  it('a misspelt name does not compile, in every function that takes one', () => {
    for (const [title, messages] of Object.entries(errors.postgress ?? {})) {
      expect(messages, title).toHaveLength(1)
      expect(messages[0], title).toContain('"postgress"')
    }
  })

  it.each(NAMES.slice(1))('%s compiles', (name) => {
    expect(errors[name]).toEqual(Object.fromEntries(Object.keys(CASES).map((c) => [c, []])))
  })
})
