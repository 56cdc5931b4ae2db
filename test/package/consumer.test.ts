import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { build, type Plugin } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A consumer's view of the published package: pack it, install the tarball into a fresh project
// (dependencies from the registry or its cache), then use every entry the way users do: ESM, CJS,
// the node entry, TypeScript under node16 and bundler resolution, a browser bundle, and the bin.
// Reads dist/: run `npm run build` first (`npm test` does).

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
const exec = promisify(execFile)

// npm's own lifecycle variables (set when this runs under `npm test`) would make the nested npm act
// for the repository instead of the temporary project.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))

async function run(cmd: string, args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await exec(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 })
    return stdout
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`)
  }
}

async function registryProblem(): Promise<string | undefined> {
  const registry = (await run('npm', ['config', 'get', 'registry'], ROOT)).trim() || 'https://registry.npmjs.org/'
  try {
    const res = await fetch(new URL('zod', registry), { method: 'HEAD', signal: AbortSignal.timeout(8000) })
    return res.ok ? undefined : `the npm registry ${registry} answered ${res.status}`
  } catch (error) {
    return `the npm registry ${registry} is unreachable (${(error as Error).message})`
  }
}

const skipReason = await registryProblem()
const title = 'installed from the packed tarball'

const USERS = { name: 'id', type: 'Integer', primary_key: true }
const FROM = { metadata: { tables: [{ name: 'users', columns: [USERS] }] } }
const TO = {
  metadata: {
    tables: [{ name: 'users', columns: [USERS, { name: 'email', type: 'VARCHAR(120)', nullable: false }] }],
  },
}
const DOCS = `const FROM = ${JSON.stringify(FROM)}\nconst TO = ${JSON.stringify(TO)}\n`

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
  'esm.mjs': `import { diffSchemas, parseSchema } from 'schemaledger'
import { planMigration, toSQL } from 'schemaledger/sql'
${DOCS}const diff = diffSchemas(parseSchema(FROM), parseSchema(TO))
console.log(diff.changes.map((c) => c.kind + ' ' + c.path).join('\\n'))
console.log(toSQL(planMigration(diff, { dialect: 'postgres' })))
`,
  'cjs.cjs': `const { diffSchemas, parseSchema } = require('schemaledger')
const { assertSchemaEqual } = require('schemaledger/testing')
const { fileAdapter } = require('schemaledger/node')
const { analyzeImpact } = require('schemaledger/impact')
${DOCS}const a = parseSchema({ metadata: { tables: [{ name: 't', columns: [{ name: 'id', type: 'int4' }] }] } })
const b = parseSchema({ metadata: { tables: [{ name: 't', columns: [{ name: 'id', type: 'integer' }] }] } })
assertSchemaEqual(a, b)
try { assertSchemaEqual(parseSchema(FROM), parseSchema(TO)) } catch (e) { console.log(e.name + ': ' + e.message.split('\\n')[0]) }
const diff = diffSchemas(parseSchema(FROM), parseSchema(TO))
console.log(diff.changes.length, typeof fileAdapter, analyzeImpact(diff, { dialect: 'postgres' }).findings[0].code)
`,
  'node-entry.mjs': `import { createSchemaStore, parseSchema } from 'schemaledger'
import { fileAdapter } from 'schemaledger/node'
${DOCS}const store = createSchemaStore({ adapter: fileAdapter({ dir: '.schemaledger' }) })
const saved = await store.save('app', parseSchema(FROM), { message: 'first' })
const loaded = await store.load('app', 'latest')
console.log('saved v' + saved.version + ', loaded ' + loaded.schema.tables.map((t) => t.name).join(','))
`,
  'browser-entry.js': `import { diffSchemas, parseSchema } from 'schemaledger'
${DOCS}console.log(diffSchemas(parseSchema(FROM), parseSchema(TO)).summary.total)
`,
  // One program for every TypeScript setup. The @ts-expect-error line fails the check if the
  // declarations resolve to `any`, so a passing check proves they were found and used.
  'types.ts': `import { type Schema, type SchemaDiff, diffSchemas, parseSchema } from 'schemaledger'
