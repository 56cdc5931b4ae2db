/**
 * Everything a command touches outside its arguments: the working directory, the environment,
 * standard output and error, and standard input. Commands never use `process` directly, so the
 * entry decides where output goes.
 *
 * @example
 * ```ts
 * io.write(serializeSchema(schema)); io.error('schemaledger: warning\n')
 * ```
 */
export interface CliIO {
  /** The directory relative paths are resolved against. */
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether standard output is a terminal (colour and width depend on it). */
  readonly stdoutIsTTY: boolean
  /** Width of the terminal, when standard output is one. */
  readonly stdoutColumns: number | undefined
  /** Whether standard error is a terminal (progress of long work is shown only there). */
  readonly stderrIsTTY?: boolean
  /** Writes to standard output (machine output and reports). */
  write(text: string): void
  /** Writes to standard error (errors, warnings, progress). */
  error(text: string): void
  /** Standard input, as bytes (read it once; `readBoundedText` reads it within the input size limit). */
  stdin(): AsyncIterable<Uint8Array>
}

/**
 * The {@link CliIO} of the running process.
 *
 * @example
 * ```ts
 * const io = processIO()
 * io.write('hello\n')
 * ```
 */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    stderrIsTTY: process.stderr.isTTY === true,
    write: (text) => {
      process.stdout.write(text)
    },
    error: (text) => {
      process.stderr.write(text)
    },
    stdin: () => process.stdin,
  }
}
