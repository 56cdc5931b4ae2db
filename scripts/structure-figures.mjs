// The figures of the layout of src/ that docs/architecture.md shows (issue 17's closing note): lines
// of source per top-level folder, runtime exports per package entry, and cycles between top-level
// folders, for the working tree and for the commits before the restructuring (read from git).
//   node scripts/structure-figures.mjs           print the figures
//   node scripts/structure-figures.mjs --write   also rewrite them in docs/architecture.md
// test/package/structure-figures.test.ts checks that the figures in the docs are the measured ones.
// Exports are read from the entries' source (export statements, followed through `export *`), so a
// commit can be measured without building it; the test checks them against test/package/exports.json.
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
export const DOC = 'docs/architecture.md'
const START = '<!-- structure-figures:start -->'
const END = '<!-- structure-figures:end -->'

/** The commits compared with the working tree, oldest first: [commit, what it was]. */
export const BASELINES = [
  ['59531f1', 'before issue 17', 'main before the model was described once'],
  ['8513992', 'before the layering', 'main before the dialect folders, the sql-text leaf and the layering test'],
]

/** A source tree: the working tree, or a commit read through `git cat-file`. */
function workingTree() {
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else files.push(path)
    }
  }
  walk('src')
  return { files: files.sort(), read: (path) => readFileSync(join(ROOT, path), 'utf8') }
}

