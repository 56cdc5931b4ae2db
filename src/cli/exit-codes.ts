/**
 * The exit codes of the `schemaledger` command: 0 when all is well (or nothing changed), 1 for any
 * error or invalid input, 2 when `diff --exit-code` found changes or `lint` found findings at or above
 * `--fail-on`. CI scripts can tell "the tool failed" (1) from "the gate closed" (2).
 *
 * @example
 * ```ts
 * return isEmptyDiff(diff) || !exitCode ? ExitCode.ok : ExitCode.changes
 * ```
 */
export const ExitCode = {
  ok: 0,
  error: 1,
  changes: 2,
} as const

/**
 * One of the values of {@link ExitCode}.
 *
 * @example
 * ```ts
 * const code: ExitCodeValue = ExitCode.error
 * ```
 */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
