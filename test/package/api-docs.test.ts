import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  Application,
  type Comment,
  type DeclarationReflection,
  Logger,
  LogLevel,
  type ProjectReflection,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc'
import { beforeAll, describe, expect, it } from 'vitest'

// The API reference is built from the TSDoc of every public entry (typedoc.json). This converts the
// project with typedoc's own API, as `npm run docs` does, and fails when an exported symbol lacks a
// summary or, for functions, classes and constants, an @example: later exports cannot slip through.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Keeps every warning and error typedoc reports, instead of printing them. */
class CollectingLogger extends Logger {
  readonly messages: string[] = []
  override log(message: string, level: LogLevel): void {
    if (level >= LogLevel.Warn) this.messages.push(message)
  }
}

const summaryOf = (comment: Comment | undefined) =>
  (comment?.summary ?? [])
    .map((part) => part.text)
    .join('')
    .trim()
const hasExample = (comment: Comment | undefined) => comment?.blockTags.some((t) => t.tag === '@example') ?? false

/** The comment that documents a reflection: functions carry theirs on the signatures. */
function commentsOf(r: DeclarationReflection): (Comment | undefined)[] {
  return r.signatures?.length ? [r.comment, ...r.signatures.map((s) => s.comment)] : [r.comment]
}

type ExportedSymbol = { name: string; kind: string; summary: boolean; example: boolean }

/** Every symbol an entry exports, as `entry:Name`, with whether it has a summary and an @example. */
function exportedSymbols(project: ProjectReflection): ExportedSymbol[] {
  const kinds =
    ReflectionKind.Function |
    ReflectionKind.Class |
    ReflectionKind.Variable |
    ReflectionKind.Interface |
    ReflectionKind.TypeAlias |
    ReflectionKind.Enum
  const symbols: ExportedSymbol[] = []
  for (const entry of project.children ?? []) {
    for (const r of entry.children ?? []) {
      if (!r.kindOf(kinds)) continue
      const comments = commentsOf(r)
      symbols.push({
        name: `${entry.name}:${r.name}`,
        kind: ReflectionKind.singularString(r.kind),
        summary: comments.some((c) => summaryOf(c) !== ''),
        example: comments.some(hasExample),
      })
    }
  }
  return symbols
}

describe('API reference (typedoc)', () => {
  let symbols: ExportedSymbol[] = []
  let messages: string[] = []

  beforeAll(async () => {
    // Paths in typedoc.json are relative to that file, so this reads the same project `npm run docs` does.
    const app = await Application.bootstrapWithPlugins(
      { options: join(ROOT, 'typedoc.json'), tsconfig: join(ROOT, 'tsconfig.json') },
      [new TypeDocReader(), new TSConfigReader()],
    )
    const logger = new CollectingLogger()
    app.logger = logger
    const project = await app.convert()
    if (!project) throw new Error(`typedoc could not convert the project:\n${logger.messages.join('\n')}`)
    app.validate(project)
    symbols = exportedSymbols(project)
    messages = logger.messages
  }, 180_000)

  it('documents every public entry', () => {
    const entries = new Set(symbols.map((s) => s.name.split(':')[0]))
    expect([...entries].sort()).toEqual([
      'codegen',
      'format',
      'impact',
      'index',
      'introspect',
      'node',
      'sources',
      'sql',
      'storage',
      'testing',
      'verify',
      'visual',
    ])
    expect(symbols.length).toBeGreaterThan(150)
  })

  it('gives every exported symbol a summary', () => {
    expect(symbols.filter((s) => !s.summary).map((s) => `${s.name} (${s.kind})`)).toEqual([])
  })

  it('gives every exported function, class and constant an @example', () => {
    const needExample = new Set(['Function', 'Class', 'Variable'])
    const missing = symbols.filter((s) => needExample.has(s.kind) && !s.example)
    expect(missing.map((s) => `${s.name} (${s.kind})`)).toEqual([])
  })

  it('builds with no warnings (undocumented, unexported or broken links)', () => {
    expect(messages).toEqual([])
  })
})
