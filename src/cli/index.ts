#!/usr/bin/env node
/**
 * The `schemaledger` command: dispatches to one command per file in `commands/` and turns errors into
 * one clear line on standard error and an exit code (0 ok, 1 error, 2 changes or findings).
 *
 * @packageDocumentation
 */
import { isSchemaLedgerError } from '../errors.js'
import { InvalidDocumentError, issueLine, UsageError } from './cli-errors.js'
import { type CliIO, processIO } from './cli-io.js'
import { toCliWords } from './cli-words.js'
import { type Command, type CommandSpec, isCommandGroup } from './command.js'
import { codegenCommand } from './commands/codegen.js'
import { completionCommand } from './commands/completion.js'
import { diffCommand } from './commands/diff.js'
import { historyCommand } from './commands/history.js'
import { introspectCommand } from './commands/introspect.js'
import { lintCommand } from './commands/lint.js'
import { migrateCommand } from './commands/migrate.js'
import { sqlCommand } from './commands/sql.js'
import { storeCommands } from './commands/store.js'
import { validateCommand } from './commands/validate.js'
import { vizCommand } from './commands/viz.js'
import { configDefaults } from './config/config-option.js'
import { loadConfig } from './config/load-config.js'
import { ExitCode } from './exit-codes.js'
import { commandHelp, groupHelp, programHelp, usageLines } from './help-text.js'
import { packageVersion } from './package-version.js'
import { parseCommandLine } from './parse-command-line.js'

/**
 * Every command, in the order help lists them.
 *
 * @example
 * ```ts
 * COMMANDS.map((c) => c.name) // ['validate', 'diff', 'migrate', 'lint', 'sql', 'viz', 'store', 'introspect', 'codegen', 'completion']
 * ```
 */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  diffCommand,
  migrateCommand,
  lintCommand,
  sqlCommand,
  vizCommand,
  historyCommand,
  storeCommands,
  introspectCommand,
  codegenCommand,
  completionCommand(() => COMMANDS),
]

/** Prints an error the way its kind deserves and returns the exit code. */
function report(error: unknown, io: CliIO, where: string, command: Command | undefined): number {
  const prefix = `schemaledger${where ? ` ${where}` : ''}: `
  if (error instanceof UsageError) {
    io.error(`${prefix}${error.message}\n${command ? `\n${usageLines(command)}` : ''}`)
  } else if (error instanceof InvalidDocumentError) {
    io.error(`${[`${prefix}${error.message}`, ...error.issues.map((i) => issueLine(error.source, i))].join('\n')}\n`)
  } else if (isSchemaLedgerError(error)) {
    io.error(`${prefix}${toCliWords(error.message)}\n`)
  } else {
    // Not an expected failure: the stack is what a bug report needs.
    io.error(`${prefix}unexpected error\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  }
  return ExitCode.error
}

async function runSpec(spec: CommandSpec, args: readonly string[], io: CliIO): Promise<number> {
  try {
    let parsed = parseCommandLine(spec, args)
    if (parsed.help) {
      io.write(commandHelp(spec))
      return ExitCode.ok
    }
    // A command that takes --config reads the config file; its values fill the flags left out.
    const config = 'config' in spec.options ? loadConfig(io, parsed.values.config as string | undefined) : undefined
    if (config) parsed = parseCommandLine(spec, args, configDefaults(config.config))
    return await spec.run({
      positionals: parsed.positionals,
      values: parsed.values as never,
      io,
      ...(config ? { config } : {}),
    })
  } catch (error) {
    return report(error, io, spec.name, spec)
  }
}

function lookup(commands: readonly Command[], name: string, where: string): Command {
  const found = commands.find((c) => c.name.split(' ').at(-1) === name)
  if (!found) {
    const names = commands.map((c) => c.name.split(' ').at(-1)).join(', ')
    throw new UsageError(`unknown command ${JSON.stringify(name)}${where ? ` for ${where}` : ''} (commands: ${names})`)
  }
  return found
}

/**
 * Runs the command line `args` (without `node` and the script) and resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['diff', 'v1.json', 'v2.json'], processIO())
 * ```
 */
export async function main(args: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = args
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined
    if (topic === undefined) {
      // Without a command, help is the answer to a usage error: standard error, exit 1.
      const help = programHelp(COMMANDS, packageVersion())
      if (first === undefined) io.error(help)
      else io.write(help)
      return first === undefined ? ExitCode.error : ExitCode.ok
    }
    return main([topic, ...rest.slice(1), '--help'], io)
  }
  if (first === '--version' || first === '-v') {
    io.write(`${packageVersion()}\n`)
    return ExitCode.ok
  }
  let command: Command
  try {
    if (first.startsWith('-')) throw new UsageError(`unknown option ${first}; options follow the command`)
    command = lookup(COMMANDS, first, '')
  } catch (error) {
    io.error(`schemaledger: ${(error as Error).message}\nRun "schemaledger --help" for the commands.\n`)
    return ExitCode.error
  }
  if (!isCommandGroup(command)) return runSpec(command, rest, io)
  const [sub, ...subArgs] = rest
  if (sub === undefined || sub === '--help' || sub === '-h') {
    if (sub === undefined) io.error(groupHelp(command))
    else io.write(groupHelp(command))
    return sub === undefined ? ExitCode.error : ExitCode.ok
  }
  let spec: Command
  try {
    spec = lookup(command.subcommands, sub, command.name)
  } catch (error) {
    return report(error, io, command.name, command)
  }
  return runSpec(spec as CommandSpec, subArgs, io)
}

// A reader that stops early (`| head`) closes the pipe: that ends the command, it is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? ExitCode.ok)
})

// Set the exit code rather than calling process.exit(), so piped output is flushed first.
main(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`schemaledger: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = ExitCode.error
  },
)
