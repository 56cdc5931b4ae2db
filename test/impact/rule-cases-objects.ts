import type { Schema } from '../../src/index.js'
import { ALL, base, blog, collect, MY } from './rule-case-kit.js'
import { posts, users } from './schemas.js'

// DS016, BC014, LK026: rules on views, triggers and routines.

const { cases, add } = collect()

const withObjects = (s: Schema, objects: Partial<Pick<Schema, 'views' | 'triggers' | 'events'>>): Schema => ({
  ...s,
  ...objects,
})
const trigger = {
  name: 'posts_audit',
  table: 'posts',
  timing: 'after' as const,
  events: ['insert' as const],
  body: 'BEGIN SELECT 1; END',
}
const titles = (definition = 'SELECT id, title FROM posts') => ({ name: 'post_titles', definition })

add('DS016', ALL, 'drop a trigger', withObjects(base, { triggers: [trigger] }), base, [
  'warning trigger:posts.posts_audit',
])
add(
  'DS016',
  ALL,
  'keep the trigger, add a column',
  withObjects(base, { triggers: [trigger] }),
  withObjects(blog(users({ nick: 'text' })), { triggers: [trigger] }),
  [],
)
const purge = {
  name: 'purge_posts',
  schedule: { every: '1', unit: 'day' as const },
  body: 'DELETE FROM posts WHERE id < 0',
}
add('DS016', MY, 'drop a scheduled event', withObjects(base, { events: [purge] }), base, ['warning event:purge_posts'])
add(
  'BC014',
  MY,
  'drop a column a view reads',
  withObjects(base, { views: [titles()] }),
  withObjects(blog(users(), posts({ title: undefined })), { views: [titles()] }),
  ['warning posts.title'],
)
add(
  'BC014',
  MY,
  'drop a column and change the view',
  withObjects(base, { views: [titles()] }),
  withObjects(blog(users(), posts({ title: undefined })), { views: [titles('SELECT id FROM posts')] }),
  [],
)
add(
  'LK026',
  ['postgres', 'sqlite'],
  'change the type of a column under a view',
  withObjects(base, { views: [titles()] }),
  withObjects(blog(users(), posts({ title: 'text!' })), { views: [titles()] }),
  ['info posts.title'],
)
add(
  'LK026',
  ['postgres', 'sqlite'],
  'change the type of a column no view reads',
  withObjects(base, { views: [titles()] }),
  withObjects(blog(users({ name: 'text' })), { views: [titles()] }),
  [],
)

export const objectCases = cases
