import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { blockFileName, createSandbox, documentationFiles, REPO_ROOT } from './block-sandbox.js'
import { extractCodeBlocks, type RunnableBlock, runnableBlocks } from './markdown-code-blocks.js'

// The TypeScript blocks of README.md and docs/*.md also type-check, strictly, against the built
// declarations as a user's editor sees them (package exports, `schemaledger/testing`'s vitest
// matcher types): running proves the values, this proves the types people copy. `no-run` blocks are
// sketches and are not checked.

const DOCUMENTS = documentationFiles()
const blocks = DOCUMENTS.flatMap((file) =>
  runnableBlocks(extractCodeBlocks(readFileSync(join(REPO_ROOT, file), 'utf8'), file)),
).filter((b) => b.typescript && b.mode !== 'no-run')
const sandbox = createSandbox(blocks)
afterAll(() => sandbox.dispose())

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
  skipLibCheck: true,
  noEmit: true,
}

describe('documentation code blocks type-check', () => {
  it('with strict TypeScript against the built declarations', { timeout: 120_000 }, () => {
    const files = new Map<string, RunnableBlock>()
    for (const block of blocks) {
      // Each block is its own ES module (`export {}` makes a block without imports one too).
      const file = join(sandbox.root, blockFileName(block, '.mts'))
      writeFileSync(file, `${block.code}export {}\n`)
      files.set(file, block)
    }
    const program = ts.createProgram([...files.keys()], OPTIONS)
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
      const block = d.file ? files.get(d.file.fileName) : undefined
      if (!d.file || !block || d.start === undefined) return `${d.file?.fileName ?? 'options'}: ${text}`
      const { line } = d.file.getLineAndCharacterOfPosition(d.start)
      return `${block.file}:${block.line + line + 1}: ${text}`
    })
    expect(blocks.length).toBeGreaterThan(20)
    expect(problems).toEqual([])
  })
})
