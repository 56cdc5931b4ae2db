import type { Command, CommandGroup, CommandSpec, OptionSpec } from './command.js'
import { HELP_OPTION } from './common-options.js'

const PROGRAM = 'schemaledger'

const pad = (rows: readonly (readonly [string, string])[], indent = 2): string[] => {
  const width = Math.min(40, Math.max(0, ...rows.map(([left]) => left.length)))
  return rows.map(([left, right]) =>
    left.length > width
      ? `${' '.repeat(indent)}${left}\n${' '.repeat(indent + width + 2)}${right}`
      : `${' '.repeat(indent)}${left.padEnd(width)}  ${right}`,
  )
}

// Short choice lists go in the placeholder (`<text|json>`), long ones after the description.
const inline = (o: OptionSpec) => o.choices !== undefined && o.choices.join('|').length <= 24

function flagText(name: string, o: OptionSpec): string {
  const value = o.type === 'string' ? ` <${o.choices && inline(o) ? o.choices.join('|') : (o.value ?? 'value')}>` : ''
  return `${o.short ? `-${o.short}, ` : '    '}--${name}${value}`
}

function optionRows(spec: CommandSpec): [string, string][] {
  const all: Record<string, OptionSpec> = { ...spec.options, ...HELP_OPTION }
  return Object.entries(all).map(([name, o]) => [
    flagText(name, o),
    [
      o.description,
      o.choices && !inline(o) ? ` (${o.choices.join(', ')})` : '',
      o.multiple ? ' (repeatable)' : '',
      o.default !== undefined ? ` (default: ${o.default})` : '',
    ].join(''),
  ])
}

/**
 * The help of one command: usage, description, arguments, options, examples.
 *
 * @example
 * ```ts
 * io.write(commandHelp(diffCommand))
 * ```
 */
export function commandHelp(spec: CommandSpec): string {
  const lines = [...spec.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} ${PROGRAM} ${u}`), '', spec.description]
  if (spec.arguments.length > 0) lines.push('', 'Arguments:', ...pad(spec.arguments))
  lines.push('', 'Options:', ...pad(optionRows(spec)))
  if (spec.examples.length > 0) {
    lines.push('', 'Examples:')
    for (const [what, command] of spec.examples) lines.push(`  # ${what}`, `  $ ${PROGRAM} ${command}`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * The help of a command with subcommands: each subcommand's usage and summary.
 *
 * @example
 * ```ts
 * io.write(groupHelp(storeCommands))
 * ```
 */
export function groupHelp(group: CommandGroup): string {
  const lines = [
    `Usage: ${PROGRAM} ${group.name} <command> [options]`,
    '',
    group.description,
    '',
    'Commands:',
    ...pad(group.subcommands.map((s) => [s.name.split(' ').at(-1) ?? s.name, s.summary])),
    '',
    `Run "${PROGRAM} ${group.name} <command> --help" for its options and examples.`,
  ]
  return `${lines.join('\n')}\n`
}

/**
 * The usage lines of a command, printed under a usage error.
 *
 * @example
 * ```ts
 * io.error(`${message}\n\n${usageLines(spec)}`)
 * ```
 */
export function usageLines(command: Command): string {
  const usage = 'subcommands' in command ? [`${command.name} <command> [options]`] : command.usage
  const lines = usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} ${PROGRAM} ${u}`)
  lines.push(`Run "${PROGRAM} ${command.name} --help" for details.`)
  return `${lines.join('\n')}\n`
}

/**
 * The top-level help: what the tool is, its commands, document arguments and exit codes.
 *
 * @example
 * ```ts
 * io.write(programHelp(COMMANDS, '1.2.0'))
 * ```
 */
export function programHelp(commands: readonly Command[], version: string): string {
  const lines = [
    `${PROGRAM} ${version}: track how a database schema evolves.`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...pad(commands.map((c) => [c.name, c.summary])),
    '',
    'Documents (<doc>, <from>, <to>) are a file path, - for standard input, or store:name@ref',
    '(a version in the store; ref is a number, latest, a tag or a hash prefix; default latest).',
    '',
    'Exit codes: 0 ok or no changes; 1 error or invalid input; 2 changes (diff --exit-code)',
    'or findings at or above --fail-on (lint).',
    '',
    'Colour only on a terminal; never with NO_COLOR or --no-color; FORCE_COLOR forces it.',
    '',
    `Run "${PROGRAM} <command> --help" for a command's options and examples, "${PROGRAM} --version" for the version.`,
  ]
  return `${lines.join('\n')}\n`
}
