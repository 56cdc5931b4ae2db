// A migration folder chosen (`<input webkitdirectory>`) or dropped on the page, as the library's
// MigrationFile list: the `.sql` files at most two levels under the folder, with `/` paths relative to
// it, hidden folders left out (as the command line reads a folder). Read in the page, by the browser:
// nothing is uploaded.

/**
 * A file of the folder: its path relative to the folder and its text, the library's `MigrationFile`
 * (declared here so that this module, which the page loads, imports nothing of the library).
 *
 * @example
 * ```ts
 * const file: FolderFile = { path: '20240101_init/migration.sql', text: 'CREATE TABLE users (id int);' }
 * ```
 */
export interface FolderFile {
  readonly path: string
  readonly text: string
}

/** How deep migration files sit under the folder: `<folder>/<name>/migration.sql` is depth 2. */
const MAX_DEPTH = 2

/**
 * A folder's name and its migration files.
 *
 * @example
 * ```ts
 * const folder: FolderFiles = { name: 'migrations', files: [{ path: '20240101_init/migration.sql', text: '...' }] }
 * ```
 */
export interface FolderFiles {
  readonly name: string
  readonly files: readonly FolderFile[]
}

/**
 * Whether a file name is SQL text (as the command line tells a `.sql` argument).
 *
 * @example
 * ```ts
 * isSqlName('schema.SQL') // true
 * ```
 */
export function isSqlName(name: string): boolean {
  return /\.sql$/i.test(name)
}

/**
 * Whether a path under the folder (its name first) is a migration file the folder's replay reads.
 *
 * @example
 * ```ts
 * isMigrationPath('migrations/20240101_init/migration.sql') // true
 * isMigrationPath('migrations/.git/x.sql') // false
 * ```
 */
export function isMigrationPath(path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '')
  const inside = parts.slice(1)
  return (
    inside.length >= 1 &&
    inside.length <= MAX_DEPTH &&
    inside.slice(0, -1).every((dir) => !dir.startsWith('.')) &&
    isSqlName(inside.at(-1) ?? '')
  )
}

/**
 * The folder of files that carry their path under it (the first part is the folder's name), as an
 * `<input webkitdirectory>` gives them (`webkitRelativePath`); undefined when none is a migration file.
 *
 * @example
 * ```ts
 * const folder = await folderOf([...input.files].map((file) => ({ path: file.webkitRelativePath, file })))
 * ```
 */
export async function folderOf(
  entries: readonly { readonly path: string; readonly file: Blob }[],
): Promise<FolderFiles | undefined> {
  const wanted = entries
    .filter((e) => isMigrationPath(e.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const name = wanted[0]?.path.split('/').find((p) => p !== '')
  if (!name) return undefined
  const files = await Promise.all(
    wanted.map(async (e) => ({
      path: e.path
        .split('/')
        .filter((p) => p !== '')
        .slice(1)
        .join('/'),
      text: await e.file.text(),
    })),
  )
  return { name, files }
}

/** Every entry of a dropped directory (a reader answers in batches until it answers none). */
function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader()
  const all: FileSystemEntry[] = []
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(all)
        all.push(...batch)
        next()
      }, reject)
    next()
  })
}

/**
 * The files of a dropped directory (`DataTransferItem.webkitGetAsEntry()`), with their paths under it,
 * walked as deep as a migration file can sit.
 *
 * @example
 * ```ts
 * const folder = await folderOf(await droppedFolder(entry))
 * ```
 */
export async function droppedFolder(root: FileSystemDirectoryEntry): Promise<{ path: string; file: File }[]> {
  const found: { path: string; file: File }[] = []
  const walk = async (directory: FileSystemDirectoryEntry, path: string, depth: number): Promise<void> => {
    for (const entry of await readAll(directory)) {
      const child = `${path}/${entry.name}`
      if (entry.isDirectory && depth < MAX_DEPTH && !entry.name.startsWith('.')) {
        await walk(entry as FileSystemDirectoryEntry, child, depth + 1)
      } else if (entry.isFile && isSqlName(entry.name)) {
        const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
        found.push({ path: child, file })
      }
    }
  }
  await walk(root, root.name, 1)
  return found
}
