import type { CliIO } from './cli-io.js'
import type { LoadedConfig } from './config/load-config.js'

/**
 * One flag of a command: its type, optional one-letter alias, whether it may repeat, the placeholder
 * and choices shown in help, and a description.
 *
 * @example
 * ```ts
 * const format: OptionSpec = { type: 'string', value: 'format', choices: ['text', 'json'], description: 'output format' }
 * ```
 */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  readonly multiple?: boolean
  /** Placeholder of the value in help (`--output <file>`); choices are shown instead when given. */
  readonly value?: string
  /** The only accepted values. */
  readonly choices?: readonly string[]
  /** The value used when the flag is absent, shown in help. */
  readonly default?: string
  readonly description: string
}

/**
 * The flags of a command, by long name.
 *
 * @example
 * ```ts
 * const options = { output: { type: 'string', short: 'o', value: 'file', description: 'write here' } } satisfies OptionSpecs
 * ```
 */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>

type OptionValue<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['multiple'] extends true
    ? string[]
    : S['default'] extends string
      ? string
      : string | undefined

/**
 * The parsed flags of a command: strings, string lists for repeatable flags, booleans.
 *
 * @example
 * ```ts
 * const values: OptionValues<typeof options> = { output: 'out.sql' }
 * ```
 */
export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: OptionValue<O[K]> }

/**
 * What a command receives: its positional arguments, its flags and the process around it.
 *
 * @example
 * ```ts
 * async run({ positionals, values, io }) { io.write(`${positionals.length} documents\n`); return ExitCode.ok }
 * ```
 */
export interface CommandInput<O extends OptionSpecs> {
  readonly positionals: readonly string[]
  readonly values: OptionValues<O>
  readonly io: CliIO
  /** The config file's values, for commands that take `--config` (their flags already hold its defaults). */
  readonly config?: LoadedConfig
}

/**
 * A command: what help prints about it, what it accepts, and what it does. `run` resolves to the exit
 * code; it throws for errors (the entry prints them).
 *
 * @example
 * ```ts
 * export const sqlCommand = defineCommand({ name: 'sql', summary: '...', usage: ['sql <doc> --dialect <name>'], ... })
 * ```
 */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** As typed after `schemaledger` (`diff`, `store save`). */
  readonly name: string
  /** One line for the command list. */
  readonly summary: string
  /** Usage lines without the program name. */
  readonly usage: readonly string[]
  /** A paragraph for the command's help. */
  readonly description: string
  /** Positional arguments for help, `[name, description]`. */
  readonly arguments: readonly (readonly [string, string])[]
  /** How many positional arguments it takes. */
  readonly positionals: { readonly min: number; readonly max: number }
  readonly options: O
  /** `[what it does, the command line]`, shown in help. */
  readonly examples: readonly (readonly [string, string])[]
  run(input: CommandInput<O>): Promise<number>
}

/**
 * A command made of subcommands (`store save`, `store list`, ...).
 *
 * @example
 * ```ts
 * const store: CommandGroup = { name: 'store', summary: 'versioned schemas', description: '...', subcommands: [save, list] }
 * ```
 */
export interface CommandGroup {
  readonly name: string
  readonly summary: string
  readonly description: string
  readonly subcommands: readonly CommandSpec[]
}

/**
 * Any command the entry can dispatch to.
 *
 * @example
 * ```ts
 * const all: readonly Command[] = [validateCommand, storeCommands]
 * ```
 */
export type Command = CommandSpec | CommandGroup

/**
 * Declares a command with its flags typed from the spec.
 *
 * @example
 * ```ts
 * defineCommand({ name: 'sql', options: { dialect: { type: 'string', description: '...' } }, run: async ({ values }) => 0, ... })
 * ```
 */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec {
  return spec as unknown as CommandSpec
}

/**
 * Whether a command has subcommands.
 *
 * @example
 * ```ts
 * if (isCommandGroup(command)) return dispatch(command.subcommands, rest)
 * ```
 */
export function isCommandGroup(command: Command): command is CommandGroup {
  return 'subcommands' in command
}
