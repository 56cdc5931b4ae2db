import { describe, expect, it } from 'vitest'
import { toJsonSchema, toTypeScript, toZod } from '../../src/codegen/index.js'
import { FIXTURES, golden } from './codegen-support.js'

// Generated code is read by people: compare it byte for byte. Review a changed golden file by eye
// before accepting it (UPDATE_GOLDEN=1 npx vitest run test/codegen).
describe.each(Object.keys(FIXTURES) as (keyof typeof FIXTURES)[])('golden codegen outputs: %s', (fixture) => {
  const schema = FIXTURES[fixture]
  const outputs: Record<string, () => string> = {
    'types.ts': () => toTypeScript(schema),
    'validators.ts': () => toZod(schema),
  }
  for (const table of schema.tables) {
    for (const shape of ['row', 'insert'] as const) {
      outputs[`${table.name}.${shape}.schema.json`] = () =>
        `${JSON.stringify(toJsonSchema(schema, table.name, { shape }), null, 2)}\n`
    }
  }
  it.each(Object.keys(outputs))('%s', (file) => {
    const { actual, expected } = golden(fixture, file, outputs[file]!())
    expect(actual).toBe(expected)
  })

  it('is deterministic: the same schema gives the same bytes', () => {
    expect(toTypeScript(schema)).toBe(toTypeScript(structuredClone(schema)))
    expect(toZod(schema)).toBe(toZod(structuredClone(schema)))
  })
})
