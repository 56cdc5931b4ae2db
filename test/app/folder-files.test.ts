// A migration folder as the web app reads it in the page (app/src/lib/sql/folder-files.ts): from an
// `<input webkitdirectory>` (paths under the folder's name) or a dropped directory entry, walked the
// way the command line reads a folder: `.sql` files at most two levels down, hidden folders left out.
import { describe, expect, it } from 'vitest'
import { droppedFolder, folderOf, isMigrationPath } from '../../app/src/lib/sql/folder-files.js'

/** A dropped directory as the browser's entry API gives it; the reader answers two entries at a time. */
function directory(name: string, tree: Record<string, unknown>): FileSystemDirectoryEntry {
  const entries = Object.entries(tree).map(([child, value]): FileSystemEntry => {
    if (typeof value === 'string') {
      return {
        name: child,
        isFile: true,
        isDirectory: false,
        file: (resolve: (f: File) => void) => resolve(new File([value], child)),
      } as unknown as FileSystemEntry
    }
    return directory(child, value as Record<string, unknown>)
  })
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0
      return {
        readEntries: (ok: (batch: FileSystemEntry[]) => void) => {
          const batch = entries.slice(at, at + 2)
          at += batch.length
          setTimeout(() => ok(batch), 0)
        },
      }
    },
  } as unknown as FileSystemDirectoryEntry
}

const TREE = {
  'migration_lock.toml': 'provider = "postgresql"',
  '20240102000000_add_posts': { 'migration.sql': 'CREATE TABLE posts (id int);', 'README.md': 'notes' },
  '20240101000000_init': { 'migration.sql': 'CREATE TABLE users (id int);' },
  '.hidden': { 'x.sql': 'SELECT 1;' },
  deep: { more: { 'too-deep.sql': 'SELECT 2;' } },
  'V3__plain.sql': 'CREATE TABLE tags (id int);',
}

describe('migration folders read in the page', () => {
  it('walks a dropped folder as the command line reads one', async () => {
    const found = await droppedFolder(directory('migrations', TREE))
    expect(found.map((f) => f.path).sort()).toEqual([
      'migrations/20240101000000_init/migration.sql',
      'migrations/20240102000000_add_posts/migration.sql',
      'migrations/V3__plain.sql',
    ])
    expect(await folderOf(found)).toEqual({
      name: 'migrations',
      files: [
        { path: '20240101000000_init/migration.sql', text: 'CREATE TABLE users (id int);' },
        { path: '20240102000000_add_posts/migration.sql', text: 'CREATE TABLE posts (id int);' },
        { path: 'V3__plain.sql', text: 'CREATE TABLE tags (id int);' },
      ],
    })
  })

  it('takes the files of a chosen folder by their path under it, and nothing else', async () => {
    const chosen = [
      ['db/migrations/.git/a.sql', 'x'],
      ['db/migrations/1_init.up.sql', 'CREATE TABLE a (id int);'],
      ['db/migrations/1_init.down.sql', 'DROP TABLE a;'],
      ['db/notes.txt', 'x'],
    ].map(([path, text]) => ({ path: path as string, file: new Blob([text as string]) }))
    expect(await folderOf(chosen)).toEqual({
      name: 'db',
      files: [
        { path: 'migrations/1_init.down.sql', text: 'DROP TABLE a;' },
        { path: 'migrations/1_init.up.sql', text: 'CREATE TABLE a (id int);' },
      ],
    })
    expect(isMigrationPath('m/.x/a.sql')).toBe(false)
    expect(isMigrationPath('m/a/b/c.sql')).toBe(false)
    expect(isMigrationPath('m/a/b.SQL')).toBe(true)
    expect(await folderOf([{ path: 'm/readme.md', file: new Blob(['x']) }])).toBeUndefined()
  })
})