import { assertSchemaEqual, type SchemaLike } from 'schemaledger/testing'
import { type FileAdapterOptions, fileAdapter } from 'schemaledger/node'
import { type Migration, planMigration } from 'schemaledger/sql'
const schema: Schema = parseSchema({ metadata: { tables: [] } })
const diff: SchemaDiff = diffSchemas(schema, schema)
const like: SchemaLike = schema
assertSchemaEqual(like, schema)
const options: FileAdapterOptions = { dir: '.schemaledger' }
// @ts-expect-error diffSchemas takes two schemas
diffSchemas(1, 2)
const migration: Migration = planMigration(diff, { dialect: 'postgres' })
export const used = [diff.changes.length, fileAdapter(options), migration.up.length]
`,
}

const tsconfig = (module: string, moduleResolution: string, files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      module,
      moduleResolution,
      target: 'es2022',
      lib: ['es2022'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    },
    files,
  })

const forbidNodeBuiltins: Plugin = {
  name: 'forbid-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|os|crypto|child_process|url|util|zlib)$/ }, (args) => ({
      errors: [{ text: `the browser bundle imports the Node built-in "${args.path}" from ${args.importer}` }],
    }))
  },
}

describe.skipIf(skipReason !== undefined)(skipReason ? `${title} (skipped: ${skipReason})` : title, () => {
  let project = ''

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/index.js'))) throw new Error('dist/ is missing: run `npm run build` first')
    project = mkdtempSync(join(tmpdir(), 'schemaledger-consumer-'))
    const packed = JSON.parse(
      await run('npm', ['pack', '--json', '--pack-destination', project, '--loglevel', 'error'], ROOT),
    ) as { filename: string }[]
    const tarball = join(project, packed[0]?.filename ?? '')
    for (const [file, text] of Object.entries(FILES)) writeFileSync(join(project, file), text)
    // The same program as ESM and CJS under node16; bundler resolution has no `node` condition, so
    // it also proves that ./node's types resolve there.
    writeFileSync(join(project, 'types.mts'), FILES['types.ts'] ?? '')
    writeFileSync(join(project, 'types.cts'), FILES['types.ts'] ?? '')
    writeFileSync(join(project, 'tsconfig.node16.json'), tsconfig('node16', 'node16', ['types.mts', 'types.cts']))
    writeFileSync(join(project, 'tsconfig.bundler.json'), tsconfig('esnext', 'bundler', ['types.ts']))
    writeFileSync(join(project, 'tsconfig.node10.json'), tsconfig('commonjs', 'node10', ['types.ts']))
    await run(
      'npm',
      ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'],
      project,
    )
  }, 120_000)

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true })
  })

  it('imports the root and ./sql from ESM', async () => {
    expect(await run(process.execPath, ['esm.mjs'], project)).toBe(
      'add_column users.email\n-- schemaledger migration: postgres, up\nBEGIN;\nALTER TABLE "users" ADD COLUMN "email" varchar(120) NOT NULL;\nCOMMIT;\n\n',
    )
  })

  it('requires the root, ./testing, ./node and ./impact from CJS', async () => {
    expect(await run(process.execPath, ['cjs.cjs'], project)).toBe(
      'AssertionError: Schemas differ: 1 change (tables ~1, columns -1)\n1 function BC006\n',
    )
  })

  it('uses schemaledger/node under Node', async () => {
    expect(await run(process.execPath, ['node-entry.mjs'], project)).toBe('saved v1, loaded users\n')
  })

  it('type-checks with moduleResolution node16 (ESM and CJS files)', async () => {
    expect(await run(process.execPath, [TSC, '-p', 'tsconfig.node16.json'], project)).toBe('')
  })

  it('type-checks with moduleResolution bundler', async () => {
    expect(await run(process.execPath, [TSC, '-p', 'tsconfig.bundler.json'], project)).toBe('')
  })

  it('type-checks with the legacy moduleResolution node10 (subpaths through typesVersions)', async () => {
    expect(await run(process.execPath, [TSC, '-p', 'tsconfig.node10.json'], project)).toBe('')
  })

  it('bundles the root entry for the browser with no node: import, and the bundle runs', async () => {
    const outfile = join(project, 'browser-bundle.mjs')
    await build({
      entryPoints: [join(project, 'browser-entry.js')],
      absWorkingDir: project,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      outfile,
      logLevel: 'silent',
      plugins: [forbidNodeBuiltins],
    })
    expect(readFileSync(outfile, 'utf8')).not.toMatch(/["']node:/)
    expect(await run(process.execPath, [outfile], project)).toBe('1\n')
  })

  it('does not resolve schemaledger/node in a browser bundle', async () => {
    const failure = await build({
      stdin: { contents: "import 'schemaledger/node'", resolveDir: project },
      bundle: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
    }).then(
      () => 'resolved',
      (error: { errors: { text: string }[] }) => error.errors[0]?.text,
    )
    expect(failure).toBe('Could not resolve "schemaledger/node"')
  })

  it('runs the bin: npx schemaledger --version', async () => {
    expect((await run('npx', ['--no', '--', 'schemaledger', '--version'], project)).trim()).toBe(VERSION)
  })
})
