import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Analyzer, DialectImpactFacts } from '../../src/impact/index.js'
import { builtinAnalyzers, EXPIRED_SUPPRESSION } from '../../src/impact/index.js'
import { impactFacts } from '../../src/sql/index.js'

// docs/rules.md is generated from the analyzers' metadata; this fails when the file is stale.
// The script is plain JavaScript, imported by a computed path so the compiler does not type it.
const script = new URL('../../scripts/write-rules-doc.mjs', import.meta.url).href
const { renderRulesDoc, RULE_COUNT, RULE_COUNT_DOCS } = (await import(script)) as {
  renderRulesDoc: (
    a: readonly Analyzer[],
    facts?: Readonly<Record<string, DialectImpactFacts>>,
    suppressionCodes?: readonly (typeof EXPIRED_SUPPRESSION)[],
  ) => string
  RULE_COUNT: RegExp
  RULE_COUNT_DOCS: string[]
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

describe('rule counts in the documentation', () => {
  const docs = ['README.md', ...readdirSync(new URL('../../docs/', import.meta.url)).map((f) => `docs/${f}`)].filter(
    (f) => f.endsWith('.md'),
  )
  const texts = docs.map((doc) => [doc, readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8')] as const)

  it('are the number of built-in rules, written by scripts/write-rules-doc.mjs', () => {
    const figures = texts.flatMap(([doc, text]) => [...text.matchAll(RULE_COUNT)].map((m) => `${doc}: ${m[1]}`))
    expect(figures.length).toBeGreaterThan(0)
    expect(figures).toEqual(
      texts.flatMap(([doc, text]) => [...text.matchAll(RULE_COUNT)].map(() => `${doc}: ${builtinAnalyzers.length}`)),
    )
    for (const [doc, text] of texts)
      if (text.match(RULE_COUNT)) expect(RULE_COUNT_DOCS, `${doc} holds a rule count`).toContain(doc)
  })

  it('are never typed by hand: every "N rules" is a generated figure', () => {
    const typed = texts.flatMap(([doc, text]) =>
      [...text.replace(RULE_COUNT, '').matchAll(/\b\d+ (?:[a-z-]+ )?rules?\b/g)].map((m) => `${doc}: ${m[0]}`),
    )
    expect(typed).toEqual([])
  })
})
