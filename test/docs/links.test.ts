import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { documentationFiles, REPO_ROOT } from './block-sandbox.js'
import { extractCodeBlocks } from './markdown-code-blocks.js'

// Every relative link in README.md and docs/*.md points at a file of the repository, and every
// #anchor at a heading of its target, as GitHub renders it. External links are not fetched.

const DOCUMENTS = documentationFiles()

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingSlug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

/** Markdown text without its fenced code blocks (links and headings there are not links or headings). */
function prose(markdown: string, file: string): string {
  const lines = markdown.split('\n')
  for (const block of extractCodeBlocks(markdown, file)) {
    const length = block.code.split('\n').length
    for (let i = block.line - 1; i <= block.line + length - 1 && i < lines.length; i++) lines[i] = ''
  }
  return lines.join('\n')
}

function anchorsOf(file: string): Set<string> {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const match of prose(readFileSync(file, 'utf8'), file).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = headingSlug(match[1] ?? '')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    anchors.add(n === 0 ? slug : `${slug}-${n}`)
  }
  for (const match of readFileSync(file, 'utf8').matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1] ?? '')
  return anchors
}

describe('documentation links', () => {
  it('derives GitHub anchors', () => {
    expect(headingSlug('The vitest matcher: `toEqualSchema`')).toBe('the-vitest-matcher-toequalschema')
    expect(headingSlug('SQLAlchemy: export a `MetaData` to a document')).toBe(
      'sqlalchemy-export-a-metadata-to-a-document',
    )
    expect(headingSlug('Proving a migration: `verifyMigration`')).toBe('proving-a-migration-verifymigration')
  })

  it.each(DOCUMENTS)('%s: relative links and anchors resolve', (doc) => {
    const path = join(REPO_ROOT, doc)
    const broken: string[] = []
    for (const match of prose(readFileSync(path, 'utf8'), doc).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? ''
      if (/^[a-z]+:/i.test(target)) continue
      const [file = '', anchor] = target.split('#')
      const resolved = file === '' ? path : join(dirname(path), decodeURIComponent(file))
      if (!existsSync(resolved)) {
        broken.push(`${target}: ${relative(REPO_ROOT, resolved)} does not exist`)
        continue
      }
      if (anchor && resolved.endsWith('.md') && !anchorsOf(resolved).has(anchor)) {
        broken.push(`${target}: no heading "#${anchor}" in ${relative(REPO_ROOT, resolved)}`)
      }
    }
    expect(broken).toEqual([])
  })
})
