import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Analyzer, DialectImpactFacts } from '../../src/impact/index.js'
import { builtinAnalyzers, EXPIRED_SUPPRESSION } from '../../src/impact/index.js'
import { impactFacts } from '../../src/sql/index.js'

// docs/rules.md is generated from the analyzers' metadata; this fails when the file is stale.
// The script is plain JavaScript, imported by a computed path so the compiler does not type it.
const script = new URL('../../scripts/write-rules-doc.mjs', import.meta.url).href
const { renderRulesDoc } = (await import(script)) as {
  renderRulesDoc: (
    a: readonly Analyzer[],
    facts?: Readonly<Record<string, DialectImpactFacts>>,
    suppressionCodes?: readonly (typeof EXPIRED_SUPPRESSION)[],
  ) => string
}

describe('docs/rules.md', () => {
  it('is what scripts/write-rules-doc.mjs generates from the analyzers (run it after npm run build)', () => {
    const file = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8')
    expect(file).toBe(renderRulesDoc(builtinAnalyzers, impactFacts, [EXPIRED_SUPPRESSION]))
  })

  it('has a section, a bad example, why and a fix for every rule', () => {
    const text = renderRulesDoc(builtinAnalyzers)
    for (const a of builtinAnalyzers) {
      expect(text).toContain(`### ${a.code}\n`)
      expect(text).toContain(a.docs.bad)
      expect(text).toContain(`Why it hurts: ${a.docs.why}`)
      expect(text).toContain(`Safe alternative: ${a.docs.fix}`)
    }
  })
})

describe('docs/rules.md, suppression codes', () => {
  it('documents SP001 like a rule', () => {
    const text = renderRulesDoc(builtinAnalyzers, impactFacts, [EXPIRED_SUPPRESSION])
    expect(text).toContain('### SP001\n')
    expect(text).toContain(`Why it hurts: ${EXPIRED_SUPPRESSION.docs.why}`)
    expect(text).toContain(`Safe alternative: ${EXPIRED_SUPPRESSION.docs.fix}`)
  })
})
