// tsup's declaration bundler drops `/// <reference types="vitest" />` from src/testing/vitest.ts.
// Without it, the `declare module 'vitest'` augmentation in dist/vitest/index.d.(c)ts only applies
// when the user's file happens to import vitest before schemaledger/vitest; put the reference back.
import { readFileSync, writeFileSync } from 'node:fs'

const REFERENCE = '/// <reference types="vitest" />\n'
for (const file of ['dist/vitest/index.d.ts', 'dist/vitest/index.d.cts']) {
  const url = new URL(`../${file}`, import.meta.url)
  const text = readFileSync(url, 'utf8')
  if (!text.includes("declare module 'vitest'"))
    throw new Error(`${file} no longer augments vitest: update this script`)
  if (!text.startsWith(REFERENCE)) writeFileSync(url, REFERENCE + text)
}