function git(args, input) {
  const out = spawnSync('git', args, { cwd: ROOT, input, maxBuffer: 1 << 28 })
  if (out.status !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr.toString()}`)
  return out.stdout
}

/** Whether `rev` is in this clone's history (a shallow clone may lack it). */
export function hasCommit(rev) {
  return spawnSync('git', ['cat-file', '-e', `${rev}^{commit}`], { cwd: ROOT }).status === 0
}

function commitTree(rev) {
  const files = git(['ls-tree', '-r', '--name-only', rev, '--', 'src', 'tsup.config.ts'])
    .toString()
    .split('\n')
    .filter(Boolean)
  // One git process for every blob: `<rev>:<path>` in, `<sha> blob <size>\n<bytes>\n` out.
  const batch = git(['cat-file', '--batch'], files.map((f) => `${rev}:${f}`).join('\n') + '\n')
  const texts = new Map()
  let at = 0
  for (const file of files) {
    const eol = batch.indexOf(10, at)
    const size = Number(batch.subarray(at, eol).toString().split(' ')[2])
    texts.set(file, batch.subarray(eol + 1, eol + 1 + size).toString('utf8'))
    at = eol + 1 + size + 1
  }
  return {
    files: files.filter((f) => f.startsWith('src/')),
    read: (path) => {
      const text = texts.get(path)
      if (text === undefined) throw new Error(`${rev}: no ${path}`)
      return text
    },
  }
}

const isSource = (f) => /\.(ts|mts|cts)$/.test(f) && !f.endsWith('.d.ts')

/** The top-level folder of a src/ path; a file directly in src/ is its own unit (`index`, `errors`). */
const topFolder = (path) => {
  const rest = path.slice('src/'.length)
  return rest.includes('/') ? rest.split('/')[0] : rest.replace(/\.(ts|js)$/, '')
}

const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

const IMPORT =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm

/** Resolves a relative specifier of `from` to a source path of the tree. */
function resolveSpec(tree, from, spec) {
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.(js|ts)$/, '')
  return [`${base}.ts`, `${base}/index.ts`].find((p) => tree.files.includes(p)) ?? `${base}.ts`
}

function linesPerFolder(tree) {
  const out = new Map()
  for (const f of tree.files.filter(isSource)) {
    out.set(topFolder(f), (out.get(topFolder(f)) ?? 0) + tree.read(f).split('\n').length)
  }
  return out
}

function folderGraph(tree) {
  const graph = new Map()
  for (const f of tree.files.filter(isSource)) {
    const a = topFolder(f)
    if (!graph.has(a)) graph.set(a, new Set())
    for (const m of withoutComments(tree.read(f)).matchAll(IMPORT)) {
      const spec = m[3] ?? m[4]
      if (!spec?.startsWith('.')) continue
      const b = topFolder(resolveSpec(tree, f, spec))
      if (a !== b) graph.get(a).add(b)
    }
  }
  return graph
}

/** Groups of folders that import each other, directly or through others (Tarjan's components). */
function folderCycles(graph) {
  let index = 0
  const stack = []
  const on = new Set()
  const idx = new Map()
  const low = new Map()
  const out = []
  const visit = (v) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v), low.get(w)))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)))
    }
    if (low.get(v) === idx.get(v)) {
      const component = []
      let w
      do {
        w = stack.pop()
        on.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1) out.push(component.sort())
    }
  }
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v)
  return out.sort((a, b) => a[0].localeCompare(b[0]))
}

/** The package entries as tsup builds them: subpath -> source file. */
function entries(tree) {
  const config = readConfig(tree)
  const block = config.slice(config.indexOf('entry:'), config.indexOf('}', config.indexOf('entry:')))
  const out = new Map()
  for (const m of block.matchAll(/['"]?([\w/-]+)['"]?\s*:\s*['"](src\/[^'"]+)['"]/g)) {
    const name = m[1] === 'index' ? '.' : `./${m[1].replace(/\/index$/, '')}`
    out.set(name, m[2])
  }
  return out
}

const readConfig = (tree) => (tree.config ??= tree.read('tsup.config.ts'))

const DECLARED =
  /^\s*export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|enum|abstract\s+class)\s+([\w$]+)/gm

/** The runtime names a module exports: declarations, `export { ... }` lists, `export *` followed. */
function runtimeExports(tree, file, seen = new Set()) {
  if (seen.has(file)) return new Set()
  seen.add(file)
  const text = withoutComments(tree.read(file))
  const names = new Set()
  for (const m of text.matchAll(DECLARED)) names.add(m[1])
  for (const m of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*['"]([^'"]+)['"])?/g)) {
    if (m[1]) continue
    for (const part of m[2].split(',').map((p) => p.trim())) {
      if (!part || part.startsWith('type ')) continue
      names.add(part.split(/\s+as\s+/).pop())
    }
  }
  for (const m of text.matchAll(/export\s+\*\s+as\s+([\w$]+)\s+from/g)) names.add(m[1])
  for (const m of text.matchAll(/export\s+\*\s+from\s*['"]([^'"]+)['"]/g)) {
    for (const n of runtimeExports(tree, resolveSpec(tree, file, m[1]), seen)) if (n !== 'default') names.add(n)
  }
  return names
}

/** Every figure of one tree. */
export function measure(tree) {
  const exportsPerEntry = new Map([...entries(tree)].map(([name, file]) => [name, runtimeExports(tree, file).size]))
  return { lines: linesPerFolder(tree), exports: exportsPerEntry, cycles: folderCycles(folderGraph(tree)) }
}

export const measureWorkingTree = () => measure(workingTree())
export const measureCommit = (rev) => measure(commitTree(rev))

const total = (map) => [...map.values()].reduce((a, b) => a + b, 0)
const cell = (map, key) => (map.has(key) ? String(map.get(key)) : '—')

/** The Markdown block of docs/architecture.md: one column per baseline, then the working tree. */
export function figuresBlock(columns) {
  const heads = columns.map((c) => c.head)
  const row = (name, values) => `| ${name} | ${values.join(' | ')} |`
  const header = [
    row('', heads),
    row(
      '---',
      heads.map(() => '---:'),
    ),
  ]
  const folders = [...new Set(columns.flatMap((c) => [...c.figures.lines.keys()]))].sort()
  const entryNames = [...new Set(columns.flatMap((c) => [...c.figures.exports.keys()]))].sort()
  const cycles = (c) => (c.figures.cycles.length === 0 ? 'none' : c.figures.cycles.map((g) => g.join(' ↔ ')).join('; '))
  return [
    START,
    '<!-- written by node scripts/structure-figures.mjs --write; checked by test/package/structure-figures.test.ts -->',
    '',
    'Lines of source (`.ts` files, blank and comment lines included) per top-level folder of `src/`:',
    '',
    ...header,
    ...folders.map((f) =>
      row(
        `\`${f}\``,
        columns.map((c) => cell(c.figures.lines, f)),
      ),
    ),
    row(
      '**total**',
      columns.map((c) => `**${total(c.figures.lines)}**`),
    ),
    '',
    'Runtime exports per package entry (types not counted):',
    '',
    ...header,
    ...entryNames.map((e) =>
      row(
        `\`${e}\``,
        columns.map((c) => cell(c.figures.exports, e)),
      ),
    ),
    row(
      '**total**',
      columns.map((c) => `**${total(c.figures.exports)}**`),
    ),
    '',
    'Cycles between top-level folders (groups of folders that import each other, directly or through others):',
    '',
    ...columns.map((c) => `- ${c.head}: ${cycles(c)}`),
    '',
    'The commits measured:',
    '',
    ...columns.filter((c) => c.about).map((c) => `- ${c.head}: ${c.about}.`),
    END,
  ].join('\n')
}

/** The columns: each baseline commit (when this clone has it), then the working tree. */
export function columns({ baselines = true } = {}) {
  const out = []
  if (baselines) {
    for (const [rev, what, more] of BASELINES) {
      if (!hasCommit(rev)) throw new Error(`commit ${rev} (${what}) is not in this clone's history`)
      out.push({ head: `\`${rev}\` ${what}`, about: more, figures: measureCommit(rev) })
    }
  }
  out.push({ head: 'now', figures: measureWorkingTree() })
  return out
}

/** The figures block as docs/architecture.md holds it now. */
export function documentedBlock() {
  const doc = readFileSync(join(ROOT, DOC), 'utf8')
  const start = doc.indexOf(START)
  const end = doc.indexOf(END)
  if (start < 0 || end < 0) throw new Error(`${DOC}: no ${START} ... ${END} block`)
  return doc.slice(start, end + END.length)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false } } })
  const block = figuresBlock(columns())
  console.log(block)
  if (values.write) {
    const doc = readFileSync(join(ROOT, DOC), 'utf8')
    writeFileSync(join(ROOT, DOC), doc.replace(documentedBlock(), block))
    console.log(`\nwrote ${DOC}`)
  }
}
