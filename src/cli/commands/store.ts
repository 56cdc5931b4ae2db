import { diffSchemas } from '../../dialects/diff-schemas.js'
import { serializeSchema } from '../../model/serialize-schema.js'
import { redactUrl } from '../../sources/redact-url.js'
import type { VersionInfo } from '../../storage/store-types.js'
import { CliInputError, UsageError } from '../cli-errors.js'
import type { CliIO } from '../cli-io.js'
import { toCliWords } from '../cli-words.js'
import { type CommandGroup, defineCommand } from '../command.js'
import { MAX_INPUT_OPTION, OUTPUT_OPTION, SQL_INPUT_OPTIONS, sqlInputOf } from '../common-options.js'
import { DIFF_REPORT_OPTIONS, diffOptionsOf, writeDiffReport } from '../diff-report.js'
import { ExitCode } from '../exit-codes.js'
import { storeKind } from '../open-store-adapter.js'
import { createDocumentReader, type DocumentReader } from '../read-document.js'
import { writeOutput } from '../write-output.js'
import { copyCommand } from './store-copy.js'

const STORE_DIR = {
  store: {
    type: 'string',
    value: 'dir|url',
    default: '.schemaledger',
    description: 'the store: a directory, or a postgres://, mysql://, redis:// or sqlite: URL',
  },
} as const

const FORMAT = {
  format: {
    type: 'string',
    value: 'format',
    choices: ['text', 'json'],
    default: 'text',
    description: 'text, or JSON on standard output',
  },
} as const

async function withReader<T>(
  io: CliIO,
  values: { readonly store: string; readonly 'max-input-size'?: string | undefined } & Parameters<typeof sqlInputOf>[0],
  body: (reader: DocumentReader) => Promise<T>,
): Promise<T> {
  const reader = createDocumentReader(io, {
    storeDir: values.store,
    maxInputSize: values['max-input-size'],
    sql: sqlInputOf(values),
  })
  try {
    return await body(reader)
  } finally {
    await reader.dispose()
  }
}

const short = (hash: string) => hash.slice(0, 12)

/** The store as messages show it: a URL without its password. */
const storeName = (store: string) => (storeKind(store) === 'directory' ? store : redactUrl(store))

/**
 * One version as a line of `store list`: number, short hash, date, tags, message.
 *
 * @example
 * ```ts
 * versionLine(info) // 'v2  19080bbe3dae  2024-05-01T12:00:00.000Z  [prod]  add invoices'
 * ```
 */
export function versionLine(v: VersionInfo): string {
  const tags = v.tags.length > 0 ? `  [${v.tags.join(', ')}]` : ''
  const author = v.author ? `  (${v.author})` : ''
  return `v${v.version}  ${short(v.hash)}  ${v.createdAt}${tags}${v.message ? `  ${v.message}` : ''}${author}`
}

const jsonInfo = (v: VersionInfo) => ({
  name: v.name,
  version: v.version,
  hash: v.hash,
  createdAt: v.createdAt,
  message: v.message,
  tags: v.tags,
  ...(v.author ? { author: v.author } : {}),
})

const saveCommand = defineCommand({
  name: 'store save',
  summary: 'save a document as the next version of a name',
  usage: ['store save <doc> --name <name> [--message <text>] [--tag <tag>]...'],
  description:
    'Saves the schema as the next version of <name> (v1, v2, ...) with a content hash. Saving a schema\n' +
    'identical to the latest version creates nothing (tags still move to it).',
  arguments: [['<doc>', 'a path, - for standard input, or store:name@ref']],
  positionals: { min: 1, max: 1 },
  options: {
    name: { type: 'string', value: 'name', description: 'the schema name (required)' },
    message: { type: 'string', short: 'm', value: 'text', description: 'what changed and why' },
    tag: { type: 'string', multiple: true, value: 'tag', description: 'point this tag at the saved version' },
    author: { type: 'string', value: 'who', description: 'who saved it' },
    ...FORMAT,
    ...STORE_DIR,
    ...MAX_INPUT_OPTION,
    ...SQL_INPUT_OPTIONS,
  },
  examples: [
    ['Record a release', 'store save schema.json --name app --message "add invoices" --tag release-7'],
    [
      'Record what production runs',
      'introspect --url "$DATABASE_URL" | schemaledger store save - --name app --tag prod',
    ],
  ],
  async run({ positionals, values, io }) {
    const name = values.name
    if (!name) throw new UsageError('--name is required')
    return withReader(io, values, async (reader) => {
      const { schema } = await reader.read(positionals[0] ?? '')
      const store = reader.store()
      const before = (await store.history(name)).at(-1)?.version ?? 0
      const info = await store.save(name, schema, {
        ...(values.message ? { message: values.message } : {}),
        ...(values.tag.length > 0 ? { tags: values.tag } : {}),
        ...(values.author ? { author: values.author } : {}),
      })
      const tags = info.tags.length > 0 ? ` [${info.tags.join(', ')}]` : ''
      if (values.format === 'json') {
        io.write(`${JSON.stringify({ ...jsonInfo(info), created: info.version > before }, null, 2)}\n`)
        return ExitCode.ok
      }
      io.write(
        info.version > before
          ? `saved ${name} v${info.version} (${short(info.hash)})${tags}\n`
          : `unchanged: ${name} v${info.version} (${short(info.hash)}) is identical${tags}\n`,
      )
      return ExitCode.ok
    })
  },
})

