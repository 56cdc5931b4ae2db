// Bundle size of the root entry as a browser app pays it: esbuild, minified, platform browser, zod and
// fast-deep-equal external (the app has its own copy of zod), then gzip -9. Prints the whole entry and
// a few typical imports (tree-shaken: the package has `sideEffects: false`):
//   node scripts/bundle-size.mjs             print the sizes
//   node scripts/bundle-size.mjs --explain   also the 15 largest source files of the whole entry
//   node scripts/bundle-size.mjs --write     also rewrite the section in docs/performance.md
//   node scripts/bundle-size.mjs --check     exit 1 when the whole entry is over BUDGET_BYTES
// test/package/bundle-size.test.ts asserts the budgets with measureBundle().
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** The target for the whole root entry, minified + gzip, zod excluded. */
export const BUDGET_BYTES = 40 * 1024

/** Dependencies a consumer's bundle shares with other code; not counted. */
export const EXTERNAL = ['zod', 'fast-deep-equal']

/** Typical imports, smallest first; `*` is the whole root entry. */
export const IMPORT_SETS = [
  ['parse + diff', 'parseSchema, diffSchemas, serializeSchema'],
  ['parse + diff + reports (text, Markdown, JSON)', 'parseSchema, diffSchemas, formatText, formatMarkdown, formatJson'],
  ['parse + diff + SQL (all dialects)', 'parseSchema, diffSchemas, planMigration, toSQL'],
  ['parse + diff + impact analysis', 'parseSchema, diffSchemas, analyzeImpact'],
  ['whole root entry', '*'],
]

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DOC = new URL('../docs/performance.md', import.meta.url)
const START = '<!-- bundle-size:start -->'
const END = '<!-- bundle-size:end -->'

/**
 * Bundles `names` (comma-separated, or `*`) imported from src/index.ts and returns the minified and
 * gzipped sizes in bytes and the bytes each source file contributes, largest first.
 */
export async function measureBundle(names = '*') {
  const contents = names === '*' ? "export * from './src/index.ts'" : `export { ${names} } from './src/index.ts'`
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: 'bundle-size-entry.ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    external: EXTERNAL,
    metafile: true,
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0].contents
  const [output] = Object.values(result.metafile.outputs)
  const inputs = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || (a.file < b.file ? -1 : 1))
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, inputs }
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

/** Minified bytes per source directory (`src/impact/rules`), largest first. */
export function bytesByDirectory(inputs) {
  const byDir = new Map()
  for (const i of inputs) {
    const dir = i.file.split('/').slice(0, -1).join('/')
    byDir.set(dir, (byDir.get(dir) ?? 0) + i.bytes)
  }
  return [...byDir].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

/** The Markdown between the markers in docs/performance.md. */
export function renderSection(rows, nodeVersion = process.version) {
  const whole = rows.find((r) => r.names === '*')
  const verdict =
    whole.gzip <= BUDGET_BYTES
      ? `under the ${kb(BUDGET_BYTES)} budget`
      : `**over** the ${kb(BUDGET_BYTES)} budget by ${kb(whole.gzip - BUDGET_BYTES)}`
  return [
    `Measured with esbuild (minify, platform browser, ES2022) and gzip -9 on Node ${nodeVersion}; zod excluded`,
    `(zod and fast-deep-equal are external: the app bundles them once for everything that uses them).`,
    '',
    '| Import | Minified | Minified + gzip |',
    '| --- | ---: | ---: |',
    ...rows.map((r) => `| ${r.label} | ${kb(r.minified)} | ${kb(r.gzip)} |`),
    '',
    `The whole root entry is ${kb(whole.gzip)} minified + gzip, zod excluded: ${verdict}.`,
    '',
    'Where its bytes come from (minified, before gzip, from the esbuild metafile):',
    '',
    '| Directory | Minified |',
    '| --- | ---: |',
    ...bytesByDirectory(whole.inputs).map(([dir, bytes]) => `| \`${dir}/\` | ${kb(bytes)} |`),
  ].join('\n')
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  })
  const rows = []
  for (const [label, names] of IMPORT_SETS) rows.push({ label, names, ...(await measureBundle(names)) })
  for (const r of rows)
    console.log(`${r.label.padEnd(48)} ${kb(r.minified).padStart(9)} min ${kb(r.gzip).padStart(8)} gzip`)
  const whole = rows.find((r) => r.names === '*')
  console.log(`root entry: ${kb(whole.gzip)} minified + gzip (zod excluded), budget ${kb(BUDGET_BYTES)}`)
  if (args.explain) {
    console.log('\nwhole entry by directory (minified bytes before gzip):')
    for (const [dir, bytes] of bytesByDirectory(whole.inputs)) console.log(`  ${kb(bytes).padStart(8)}  ${dir}/`)
    console.log('\nlargest source files:')
    for (const i of whole.inputs.slice(0, 15)) console.log(`  ${kb(i.bytes).padStart(8)}  ${i.file}`)
  }
  if (args.write) {
    const doc = readFileSync(DOC, 'utf8')
    const start = doc.indexOf(START)
    const end = doc.indexOf(END)
    if (start < 0 || end < start) throw new Error(`docs/performance.md lacks the ${START} / ${END} markers`)
    writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n\n${renderSection(rows)}\n\n${doc.slice(end)}`)
    console.log('updated docs/performance.md')
  }
  if (args.check && whole.gzip > BUDGET_BYTES) {
    console.error(`root entry is over budget: ${kb(whole.gzip)} > ${kb(BUDGET_BYTES)}`)
    process.exitCode = 1
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
