// Fenced code blocks of a Markdown file, with what their info string says about running them.
//
// The info string is the language followed by flags:
//   ```ts                run with node (TypeScript is transpiled first)
//   ```ts no-run         shown only; counted, so skipping is visible
//   ```ts vitest         run as a vitest test file (real describe/it/expect)
//   ```ts postgres       run with node when a PostgreSQL server is reachable (DATABASE_URL is set for it)
//   ```text output       the exact standard output of the runnable block before it

/** Languages whose blocks are executed. */
const RUNNABLE_LANGUAGES = new Set(['ts', 'typescript', 'mts', 'js', 'javascript', 'mjs'])
/** Flags a runnable block may carry; anything else is a typo and fails the test. */
export const KNOWN_FLAGS = new Set(['no-run', 'vitest', 'postgres'])

/** One fenced block. */
export interface CodeBlock {
  /** Path of the Markdown file, relative to the repository root. */
  readonly file: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly language: string
  readonly flags: readonly string[]
  readonly code: string
}

/** A block that is executed (or deliberately not), with the output it must print, if the doc shows one. */
export interface RunnableBlock extends CodeBlock {
  readonly mode: 'node' | 'vitest' | 'postgres' | 'no-run'
  readonly typescript: boolean
  /** The `text output` block that follows it. */
  readonly expectedOutput?: { readonly line: number; readonly text: string }
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/

/**
 * Every fenced block of a Markdown text, top level or indented up to three spaces (as CommonMark
 * reads them). An unclosed fence runs to the end of the file, as CommonMark says.
 */
export function extractCodeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split('\n')
  const blocks: CodeBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', fence = '', info = ''] = open
    if (fence.startsWith('`') && info.includes('`')) continue
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j] ?? '')
      if (close?.[1] && close[1][0] === fence[0] && close[1].length >= fence.length) break
      const text = lines[j] ?? ''
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart())
    }
    const [language = '', ...flags] = info.trim().split(/\s+/).filter(Boolean)
    blocks.push({ file, line: i + 1, language: language.toLowerCase(), flags, code: `${body.join('\n')}\n` })
    i = j
  }
  return blocks
}

/**
 * The runnable blocks of a file, each with the `text output` block that follows it. Throws on an
 * unknown flag or an output block with nothing runnable before it, so a typo cannot hide a block.
 */
export function runnableBlocks(blocks: readonly CodeBlock[]): RunnableBlock[] {
  const result: RunnableBlock[] = []
  for (const block of blocks) {
    if (block.language === 'text' && block.flags.includes('output')) {
      const previous = result.at(-1)
      if (!previous || previous.expectedOutput || previous.mode === 'no-run') {
        throw new Error(`${block.file}:${block.line}: a text output block must follow a runnable code block`)
      }
      result[result.length - 1] = { ...previous, expectedOutput: { line: block.line, text: block.code } }
      continue
    }
    if (!RUNNABLE_LANGUAGES.has(block.language)) continue
    const unknown = block.flags.filter((f) => !KNOWN_FLAGS.has(f))
    if (unknown.length > 0) {
      throw new Error(`${block.file}:${block.line}: unknown code block flag(s) ${unknown.join(', ')}`)
    }
    const mode = block.flags.includes('no-run')
      ? 'no-run'
      : block.flags.includes('vitest')
        ? 'vitest'
        : block.flags.includes('postgres')
          ? 'postgres'
          : 'node'
    result.push({ ...block, mode, typescript: !['js', 'javascript', 'mjs'].includes(block.language) })
  }
  return result
}

/** Bare package names a block imports (`pg`, `@electric-sql/pglite`, `schemaledger`), without `node:` builtins. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>()
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"./][^'"]*)['"]/g
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] ?? ''
    if (specifier.startsWith('node:')) continue
    const parts = specifier.split('/')
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier))
  }
  return [...names].sort()
}
