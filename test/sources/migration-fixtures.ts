import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { MigrationFile } from '../../src/sources/index.js'

/** The files of a fixture folder under test/fixtures/migrations, as replayMigrations takes them. */
export function fixtureFiles(name: string): MigrationFile[] {
  const root = new URL(`../fixtures/migrations/${name}/`, import.meta.url).pathname
  const out: MigrationFile[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else out.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') })
    }
  }
  walk(root)
  return out
}
