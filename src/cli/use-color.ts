import type { CliIO } from './cli-io.js'

/**
 * Whether to colour standard output, by the usual conventions in this order: `--no-color` and a
 * non-empty `NO_COLOR` turn it off; `FORCE_COLOR` turns it on (off when `0` or `false`); `--color`
 * turns it on; otherwise only a terminal (not `TERM=dumb`) gets colour. Output written to a file
 * (`-o`) is never coloured.
 *
 * @example
 * ```ts
 * formatText(diff, { color: useColor(io, values, values.output !== undefined) })
 * ```
 */
export function useColor(
  io: CliIO,
  flags: { readonly color?: boolean; readonly 'no-color'?: boolean },
  toFile = false,
): boolean {
  if (toFile || flags['no-color']) return false
  if (io.env.NO_COLOR) return false
  const force = io.env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false'
  if (flags.color) return true
  return io.stdoutIsTTY && io.env.TERM !== 'dumb'
}

/**
 * How wide to wrap prose: the terminal's width (at least 60), else 80 so files and CI logs are stable.
 *
 * @example
 * ```ts
 * formatText(diff, { width: outputWidth(io) })
 * ```
 */
export function outputWidth(io: CliIO, toFile = false): number {
  return !toFile && io.stdoutIsTTY && io.stdoutColumns ? Math.max(60, io.stdoutColumns) : 80
}
