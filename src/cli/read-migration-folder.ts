import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { MigrationFile } from '../sources/migration-layouts.js'
import { CliInputError } from './cli-errors.js'
import { readBoundedFile } from './read-input.js'

/** How deep migration files sit under the folder: `<dir>/<name>/migration.sql` is depth 2. */
const MAX_DEPTH = 2

/**
 * Whether a document argument names a directory (a migration folder).
 *
 * @example
 * ```ts
 * await isDirectory('/repo', 'prisma/migrations') // true
 * ```
 */
export async function isDirectory(cwd: string, path: string): Promise<boolean> {
  try {
    return (await stat(resolve(cwd, path))).isDirectory()
  } catch {
    return false
  }
}

/**
 * The `.sql` files of a migration folder (two levels deep), as the timeline reads them: paths relative
 * to the folder with `/` separators, each file read within the input size limit.
 *
 * @example
 * ```ts
 * const files = await readMigrationFolder(io.cwd, 'prisma/migrations', maxBytes)
 * ```
 */
export async function readMigrationFolder(cwd: string, dir: string, maxBytes: number): Promise<MigrationFile[]> {
  const root = resolve(cwd, dir)
  const files: MigrationFile[] = []
  const walk = async (relative: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = await readdir(join(root, relative), { withFileTypes: true })
    } catch (error) {
      throw new CliInputError('cannot_read', `cannot read the folder ${dir}: ${(error as Error).message}`, {
        cause: error,
      })
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory() && depth < MAX_DEPTH && !entry.name.startsWith('.')) await walk(path, depth + 1)
      else if (entry.isFile() && /\.sql$/i.test(entry.name))
        files.push({ path, text: await readBoundedFile(join(root, path), `${dir}/${path}`, maxBytes) })
    }
  }
  await walk('', 1)
  return files
}
