import { execFile } from 'node:child_process'
import type { MigrationFile } from '../sources/migration-layouts.js'
import { CliInputError } from './cli-errors.js'

/**
 * A `git:<rev>:<path>` document argument, split: the revision, the path (relative to the working
 * directory) and the migration a folder reference names after its last `@`.
 *
 * @example
 * ```ts
 * parseGitArgument('git:main~2:db/schema.sql') // { rev: 'main~2', path: 'db/schema.sql', ref: undefined }
 * ```
 */
export function parseGitArgument(argument: string): { rev: string; path: string; ref: string | undefined } {
  const rest = argument.slice('git:'.length)
  const colon = rest.indexOf(':')
  if (colon <= 0 || colon === rest.length - 1) {
    throw new CliInputError('invalid_git_reference', `${argument}: a git document is git:<rev>:<path>`)
  }
  return { rev: rest.slice(0, colon), path: rest.slice(colon + 1), ref: undefined }
}

/** Runs git in `cwd`; its standard output, or an error naming the argument and git's own message. */
function git(cwd: string, args: readonly string[], argument: string, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: maxBytes, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout)
      const code = (error as NodeJS.ErrnoException).code
      const why =
        code === 'ENOENT'
          ? 'git is not installed (git documents are read with the git command line)'
          : code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
            ? `larger than the input size limit (${maxBytes} bytes)`
            : (stderr.trim().split('\n')[0] ?? error.message).replace(/^fatal: /, '')
      reject(new CliInputError('git_failed', `${argument}: ${why}`, { cause: error }))
    })
  })
}

/** What a git path holds at a revision. */
export type GitObject =
  | { readonly kind: 'file'; readonly text: string }
  | { readonly kind: 'folder'; readonly files: readonly MigrationFile[] }

/**
 * Reads a file, or the `.sql` files of a folder, as they were at a revision, with the git command
 * line (`git cat-file`, `git show`, `git ls-tree`); the path is relative to the working directory.
 *
 * @example
 * ```ts
 * const object = await readGitObject(io.cwd, 'HEAD~1', 'schema.json', 'git:HEAD~1:schema.json', maxBytes)
 * ```
 */
export async function readGitObject(
  cwd: string,
  rev: string,
  path: string,
  argument: string,
  maxBytes: number,
): Promise<GitObject> {
  if (rev.startsWith('-'))
    throw new CliInputError('invalid_git_reference', `${argument}: a revision cannot start with -`)
  const spec = `${rev}:./${path.replace(/^\.\//, '')}`
  const type = (await git(cwd, ['cat-file', '-t', spec], argument, maxBytes)).trim()
  if (type === 'blob') return { kind: 'file', text: await git(cwd, ['show', spec], argument, maxBytes) }
  if (type !== 'tree') throw new CliInputError('invalid_git_reference', `${argument}: a ${type}, not a file or folder`)
  // --full-tree: in a subdirectory, ls-tree would list only what lies under the working directory.
  const names = (await git(cwd, ['ls-tree', '--full-tree', '-r', '--name-only', spec], argument, maxBytes))
    .split('\n')
    .filter((name) => /\.sql$/i.test(name) && name.split('/').length <= 2)
  const files: MigrationFile[] = []
  for (const name of names.sort()) {
    files.push({ path: name, text: await git(cwd, ['show', `${spec.replace(/\/$/, '')}/${name}`], argument, maxBytes) })
  }
  return { kind: 'folder', files }
}

/**
 * A commit that changed a path: its full and short hash, author date (ISO 8601, UTC) and subject.
 *
 * @example
 * ```ts
 * const c: GitCommit = { sha: '3f2a...', short: '3f2a9c1', time: '2024-03-01T09:30:00Z', subject: 'Add orders' }
 * ```
 */
export interface GitCommit {
  readonly sha: string
  readonly short: string
  readonly time: string
  readonly subject: string
}

/**
 * The commits that changed a path (a file, or any file under a folder), oldest first, with
 * `git log --reverse -- <path>`; the path is relative to the working directory.
 *
 * @example
 * ```ts
 * const commits = await gitCommits(io.cwd, 'db/schema.sql', 'db/schema.sql', maxBytes)
 * ```
 */
export async function gitCommits(cwd: string, path: string, argument: string, maxBytes: number): Promise<GitCommit[]> {
  const out = await git(
    cwd,
    ['log', '--reverse', '--format=%H%x1f%aI%x1f%s%x1e', '--', `./${path.replace(/^\.\//, '')}`],
    argument,
    maxBytes,
  )
  return out
    .split('\x1e')
    .map((record) => record.trim())
    .filter(Boolean)
    .map((record) => {
      const [sha = '', date = '', subject = ''] = record.split('\x1f')
      // The short hash has a fixed length: saved versions find their commit again by it.
      return { sha, short: sha.slice(0, 7), time: `${new Date(date).toISOString().slice(0, 19)}Z`, subject }
    })
}
