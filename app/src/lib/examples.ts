// The example documents bundled with the app, read from the repository at build time (Vite JSON
// imports), so the app and the library's tests use the very same files.
import seedV1 from '../../../test/fixtures/seed-v1.json'
import seedV2 from '../../../test/fixtures/seed-v2.json'
import objectsFrom from '../../../test/golden/objects/from.json'
import objectsTo from '../../../test/golden/objects/to.json'
import shopFrom from '../../../test/golden/shop/from.json'
import shopTo from '../../../test/golden/shop/to.json'
import teamsFrom from '../../../test/golden/teams/from.json'
import teamsTo from '../../../test/golden/teams/to.json'

const examplesDir = import.meta.glob<unknown>('../../../examples/*.json', { eager: true, import: 'default' })

/**
 * One bundled document: a file name to show and its JSON value.
 *
 * @example
 * ```ts
 * const doc: ExampleDocument = { file: 'seed-v1.json', value: { metadata: { tables: [] } } }
 * ```
 */
export interface ExampleDocument {
  readonly file: string
  readonly value: unknown
}

/**
 * Two bundled documents that tell one story, loaded together as before and after.
 *
 * @example
 * ```ts
 * const pair = examplePairs[0] // the seed story: users/posts, version 1 -> version 2
 * ```
 */
export interface ExamplePair {
  readonly id: string
  readonly title: string
  readonly before: ExampleDocument
  readonly after: ExampleDocument
}

const fromExamplesDir: ExampleDocument[] = Object.entries(examplesDir)
  .map(([path, value]) => ({ file: path.slice(path.lastIndexOf('/') + 1), value }))
  .sort((a, b) => a.file.localeCompare(b.file))

/**
 * Every bundled document: the seed story, `examples/*.json` (one of them deliberately invalid) and the
 * three other golden scenarios of the report tests (the last with views, routines, triggers and
 * sequences).
 *
 * @example
 * ```ts
 * exampleDocuments.map((d) => d.file) // ['seed-v1.json', 'seed-v2.json', 'blog-v1.json', ...]
 * ```
 */
export const exampleDocuments: readonly ExampleDocument[] = [
  { file: 'seed-v1.json', value: seedV1 },
  { file: 'seed-v2.json', value: seedV2 },
  ...fromExamplesDir,
  { file: 'shop-from.json', value: shopFrom },
  { file: 'shop-to.json', value: shopTo },
  { file: 'teams-from.json', value: teamsFrom },
  { file: 'teams-to.json', value: teamsTo },
  { file: 'objects-from.json', value: objectsFrom },
  { file: 'objects-to.json', value: objectsTo },
]

const doc = (file: string): ExampleDocument => {
  const found = exampleDocuments.find((d) => d.file === file)
  if (!found) throw new Error(`bundled example ${file} is missing`)
  return found
}

/**
 * The bundled before/after pairs, the seed story first.
 *
 * @example
 * ```ts
 * workbench.loadPair(examplePairs[0])
 * ```
 */
export const examplePairs: readonly ExamplePair[] = [
  {
    id: 'seed',
    title: 'Blog: users and posts (the seed story)',
    before: doc('seed-v1.json'),
    after: doc('seed-v2.json'),
  },
  { id: 'blog', title: 'Blog (examples/)', before: doc('blog-v1.json'), after: doc('blog-v2.json') },
  { id: 'shop', title: 'Shop: enums, a renamed table', before: doc('shop-from.json'), after: doc('shop-to.json') },
  {
    id: 'teams',
    title: 'Teams: a dropped table in a foreign-key cycle',
    before: doc('teams-from.json'),
    after: doc('teams-to.json'),
  },
  {
    id: 'objects',
    title: 'Orders: a view, a function, a trigger and a sequence',
    before: doc('objects-from.json'),
    after: doc('objects-to.json'),
  },
]
