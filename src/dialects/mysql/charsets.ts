// Character sets and collations: MySQL names every collation after its character set.

/**
 * The character set a collation belongs to: its name up to the first `_` (MySQL names every
 * collation after its character set; `binary` is both).
 *
 * @example
 * ```ts
 * charsetOfCollation('latin1_swedish_ci') // 'latin1'
 * ```
 */
export function charsetOfCollation(collation: string): string {
  return collation.split('_')[0] ?? collation
}
