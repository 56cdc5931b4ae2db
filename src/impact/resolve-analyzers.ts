import { InvalidOptionError } from '../errors.js'
import { builtinAnalyzers } from './rules/index.js'
import type { Analyzer, RuleOptions, Severity } from './types.js'

/** The analyzers of one analysis, with the severity overrides to apply. @internal */
export interface ResolvedRules {
  /** Every known analyzer (built-in and added), sorted by code. */
  readonly all: readonly Analyzer[]
  /** Codes that run. */
  readonly enabled: ReadonlySet<string>
  readonly severity: ReadonlyMap<string, Severity>
}

/**
 * Merges the built-in analyzers with the caller's, rejects duplicate codes, and applies `disable`,
 * `enable` and `severity` (each must name a known code). @internal
 */
export function resolveAnalyzers(options: RuleOptions = {}): ResolvedRules {
  const byCode = new Map<string, Analyzer>()
  for (const a of [...builtinAnalyzers, ...(options.add ?? [])]) {
    if (byCode.has(a.code)) {
      throw new InvalidOptionError('rules.add', `two analyzers use the code ${a.code}; every code must be unique`)
    }
    byCode.set(a.code, a)
  }
  const known = (option: string, codes: readonly string[]) => {
    for (const code of codes) {
      if (!byCode.has(code)) throw new InvalidOptionError(option, `no analyzer has the code ${JSON.stringify(code)}`)
    }
    return new Set(codes)
  }
  const disabled = known('rules.disable', options.disable ?? [])
  const enabledExplicitly = known('rules.enable', options.enable ?? [])
  const severity = new Map(Object.entries(options.severity ?? {}))
  known('rules.severity', [...severity.keys()])
  const all = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const enabled = new Set(
    all
      .filter((a) => !disabled.has(a.code) && (a.enabledByDefault || enabledExplicitly.has(a.code)))
      .map((a) => a.code),
  )
  return { all, enabled, severity }
}
