import { resolve } from 'node:path'
import { fileAdapter } from '../../node/file-adapter.js'
import { createSchemaStore } from '../../storage/create-schema-store.js'
import { defineCommand } from '../command.js'
import {
  DIALECT_OPTION,
  MAX_INPUT_OPTION,
  OUTPUT_OPTION,
  SQL_INPUT_OPTIONS,
  STORE_OPTION,
  sqlInputOf,
} from '../common-options.js'
import { ExitCode } from '../exit-codes.js'
import { loadGitTimeline } from '../git-timeline.js'
import { loadTimeline } from '../migration-timeline.js'
import { maxInputBytes } from '../read-input.js'
import { saveTimeline } from '../save-timeline.js'
import { formatTimelineHtml } from '../timeline-html.js'
import {
  type AnyTimeline,
  endJson,
  errorJson,
  formatTimelineMarkdown,
  formatTimelineText,
  stepJson,
} from '../timeline-report.js'
import { writeOutput } from '../write-output.js'

/**
 * `schemaledger history <dir>`: a migration folder replayed into a timeline of versions, each with
 * what it changed and what that risks; `history --git <path>`: the same from the commits that changed
 * a schema file, a `.sql` file or a migration folder.
 *
 * @example
 * ```ts
 * await historyCommand.run({ positionals: ['prisma/migrations'], values: { dialect: 'postgres', format: 'text' }, io })
 * ```
 */
export const historyCommand = defineCommand({
  name: 'history',
  summary: 'a timeline of versions, diffs and findings from a migration folder or git history',
  usage: [
    'history <dir> [--dialect <name>] [--layout <layout>] [--format text|markdown|json|html] [--dev-url <url>]',
    'history --git <path> [--dialect <name>] [--format text|markdown|json|html]',
    'history <dir> --save <name> [--store <dir>]',
  ],
  description:
    "Replays the migrations of a folder in their tool's order (Prisma, diesel, golang-migrate, dbmate,\n" +
    'Flyway, or plain ordered .sql files) on an embedded engine (PGlite for PostgreSQL, sql.js for SQLite)\n' +
    'or in a scratch database on --dev-url (needed for MySQL/MariaDB), reads the schema after each one and\n' +
    'prints every migration as a version with its changes and findings. --format json writes one line per\n' +
    'migration as it is replayed, then a last line. A migration that fails stops the replay: the versions\n' +
    'before it are printed, the error names the file, line and statement, and the exit code is 1.',
  arguments: [['<dir>', 'the migration folder']],
  positionals: { min: 1, max: 1 },
  options: {
    format: {
      type: 'string',
      value: 'format',
      choices: ['text', 'markdown', 'json', 'html'],
      default: 'text',
      description: 'text, markdown, JSON lines (one per migration), or a self-contained HTML page',
    },
    git: {
      type: 'boolean',
      description: 'walk the git commits that changed <path> instead of replaying a folder on disk',
    },
    ...DIALECT_OPTION,
    ...SQL_INPUT_OPTIONS,
    save: {
      type: 'string',
      value: 'name',
      description: 'save every migration as a version of this name in the store (re-running adds only new ones)',
    },
    ...STORE_OPTION,
    ...OUTPUT_OPTION,
    ...MAX_INPUT_OPTION,
  },
  examples: [
    ['The history of a Prisma project', 'history prisma/migrations --dialect postgres'],
    ['A review document', 'history db/migrations --format markdown -o HISTORY.md'],
    [
      'MariaDB migrations on a dev server',
      'history migrations --dialect mariadb --dev-url mysql://root@localhost:3306',
    ],
    ['Keep the versions in the store', 'history prisma/migrations --dialect postgres --save shop'],
    ['Machine-readable, streamed', 'history migrations --format json | jq -c "select(.findings | length > 0)"'],
    ['The git history of a pg_dump', 'history --git db/structure.sql --format html -o history.html'],
    ['The git history of a Rails application', 'history --git . --layout rails --save app'],
  ],
  async run({ positionals, values, io }) {
    const dir = positionals[0] ?? ''
    const maxBytes = maxInputBytes(values['max-input-size'], io.env)
    const streaming = values.format === 'json' && values.output === undefined
    const lines: string[] = []
    const emit = (record: Record<string, unknown>) => {
      const line = `${JSON.stringify(record)}\n`
      if (streaming) io.write(line)
      else lines.push(line)
    }
    const input = sqlInputOf(values)
    const timeline: AnyTimeline = values.git
      ? await loadGitTimeline(io, dir, input, maxBytes, {
          onStep: (step) => emit(stepJson(step)),
          onError: (error) => {
            emit(errorJson(error))
            const where = error.line !== undefined ? `${error.file}:${error.line}` : error.file
            io.error(`schemaledger history: ${error.commit}: ${where}: ${error.message} (commit skipped)\n`)
          },
        })
      : (await loadTimeline(io, dir, input, maxBytes, { onStep: (step) => emit(stepJson(step)) })).timeline
    if (values.format === 'json') {
      const end = `${JSON.stringify(endJson(timeline))}\n`
      if (streaming) io.write(end)
      else await writeOutput(io, lines.join('') + end, values.output)
    } else {
      const text =
        values.format === 'markdown'
          ? formatTimelineMarkdown(dir, timeline)
          : values.format === 'html'
            ? formatTimelineHtml(dir, timeline)
            : formatTimelineText(dir, timeline)
      await writeOutput(io, text, values.output)
    }
    if (values.save !== undefined) {
      const store = createSchemaStore({ adapter: fileAdapter({ dir: resolve(io.cwd, values.store) }) })
      try {
        const { added, skipped, unchanged, versions } = await saveTimeline(store, values.save, timeline)
        io.error(
          `schemaledger history: ${values.save}: ${added} version(s) added, ${skipped} already saved, ${unchanged} without schema change; ${versions} in all\n`,
        )
      } finally {
        await store.dispose()
      }
    }
    if ('source' in timeline) {
      // Old commits that do not read are history; a newest one that does not read is today's problem.
      return timeline.errors.at(-1)?.index === timeline.total ? ExitCode.error : ExitCode.ok
    }
    if (timeline.failure) {
      io.error(`schemaledger history: ${dir}/${timeline.failure.error.message}\n`)
      return ExitCode.error
    }
    return ExitCode.ok
  },
})
