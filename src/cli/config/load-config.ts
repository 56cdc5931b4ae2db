import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { INVALID, type ShapeIssue } from '../../model/shape.js'
import { CliInputError, InvalidDocumentError } from '../cli-errors.js'
import type { CliIO } from '../cli-io.js'
import { configShape, type SchemaledgerConfig } from './config-description.js'

/** The file name looked for from the working directory up. */
export const CONFIG_FILE = 'schemaledger.config.json'

/** A config file is small; a larger one is a mistake (a schema dump named like it). */
const MAX_CONFIG_BYTES = 1024 * 1024

/**
 * A config file that does not fit its schema: every problem with its path (`suppressions[2].until`).
 * Printed like an invalid document, one `file: path: message [code]` line per problem.
 *
 * @example
 * ```ts
 * throw new InvalidConfigError('schemaledger.config.json', issues)
 * ```
 */
export class InvalidConfigError extends InvalidDocumentError {
  constructor(source: string, issues: InvalidDocumentError['issues']) {
    super(source, issues)
    this.name = 'InvalidConfigError'
    this.message = `${source} is not a valid config file: ${issues.length} problem${issues.length === 1 ? '' : 's'}`
  }
}

/**
 * A config as a command uses it: the values and the file they came from (a path relative to the
 * working directory), or nothing when no file was found.
 *
 * @example
 * ```ts
 * const { config, source } = await loadConfig(io, values.config)
 * ```
 */
export interface LoadedConfig {
  readonly config: SchemaledgerConfig
  readonly source?: string
}

const pathText = (segments: readonly PropertyKey[]) => {
  let out = ''
  for (const seg of segments) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? String(seg) : `.${String(seg)}`
  return out
}

/**
 * Checks the JSON of a config file; throws {@link InvalidConfigError} listing every problem.
 *
 * @example
 * ```ts
 * parseConfig({ dialect: 'postgres' }, 'schemaledger.config.json') // { dialect: 'postgres' }
 * ```
 */
export function parseConfig(json: unknown, source: string): SchemaledgerConfig {
  const issues: ShapeIssue[] = []
  const out = configShape.parse(json, issues)
  if (out === INVALID || issues.length > 0) {
    throw new InvalidConfigError(
      source,
      issues.map((i) => ({ code: i.code, path: pathText(i.path), message: i.message })),
    )
  }
  const { $schema: _, ...config } = out
  return config as SchemaledgerConfig
}

/**
 * The nearest `schemaledger.config.json` from `cwd` up to the file system root, or undefined.
 *
 * @example
 * ```ts
 * findConfigFile('/repo/packages/api') // '/repo/schemaledger.config.json'
 * ```
 */
export function findConfigFile(cwd: string): string | undefined {
  let dir = resolve(cwd)
  for (;;) {
    const candidate = join(dir, CONFIG_FILE)
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/**
 * Loads the config a command runs with: the `--config` file when given (it must exist), else the
 * nearest `schemaledger.config.json` from the working directory up, else an empty config.
 *
 * @example
 * ```ts
 * const { config } = loadConfig(io, values.config)
 * const dialect = values.dialect ?? config.dialect
 * ```
 */
export function loadConfig(io: CliIO, explicit: string | undefined): LoadedConfig {
  const path = explicit !== undefined ? resolve(io.cwd, explicit) : findConfigFile(io.cwd)
  if (path === undefined) return { config: {} }
  const source = explicit ?? (relative(io.cwd, path) || CONFIG_FILE)
  let text: string
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES)
      throw new CliInputError('input_too_large', `${source} is larger than 1 MiB; is it a config file?`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (error instanceof CliInputError) throw error
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message
    throw new CliInputError('config_not_found', `${source}: ${why}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliInputError('invalid_json', `${source} is not JSON: ${(error as Error).message.split('\n')[0]}`)
  }
  const config = parseConfig(json, source)
  // A store directory is relative to the file that names it, wherever the command runs from; a URL
  // (postgres://, sqlite:...) is left as written.
  const store = config.store
  if (store !== undefined && !isAbsolute(store) && !/^[a-z][a-z0-9+.-]*:/i.test(store)) {
    return { config: { ...config, store: resolve(dirname(path), store) }, source }
  }
  return { config, source }
}
