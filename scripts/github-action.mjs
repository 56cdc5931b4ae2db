// The step of the GitHub Action (action.yml): runs `schemaledger lint` and `schemaledger diff` on the
// base and head versions, writes the Markdown report to the job summary and to one pull-request
// comment (found again by a hidden marker and updated, never duplicated), and fails on --fail-on.
// Inputs come as INPUT_* variables (action.yml maps them); test/action/github-action.test.ts runs
// this step with the inputs a workflow gives and a local server in place of the GitHub API.
import { spawnSync } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'

/** The hidden first line of the comment, how a later run finds it. */
export const MARKER = '<!-- schemaledger-action -->'

const input = (name) => (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim()

function fail(message) {
  process.stderr.write(`::error title=schemaledger::${message.replace(/\r?\n/g, '%0A')}\n`)
  process.exit(1)
}

/** Runs the CLI; exit 0 and 2 are answers, anything else is an error worth stopping for. */
function schemaledger(args) {
  const cli =
    input('cli') ||
    (input('source') === 'repository'
      ? `node ${process.env.GITHUB_ACTION_PATH}/dist/cli/index.js`
      : `npx --yes schemaledger@${input('version') || 'latest'}`)
  const [command, ...prefix] = cli.split(/\s+/)
  const run = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (run.error) fail(`could not run ${cli}: ${run.error.message}`)
  if (run.status !== 0 && run.status !== 2) fail(`schemaledger ${args[0]} failed:\n${run.stderr.trim()}`)
  if (run.stderr) process.stderr.write(run.stderr)
  return { code: run.status, stdout: run.stdout }
}

function setOutput(name, value) {
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${name}=${value}\n`)
}

async function github(method, path, body) {
  const api = (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '')
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${input('github-token')}`,
      'x-github-api-version': '2022-11-28',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** The pull request the workflow runs for, from the event payload. */
function pullRequestNumber() {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return undefined
  try {
    const event = JSON.parse(readFileSync(path, 'utf8'))
    return event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined)
  } catch {
    return undefined
  }
}

/** Creates the comment, or updates the one an earlier run wrote (the first with the marker). */
async function upsertComment(repo, number, body) {
  for (let page = 1; ; page++) {
    const comments = await github('GET', `/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`)
    const own = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER))
    if (own) return (await github('PATCH', `/repos/${repo}/issues/comments/${own.id}`, { body })).id
    if (comments.length < 100) break
  }
  return (await github('POST', `/repos/${repo}/issues/${number}/comments`, { body })).id
}

async function main() {
  const base = input('base')
  const head = input('head')
  if (!base || !head) fail('the inputs base and head are required')
  const failOn = input('fail-on') || 'danger'
  const shared = [
    ...(input('dialect') ? ['--dialect', input('dialect')] : []),
    ...(input('dialect-version') ? ['--dialect-version', input('dialect-version')] : []),
    ...(input('config') ? ['--config', input('config')] : []),
  ]
  const lint = schemaledger(['lint', base, head, ...shared, '--format', 'markdown', '--fail-on', failOn])
  const diff = schemaledger(['diff', base, head, ...shared, '--format', 'markdown', '--title', 'Schema changes'])
  if (input('sarif-file')) {
    schemaledger(['lint', base, head, ...shared, '--format', 'sarif', '--fail-on', 'none', '-o', input('sarif-file')])
  }
  const report = `${MARKER}\n${lint.stdout.trim()}\n\n${diff.stdout.trim()}\n`
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, report)
  const failed = lint.code === 2
  setOutput('failed', String(failed))

  const number = pullRequestNumber()
  const repo = process.env.GITHUB_REPOSITORY
  if (input('comment') !== 'false' && number !== undefined && repo && input('github-token')) {
    try {
      setOutput('comment-id', String(await upsertComment(repo, number, report)))
    } catch (error) {
      // A fork's pull request gets a read-only token: the summary still has the report.
      process.stderr.write(`::warning title=schemaledger::no pull-request comment: ${error.message}\n`)
    }
  }
  if (failed) fail(`findings at or above ${failOn} (see the job summary)`)
}

await main()
