import type { Suppression } from '../../impact/suppressions.js'
import type { RuleOptions } from '../../impact/types.js'
import type { OptionSpec } from '../command.js'
import type { SchemaledgerConfig } from './config-description.js'
import { CONFIG_FILE } from './load-config.js'

/**
 * `--config <file>`: the config file to use instead of the nearest `schemaledger.config.json`.
 *
 * @example
 * ```ts
 * const options = { ...DIALECT_OPTION, ...CONFIG_OPTION }
 * ```
 */
export const CONFIG_OPTION = {
  config: {
    type: 'string',
    value: 'file',
    description: `the config file (default: the nearest ${CONFIG_FILE} from the working directory up)`,
  },
} as const satisfies Record<string, OptionSpec>

/**
 * The flag values a config supplies when the command line does not: dialect, version, store.
 *
 * @example
 * ```ts
 * configDefaults({ dialect: 'postgres' }) // { dialect: 'postgres' }
 * ```
 */
export function configDefaults(config: SchemaledgerConfig): Record<string, string> {
  return {
    ...(config.dialect !== undefined ? { dialect: config.dialect } : {}),
    ...(config.dialectVersion !== undefined ? { 'dialect-version': config.dialectVersion } : {}),
    ...(config.store !== undefined ? { store: config.store } : {}),
  }
}

/**
 * The rule options of a run: the config's, with the `--disable` and `--enable` flags added.
 *
 * @example
 * ```ts
 * ruleOptionsOf({ rules: { disable: ['DS010'] } }, { disable: ['LK001'], enable: [] }) // { disable: ['DS010', 'LK001'] }
 * ```
 */
export function ruleOptionsOf(
  config: SchemaledgerConfig | undefined,
  flags: { readonly disable?: readonly string[]; readonly enable?: readonly string[] } = {},
): RuleOptions {
  const rules = config?.rules ?? {}
  const disable = [...(rules.disable ?? []), ...(flags.disable ?? [])]
  const enable = [...(rules.enable ?? []), ...(flags.enable ?? [])]
  return {
    ...(disable.length > 0 ? { disable } : {}),
    ...(enable.length > 0 ? { enable } : {}),
    ...(rules.severity && Object.keys(rules.severity).length > 0 ? { severity: rules.severity } : {}),
  }
}

/**
 * The suppressions option of `analyzeImpact` and `lintSchema` from a config (none without one).
 *
 * @example
 * ```ts
 * analyzeImpact(diff, { dialect, ...suppressionsOf(config) })
 * ```
 */
export function suppressionsOf(config: SchemaledgerConfig | undefined): { suppressions?: readonly Suppression[] } {
  const list = config?.suppressions ?? []
  return list.length > 0 ? { suppressions: list } : {}
}