const listCommand = defineCommand({
  name: 'store list',
  summary: 'the names in the store, or the versions of one name',
  usage: ['store list [name] [--format text|json]'],
  description: 'Without a name, lists every name with its latest version; with one, every version, oldest first.',
  arguments: [['[name]', 'a schema name']],
  positionals: { min: 0, max: 1 },
  options: { ...FORMAT, ...STORE_DIR },
  examples: [
    ['What the store holds', 'store list'],
    ['The history of one schema', 'store list app'],
  ],
  async run({ positionals, values, io }) {
    return withReader(io, values, async (reader) => {
      const store = reader.store()
      const name = positionals[0]
      if (name !== undefined) {
        const history = await store.history(name)
        if (history.length === 0)
          throw new CliInputError(
            'version_not_found',
            `no versions of ${JSON.stringify(name)} in ${storeName(values.store)}`,
          )
        io.write(
          values.format === 'json'
            ? `${JSON.stringify(history.map(jsonInfo), null, 2)}\n`
            : `${history.map(versionLine).join('\n')}\n`,
        )
        return ExitCode.ok
      }
      const latest = await Promise.all(
        (await store.names()).map(async (n) => ({ name: n, history: await store.history(n) })),
      )
      if (values.format === 'json') {
        const rows = latest.map((l) => ({
          name: l.name,
          versions: l.history.length,
          latest: jsonInfo(l.history.at(-1)!),
        }))
        io.write(`${JSON.stringify(rows, null, 2)}\n`)
      } else if (latest.length === 0) {
        io.write(`no schemas in ${storeName(values.store)}\n`)
      } else {
        const width = Math.max(...latest.map((l) => l.name.length))
        for (const l of latest)
          io.write(
            `${l.name.padEnd(width)}  ${l.history.length} version${l.history.length === 1 ? '' : 's'}, latest ${versionLine(l.history.at(-1)!)}\n`,
          )
      }
      return ExitCode.ok
    })
  },
})

const showCommand = defineCommand({
  name: 'store show',
  summary: 'print a stored version as canonical JSON',
  usage: ['store show <name>[@ref] [-o doc.json]'],
  description:
    'Prints the schema of a version (default latest) in canonical form. ref is a version number, latest,\n' +
    'a tag, or a hash prefix of at least 6 characters.',
  arguments: [['<name>[@ref]', 'e.g. app, app@3, app@prod, app@19080b']],
  positionals: { min: 1, max: 1 },
  options: { ...OUTPUT_OPTION, ...STORE_DIR },
  examples: [
    ['What production runs', 'store show app@prod'],
    ['Check out version 3', 'store show app@3 -o schema.json'],
  ],
  async run({ positionals, values, io }) {
    return withReader(io, values, async (reader) => {
      const { schema } = await reader.read(`store:${positionals[0] ?? ''}`)
      await writeOutput(io, serializeSchema(schema), values.output)
      return ExitCode.ok
    })
  },
})

