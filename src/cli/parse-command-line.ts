import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './cli-errors.js'
import type { CommandSpec, OptionSpecs } from './command.js'
import { HELP_OPTION } from './common-options.js'

/**
 * A parsed command line: positional arguments, flag values (defaults filled in), and whether help was
 * asked for (then nothing else was checked).
 *
 * @example
 * ```ts
 * const { positionals, values, help } = parseCommandLine(spec, ['v1.json', 'v2.json', '--format', 'json'])
 * ```
 */
export interface ParsedCommandLine {
  readonly positionals: readonly string[]
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>
  readonly help: boolean
}

const optionName = (message: string) => /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option'

/** node:util's messages speak to programmers; these speak to people typing a command. */
function usageError(error: unknown): unknown {
  const { code, message } = error as { code?: string; message: string }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${optionName(message)}`)
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = optionName(message)
    if (message.includes('does not take an argument')) return new UsageError(`option ${flag} does not take a value`)
    return new UsageError(`option ${flag} needs a value`)
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(message)
  return error
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` (strict: unknown flags are errors), then
 * checks choices and the number of positional arguments. `defaults` (from the config file) fill flags
 * the command line leaves out, before the built-in defaults. Throws {@link UsageError} with a message
 * for people.
 *
 * @example
 * ```ts
 * parseCommandLine(diffCommand, ['v1.json']) // throws UsageError('missing <to>')
 * ```
 */
export function parseCommandLine(
  spec: CommandSpec<OptionSpecs>,
  args: readonly string[],
  defaults: Readonly<Record<string, string>> = {},
): ParsedCommandLine {
  const all: OptionSpecs = { ...spec.options, ...HELP_OPTION }
  const options: NonNullable<ParseArgsConfig['options']> = {}
  for (const [name, o] of Object.entries(all)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }
  }
  let parsed: { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (error) {
    throw usageError(error)
  }
  const values: Record<string, string | boolean | string[] | undefined> = {}
  for (const [name, o] of Object.entries(all)) {
    const value = parsed.values[name]
    if (o.type === 'boolean') values[name] = value === true
    else if (o.multiple) values[name] = (value as string[] | undefined) ?? []
    // A config file's value comes before the built-in default, after the command line.
    else values[name] = (value as string | undefined) ?? defaults[name] ?? o.default
  }
  if (values.help === true) return { positionals: parsed.positionals, values, help: true }
  for (const [name, o] of Object.entries(all)) {
    if (!o.choices) continue
    const given = values[name]
    for (const v of Array.isArray(given) ? given : typeof given === 'string' ? [given] : []) {
      if (!o.choices.includes(v))
        throw new UsageError(`--${name} must be one of ${o.choices.join(', ')} (got ${JSON.stringify(v)})`)
    }
  }
  const { min, max } = spec.positionals
  const count = parsed.positionals.length
  if (count < min) {
    const names = spec.arguments.map(([n]) => n).slice(count, min)
    throw new UsageError(`missing ${names.length > 0 ? names.join(' and ') : 'an argument'}`)
  }
  if (count > max) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[max])}`)
  return { positionals: parsed.positionals, values, help: false }
}
