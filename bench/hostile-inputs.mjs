// Hostile inputs (see docs/performance.md, "Hostile inputs"): each case is generated here, never stored,
// and run in a fresh child process so its time and peak RSS are its own.
//   node bench/hostile-inputs.mjs [--write]            after `npm run build`
//   node bench/hostile-inputs.mjs --case NAME          (internal: one case, prints JSON)
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const DOC = new URL('../docs/performance.md', import.meta.url)
const BIN = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url))
const START = '<!-- hostile:start -->'
const END = '<!-- hostile:end -->'
const MB = 1e6
const K64 = 65_536

const { values: args } = parseArgs({
  options: { write: { type: 'boolean', default: false }, case: { type: 'string' } },
})

/** A SQLAlchemy-shaped document of one table with these columns. */
const tableDoc = (columns) => ({ metadata: { tables: [{ name: 't', columns }] } })

/** An object nested `levels` deep. */
function nested(levels) {
  let value = { leaf: true }
  for (let i = 1; i < levels; i++) value = { x: value }
  return value
}

/** Distinct strings of `length` characters, `count` of them, from `make(i)` (padded or cut to length). */
const distinct = (count, length, make) =>
  Array.from({ length: count }, (_, i) => {
    const tail = `_${i}`
    return make(i).slice(0, length - tail.length) + tail
  })

const fill = (unit, length) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length)

// Each case: what it is, the input's size, and a function that builds the input and runs the library
// on it, returning what came out. Sizes are the largest the issue names (50 MB), or at the limits.
const CASES = {
  'deep-keys-4500': {
    what: 'unknown keys nested 4,500 deep, parse',
    run: ({ safeParseSchema }) =>
      parse(safeParseSchema, tableDoc([{ name: 'id', type: 'Integer', info: nested(4500) }])),
  },
  'deep-json-50mb': {
    what: 'JSON text nesting 5,000,000 objects (50 MB), JSON.parse then parse',
    size: 50 * MB,
    run: ({ safeParseSchema }) => {
      const levels = 5_000_000
      const text = `{"metadata": {"tables": [{"name": "t", "columns": [{"name": "id", "type": "Integer", "info": ${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}]}]}}`
      const started = performance.now()
      const doc = JSON.parse(text)
      const jsonMs = performance.now() - started
      return { ...parse(safeParseSchema, doc), note: `JSON.parse alone ${Math.round(jsonMs)} ms` }
    },
  },
  'parens-20mb': {
    what: 'a 20 MB expression of nested parentheses, parse',
    size: 20 * MB,
    run: ({ safeParseSchema }) => {
      const half = 10_000_000
      return parse(
        safeParseSchema,
        tableDoc([{ name: 'id', type: 'Integer', server_default: `${'('.repeat(half)}1${')'.repeat(half)}` }]),
      )
    },
  },
  'type-50mb': {
    what: 'a 50 MB type string, parse',
    size: 50 * MB,
    run: ({ safeParseSchema }) =>
      parse(safeParseSchema, tableDoc([{ name: 'id', type: `VARCHAR(${'9'.repeat(50 * MB - 9)})` }])),
  },
  'types-at-limit-50mb': {
    what: '762 distinct 64 KiB type strings of one-character junk (50 MB), parse',
    size: 762 * K64,
    run: ({ safeParseSchema }) =>
      parse(
        safeParseSchema,
        tableDoc(distinct(762, K64, () => fill('@(', K64)).map((type, i) => ({ name: `c${i}`, type }))),
      ),
  },
  'type-words-at-limit-50mb': {
    what: '762 distinct 64 KiB type strings of one-letter words (50 MB), parse',
    size: 762 * K64,
    run: ({ safeParseSchema }) =>
      parse(
        safeParseSchema,
        tableDoc(distinct(762, K64, () => fill('a ', K64)).map((type, i) => ({ name: `c${i}`, type }))),
      ),
  },
  'collate-at-limit-50mb': {
    what: "762 distinct 64 KiB types 'x collate a collate a ... (' (50 MB), parse",
    size: 762 * K64,
    run: ({ safeParseSchema }) =>
      parse(
        safeParseSchema,
        tableDoc(
          distinct(762, K64, () => `x${fill(' collate a', K64 - 3)} (`).map((type, i) => ({ name: `c${i}`, type })),
        ),
      ),
  },
  'expressions-at-limit-50mb': {
    what: '762 distinct 64 KiB defaults `1 + 1 + ...` (50 MB), parse',
    size: 762 * K64,
    run: ({ safeParseSchema }) => parse(safeParseSchema, sumDefaults(762)),
  },
  'expressions-at-limit-sql-5mb': {
    what: '76 distinct 64 KiB defaults `1 + 1 + ...` (5 MB), parse then createSchemaSQL (PostgreSQL)',
    size: 76 * K64,
    run: ({ safeParseSchema, createSchemaSQL }) => {
      const parsed = parse(safeParseSchema, sumDefaults(76))
      const started = performance.now()
      const statements = createSchemaSQL(parsed.schema, 'postgres')
      return { ...parsed, ms: parsed.ms + (performance.now() - started), note: `${statements.length} statements` }
    },
  },
}

function sumDefaults(count) {
  return tableDoc(
    distinct(count, K64, () => fill('1 + ', K64)).map((server_default, i) => ({
      name: `c${i}`,
      type: 'Integer',
      server_default,
    })),
  )
}

