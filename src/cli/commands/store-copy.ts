import { redactUrl } from '../../sources/redact-url.js'
import { createSchemaStore } from '../../storage/create-schema-store.js'
import type { StorageAdapter } from '../../storage/storage-adapter.js'
import { nameOfVersionKey, parseTagKey, parseVersionKey } from '../../storage/store-layout.js'
import { CliInputError } from '../cli-errors.js'
import type { CliIO } from '../cli-io.js'
import { defineCommand } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openStoreAdapter, storeKind } from '../open-store-adapter.js'

/** What {@link copyStore} did. @internal */
export interface StoreCopyResult {
  readonly names: number
  /** Version files written to the target. */
  readonly versions: number
  /** Version files the target already held with the same bytes. */
  readonly alreadyThere: number
  readonly tags: number
}

/**
 * Copies every version and tag file from one store's adapter to another's, byte for byte, so
 * versions, hashes and checksums are the same on both sides. The source is verified first; a version
 * the target holds with other bytes stops the copy before anything is written. Versions are created
 * with `setItemIfAbsent` in number order, so a copy that stops halfway leaves a store without gaps,
 * and running it again finishes it. Tags in the target are moved to where the source's point.
 * @internal
 */
export async function copyStore(from: StorageAdapter, to: StorageAdapter, describe: (key: string) => string) {
  const problems = await createSchemaStore({ adapter: from, singleWriter: true }).verify()
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${p.message} [${p.reason}]`).join('\n')
    throw new CliInputError('store_corruption', `the source store has damaged files; nothing was copied:\n${lines}`)
  }
  const keys = [...(await from.getKeys())]
  const versions = keys
    .flatMap((key) => {
      const name = nameOfVersionKey(key)
      const version = name === undefined ? undefined : parseVersionKey(name, key)
      return name === undefined || version === undefined ? [] : [{ key, name, version }]
    })
    .sort((a, b) => (a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1))
  const names = new Set(versions.map((v) => v.name))
  const tags = keys.filter((key) => {
    const name = key.slice(0, Math.max(0, key.indexOf('/')))
    return names.has(name) && parseTagKey(name, key) !== undefined
  })

  const values = new Map<string, string>()
  for (const { key } of [...versions, ...tags.map((key) => ({ key }))]) {
    const value = await from.getItem(key)
    if (value === null) throw new CliInputError('store_changed', `${describe(key)} disappeared during the copy`)
    values.set(key, value)
  }
  // Refuse before writing anything when the target already holds another history.
  for (const { key, name, version } of versions) {
    const existing = await to.getItem(key)
    if (existing !== null && existing !== values.get(key)) {
      throw new CliInputError(
        'store_conflict',
        `the target already holds a different version ${version} of ${JSON.stringify(name)}; nothing was copied`,
      )
    }
  }
  let written = 0
  let alreadyThere = 0
  for (const { key, name, version } of versions) {
    const value = values.get(key) as string
    if (to.setItemIfAbsent ? await to.setItemIfAbsent(key, value) : await setIfMissing(to, key, value)) {
      written++
    } else if ((await to.getItem(key)) === value) {
      alreadyThere++
    } else {
      throw new CliInputError(
        'store_conflict',
        `another writer saved version ${version} of ${JSON.stringify(name)} in the target during the copy`,
      )
    }
  }
  for (const key of tags) await to.setItem(key, values.get(key) as string)
  const result: StoreCopyResult = { names: names.size, versions: written, alreadyThere, tags: tags.length }
  return result
}

async function setIfMissing(adapter: StorageAdapter, key: string, value: string): Promise<boolean> {
  if (await adapter.hasItem(key)) return false
  await adapter.setItem(key, value)
  return true
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
const shown = (location: string) => (storeKind(location) === 'directory' ? location : redactUrl(location))

async function runCopy(io: CliIO, fromLocation: string, toLocation: string): Promise<number> {
  const from = openStoreAdapter(fromLocation, io.cwd)
  const to = openStoreAdapter(toLocation, io.cwd)
  try {
    const result = await copyStore(from, to, (key) => `${shown(fromLocation)} ${key}`)
    const problems = await createSchemaStore({ adapter: to, singleWriter: true }).verify()
    for (const p of problems) io.error(`${p.location}: ${p.message} [${p.reason}]\n`)
    const already = result.alreadyThere > 0 ? ` (${result.alreadyThere} already there)` : ''
    io.write(
      `copied ${plural(result.versions, 'version')}${already} and ${plural(result.tags, 'tag')} of ` +
        `${plural(result.names, 'name')} from ${shown(fromLocation)} to ${shown(toLocation)}\n`,
    )
    return problems.length === 0 ? ExitCode.ok : ExitCode.error
  } finally {
    await Promise.all([from.dispose?.(), to.dispose?.()])
  }
}

/**
 * `schemaledger store copy <from> <to>`: moves a store between backends (a directory, PostgreSQL,
 * MySQL/MariaDB, Redis, SQLite) with byte-equal versions and hashes.
 *
 * @example
 * ```ts
 * copyCommand.name // 'store copy'
 * ```
 */
export const copyCommand = defineCommand({
  name: 'store copy',
  summary: 'copy every version and tag from one store to another',
  usage: ['store copy <from> <to>'],
  description:
    'Copies every version and tag of every name, byte for byte (same versions, hashes and checksums),\n' +
    'between a directory, postgres://, mysql://, redis:// and sqlite: stores. The source is verified first;\n' +
    'versions the target already holds identically are kept, a different one stops the copy before\n' +
    'anything is written, and tags in the target move to where the source points them.',
  arguments: [
    ['<from>', 'the source store: a directory or a URL'],
    ['<to>', 'the target store'],
  ],
  positionals: { min: 2, max: 2 },
  options: {},
  examples: [
    ['Move the repository store to PostgreSQL', 'store copy .schemaledger "$DATABASE_URL"'],
    ['Back up a Redis store to a directory', 'store copy redis://cache:6379 backup/'],
  ],
  async run({ positionals, io }) {
    const [from = '', to = ''] = positionals
    return runCopy(io, from, to)
  },
})