const storeDiffCommand = defineCommand({
  name: 'store diff',
  summary: 'what changed between two versions of a name',
  usage: ['store diff <name> <ref1> <ref2> [--format text|markdown|json|html] [--dialect <name>]'],
  description: 'The report of diff, between two stored versions of one name (same flags as diff).',
  arguments: [
    ['<name>', 'a schema name'],
    ['<ref1>', 'the older version: number, latest, tag or hash prefix'],
    ['<ref2>', 'the newer version'],
  ],
  positionals: { min: 3, max: 3 },
  options: { ...DIFF_REPORT_OPTIONS, ...STORE_DIR, ...MAX_INPUT_OPTION, ...SQL_INPUT_OPTIONS },
  examples: [
    ['What the next deploy changes', 'store diff app prod latest --dialect postgres'],
    ['Between two releases, as JSON', 'store diff app release-6 release-7 --format json'],
  ],
  async run({ positionals, values, io }) {
    const [name = '', a = '', b = ''] = positionals
    return withReader(io, values, async (reader) => {
      const from = (await reader.read(`store:${name}@${a}`)).schema
      const to = (await reader.read(`store:${name}@${b}`)).schema
      const diff = diffSchemas(from, to, await diffOptionsOf(values, reader))
      return writeDiffReport(io, 'store diff', diff, from, to, values)
    })
  },
})

const tagCommand = defineCommand({
  name: 'store tag',
  summary: 'point a tag at a version',
  usage: ['store tag <name> <ref> <tag>'],
  description: 'Points <tag> at a version of <name>, moving it if it pointed elsewhere.',
  arguments: [
    ['<name>', 'a schema name'],
    ['<ref>', 'the version: number, latest, tag or hash prefix'],
    ['<tag>', 'the tag (not all digits, not latest, not a hash prefix)'],
  ],
  positionals: { min: 3, max: 3 },
  options: { ...FORMAT, ...STORE_DIR },
  examples: [['Mark what was deployed', 'store tag app latest prod']],
  async run({ positionals, values, io }) {
    const [name = '', ref = '', tag = ''] = positionals
    return withReader(io, values, async (reader) => {
      const info = await reader.store().tag(name, ref, tag)
      if (values.format === 'json') {
        io.write(`${JSON.stringify({ ...jsonInfo(info), tag }, null, 2)}\n`)
        return ExitCode.ok
      }
      io.write(`tagged ${name} v${info.version} (${short(info.hash)}) as ${tag}\n`)
      return ExitCode.ok
    })
  },
})

const verifyCommand = defineCommand({
  name: 'store verify',
  summary: 'check every version and tag file of the store',
  usage: ['store verify [name]'],
  description: 'Checks checksums, hashes and tags; prints each damaged file on standard error and exits 1.',
  arguments: [['[name]', 'only this schema name']],
  positionals: { min: 0, max: 1 },
  options: { ...FORMAT, ...STORE_DIR },
  examples: [['In CI, before trusting the store', 'store verify']],
  async run({ positionals, values, io }) {
    return withReader(io, values, async (reader) => {
      const problems = await reader.store().verify(positionals[0])
      if (values.format === 'json') {
        const list = problems.map((p) => ({ location: p.location, reason: p.reason, message: toCliWords(p.message) }))
        io.write(`${JSON.stringify({ ok: problems.length === 0, problems: list }, null, 2)}\n`)
        return problems.length === 0 ? ExitCode.ok : ExitCode.error
      }
      for (const p of problems) io.error(`${p.location}: ${toCliWords(p.message)} [${p.reason}]\n`)
      if (problems.length === 0) io.write('no problems found\n')
      return problems.length === 0 ? ExitCode.ok : ExitCode.error
    })
  },
})

/**
 * `schemaledger store ...`: a versioned store of named schemas in a directory (default
 * `.schemaledger/`), for committing to git, or in PostgreSQL, MySQL/MariaDB, Redis or SQLite, for a
 * team and its CI jobs to share.
 *
 * @example
 * ```ts
 * storeCommands.subcommands.map((c) => c.name) // ['store save', 'store list', ...]
 * ```
 */
export const storeCommands: CommandGroup = {
  name: 'store',
  summary: 'versioned schemas in a directory or a database: save, list, show, diff, tag, verify, copy',
  description:
    'A versioned store of named schemas in a directory (default .schemaledger/ in the current directory)\n' +
    'or a shared database: --store postgres://..., mysql://..., redis://... or sqlite:<file>. Versions are\n' +
    'numbered per name and carry a content hash; tags name them. Any document argument of another\n' +
    'command can be store:name@ref.',
  subcommands: [saveCommand, listCommand, showCommand, storeDiffCommand, tagCommand, verifyCommand, copyCommand],
}