/** Runs safeParseSchema on `doc`: the time, and the outcome in words. */
function parse(safeParseSchema, doc) {
  const started = performance.now()
  const result = safeParseSchema(doc)
  const ms = performance.now() - started
  const outcome = result.success
    ? 'valid'
    : `${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}: ${[...new Set(result.issues.map((i) => i.code))].join(', ')}`
  return { ms, outcome, schema: result.success ? result.data : undefined }
}

/** The CLI cases: the built bin reading a device or a pipe; time and the bin's own peak RSS. */
const CLI_CASES = {
  'cli-dev-zero': { what: '`validate - < /dev/zero`', stdin: '/dev/zero', args: ['validate', '-'] },
  'cli-dev-urandom': { what: '`validate - < /dev/urandom`', stdin: '/dev/urandom', args: ['validate', '-'] },
  'cli-yes': {
    what: '`yes | validate -` (an endless text stream, default 64 MiB limit)',
    stdin: 'yes',
    args: ['validate', '-'],
  },
  'cli-file-dev-zero': {
    what: '`validate /dev/zero` (a file argument)',
    stdin: undefined,
    args: ['validate', '/dev/zero'],
  },
}

const RSS_ON_EXIT =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{try{writeSync(3,String(process.resourceUsage().maxRSS))}catch{}})'

function runCli(spec) {
  return new Promise((resolve, reject) => {
    const fd = spec.stdin !== undefined && spec.stdin !== 'yes' ? openSync(spec.stdin, 'r') : 'ignore'
    const yes = spec.stdin === 'yes' ? spawn('yes', [], { stdio: ['ignore', 'pipe', 'ignore'] }) : undefined
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', RSS_ON_EXIT, BIN, ...spec.args], {
      stdio: [yes ? 'pipe' : fd, 'ignore', 'pipe', 'pipe'],
    })
    if (typeof fd === 'number') closeSync(fd)
    if (yes) {
      child.stdin.on('error', () => undefined)
      yes.stdout.pipe(child.stdin).on('error', () => undefined)
    }
    let stderr = ''
    let rss = ''
    child.stderr.setEncoding('utf8').on('data', (c) => {
      stderr += c
    })
    child.stdio[3].setEncoding('utf8').on('data', (c) => {
      rss += c
    })
    child.on('error', reject)
    child.on('close', (code) => {
      yes?.kill()
      resolve({
        ms: performance.now() - started,
        rssMb: Number(rss) / 1024,
        outcome: `exit ${code}: ${stderr.trim().replace(/^schemaledger validate: /, '')}`,
      })
    })
  })
}

async function child(name) {
  const { safeParseSchema } = await import('../dist/index.js')
  const { createSchemaSQL } = await import('../dist/sql/index.js')
  const spec = CASES[name]
  const { ms, outcome, note } = spec.run({ safeParseSchema, createSchemaSQL })
  process.stdout.write(JSON.stringify({ ms, outcome, note, rssMb: process.resourceUsage().maxRSS / 1024 }))
}

const size = (bytes) => (bytes === undefined ? '' : `${(bytes / MB).toFixed(1)} MB`)
const ms = (t) => (t >= 1000 ? `${(t / 1000).toFixed(2)} s` : `${t < 10 ? t.toFixed(1) : Math.round(t)} ms`)

async function parent() {
  const rows = []
  const load = loadavg()[0].toFixed(1)
  for (const [name, spec] of Object.entries(CASES)) {
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', name], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    })
    if (run.status !== 0) throw new Error(`case ${name} failed:\n${run.stderr}`)
    const result = JSON.parse(run.stdout)
    const outcome = result.note ? `${result.outcome} (${result.note})` : result.outcome
    rows.push(`| ${spec.what} | ${size(spec.size)} | ${outcome} | ${ms(result.ms)} | ${Math.round(result.rssMb)} MB |`)
    process.stderr.write(`${name}: ${ms(result.ms)}, ${Math.round(result.rssMb)} MB\n`)
  }
  for (const [name, spec] of Object.entries(CLI_CASES)) {
    const result = await runCli(spec)
    rows.push(
      `| ${spec.what} | | ${result.outcome.replaceAll('|', '\\|')} | ${ms(result.ms)} | ${Math.round(result.rssMb)} MB |`,
    )
    process.stderr.write(`${name}: ${ms(result.ms)}, ${Math.round(result.rssMb)} MB\n`)
  }
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU'
  const markdown = [
    `Node ${process.version}, ${cpu}, ${cpus().length} cores; one fresh process per case; 1-minute load average ${load} before, ${loadavg()[0].toFixed(1)} after. Times are wall-clock, from the document (or text) in memory to the answer; the CLI rows are the whole process.`,
    '',
    '| Input | Size | Outcome | Time | Peak RSS |',
    '| --- | ---: | --- | ---: | ---: |',
    ...rows,
  ].join('\n')
  process.stdout.write(`${markdown}\n`)
  if (args.write) {
    const doc = readFileSync(DOC, 'utf8')
    const start = doc.indexOf(START)
    const end = doc.indexOf(END)
    if (start < 0 || end < 0) throw new Error(`docs/performance.md has no ${START} ... ${END} section`)
    writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n\n${markdown}\n\n${doc.slice(end)}`)
  }
}

if (args.case) await child(args.case)
else await parent()
