import { SchemaLedgerError } from '../errors.js'

/**
 * Why a schema output could not be generated: `unknown_table` (the table asked for is not in the
 * schema) or `identifier_collision` (two tables or enums map to the same identifier under the naming
 * in use, or one maps to a name the output itself needs, such as `Json` or `z`).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof CodegenError && e.code === 'unknown_table') console.error(e.message) }
 * ```
 */
export class CodegenError extends SchemaLedgerError {
  constructor(code: 'unknown_table' | 'identifier_collision', message: string) {
    super(code, message)
    this.name = 'CodegenError'
  }
}
