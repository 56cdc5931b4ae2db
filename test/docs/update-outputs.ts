// Rewrites the `text output` blocks of documentation files with what their code blocks print now.
// Run after a deliberate change, then read the diff before committing it (the outputs are the docs):
//
//   npm run build && npx tsx test/docs/update-outputs.ts README.md docs/sql.md
//
// A block that fails is reported and its output block left alone. Blocks without an output block
// are run too, so the script also tells which blocks fail.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSandbox, normalizeOutput, REPO_ROOT, runWithNode } from './block-sandbox.js'
import { extractCodeBlocks, runnableBlocks } from './markdown-code-blocks.js'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: npx tsx test/docs/update-outputs.ts FILE.md...')
  process.exit(1)
}
let failures = 0
for (const file of files) {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8')
  const blocks = runnableBlocks(extractCodeBlocks(text, file)).filter((b) => b.mode === 'node')
  const sandbox = createSandbox(blocks)
  const lines = text.split('\n')
  // Replace from the end so earlier line numbers stay valid.
  const replacements: { line: number; old: number; text: string }[] = []
  for (const block of blocks) {
    const run = await runWithNode(block, sandbox.workdir(block))
    if (run.code !== 0) {
      failures++
      console.error(`${file}:${block.line} exited with ${run.code}\n${run.stderr}`)
      continue
    }
    if (!block.expectedOutput) continue
    const old = block.expectedOutput.text === '\n' ? 0 : block.expectedOutput.text.split('\n').length - 1
    replacements.push({ line: block.expectedOutput.line, old, text: normalizeOutput(run.stdout) })
  }
  for (const r of replacements.sort((a, b) => b.line - a.line)) {
    lines.splice(r.line, r.old, ...r.text.trimEnd().split('\n'))
  }
  writeFileSync(join(REPO_ROOT, file), lines.join('\n'))
  sandbox.dispose()
  console.log(`${file}: ${blocks.length} blocks run, ${replacements.length} outputs written`)
}
process.exitCode = failures > 0 ? 1 : 0
