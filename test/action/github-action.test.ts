import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, ROOT, SEED_V1, SEED_V2 } from '../cli/run-cli.js'

// Runs the action's step as the runner does: its inputs (with action.yml's defaults) evaluated into
// the step's env mapping, GITHUB_* files in a temporary directory, and a local HTTP server playing
// the GitHub REST API that records every request.

const action = readFileSync(join(ROOT, 'action.yml'), 'utf8')

/** The inputs of action.yml with their defaults (the subset of YAML action.yml is written in). */
function inputDefaults(): Record<string, string> {
  const block = action.split(/^inputs:\n/m)[1]?.split(/^\S/m)[0] ?? ''
  const out: Record<string, string> = {}
  for (const [, name, body] of block.matchAll(/^ {2}([a-z-]+):\n((?: {4}.*\n?)*)/gm)) {
    const value = /^ {4}default: (.*)$/m.exec(body ?? '')?.[1] ?? ''
    out[name as string] = value.replace(/^'(.*)'$/, '$1')
  }
  return out
}

/** The step's `run` line and its env mapping, with `${{ inputs.x }}` replaced as the runner does. */
function step(inputs: Record<string, string>): { run: string; env: Record<string, string> } {
  const report = action.split(/^ {4}- id: report\n/m)[1] ?? ''
  const run = /^ {6}run: (.*)$/m.exec(report)?.[1] as string
  const envBlock = report.split(/^ {6}env:\n/m)[1] ?? ''
  const env: Record<string, string> = {}
  for (const [, key, expr] of envBlock.matchAll(/^ {8}([A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)) {
    env[key as string] = inputs[expr as string] ?? ''
  }
  return { run, env }
}

interface Recorded {
  method: string
  url: string
  authorization: string | undefined
  body: { body?: string } | undefined
}

let server: Server
let api = ''
const requests: Recorded[] = []
const comments: { id: number; body: string }[] = [{ id: 1, body: 'LGTM from a person' }]
const dir = mkdtempSync(join(tmpdir(), 'schemaledger-action-'))

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = ''
    req.on('data', (c) => {
      text += c
    })
    req.on('end', () => resolve(text))
  })

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await read(req)
    const body = text ? (JSON.parse(text) as { body: string }) : undefined
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body })
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(value))
    }
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (req.method === 'GET' && url.pathname === '/repos/acme/app/issues/7/comments') {
      const page = Number(url.searchParams.get('page') ?? '1')
      return reply(200, page === 1 ? comments : [])
    }
    if (req.method === 'POST' && url.pathname === '/repos/acme/app/issues/7/comments') {
      const comment = { id: 100 + comments.length, body: body?.body ?? '' }
      comments.push(comment)
      return reply(201, comment)
    }
    const patch = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(url.pathname)
    if (req.method === 'PATCH' && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]))
      if (!comment) return reply(404, { message: 'Not Found' })
      comment.body = body?.body ?? ''
      return reply(200, comment)
    }
    reply(404, { message: 'Not Found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7 } }))
})
afterAll(() => {
  server.close()
  rmSync(dir, { recursive: true, force: true })
})

interface StepRun {
  code: number | null
  stderr: string
  summary: string
  output: string
}

async function runAction(given: Record<string, string>, name: string): Promise<StepRun> {
  const inputs = { ...inputDefaults(), 'github-token': 'ghs_test', cli: `node ${BIN}`, ...given }
  const { run, env } = step(inputs)
  const summary = join(dir, `${name}.summary.md`)
  const output = join(dir, `${name}.output`)
  writeFileSync(summary, '')
  writeFileSync(output, '')
  const child = spawn('bash', ['-c', run], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_API_URL: api,
      ...env,
    },
  })
  let stderr = ''
  child.stderr.on('data', (c) => {
    stderr += c
  })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stderr, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') }
}

describe('the GitHub Action', () => {
  it('maps every input of action.yml into the step', () => {
    const { env } = step(inputDefaults())
    expect(Object.keys(env).sort()).toEqual(
      Object.keys(inputDefaults())
        .map((n) => `INPUT_${n.toUpperCase().replace(/-/g, '_')}`)
        .sort(),
    )
    expect(inputDefaults()['fail-on']).toBe('danger')
  })

  it('writes the summary and creates one comment, then updates that comment on the next run', async () => {
    const first = await runAction({ base: SEED_V1, head: SEED_V2, dialect: 'postgres', 'fail-on': 'none' }, 'first')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.summary.startsWith('<!-- schemaledger-action -->\n### schemaledger lint: report')).toBe(true)
    expect(first.summary).toContain('## Schema changes')
    expect(first.output).toBe('failed=false\ncomment-id=101\n')
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=1',
      'POST /repos/acme/app/issues/7/comments',
    ])
    expect(requests.every((r) => r.authorization === 'Bearer ghs_test')).toBe(true)
    expect(requests[1]?.body?.body).toBe(first.summary)

    requests.length = 0
    const second = await runAction({ base: SEED_V1, head: SEED_V2, dialect: 'postgres', 'fail-on': 'none' }, 'second')
    expect(second.code).toBe(0)
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/app/issues/7/comments?per_page=100&page=1',
      'PATCH /repos/acme/app/issues/comments/101',
    ])
    expect(comments.map((c) => c.id)).toEqual([1, 101])
    expect(comments[1]?.body).toBe(second.summary)
  })

  it('fails the job on --fail-on and still writes the report and a SARIF file', async () => {
    requests.length = 0
    const sarif = join(dir, 'lint.sarif')
    const run = await runAction(
      { base: SEED_V1, head: SEED_V2, dialect: 'postgres', 'fail-on': 'info', 'sarif-file': sarif, comment: 'false' },
      'failing',
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toBe('::error title=schemaledger::findings at or above info (see the job summary)\n')
    expect(run.summary).toContain('### schemaledger lint: ❌ failed')
    expect(run.output).toBe('failed=true\n')
    expect(requests).toEqual([])
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0')
  })

  it('source repository runs the build in the action checkout (the build step makes it; here, npm run build did)', async () => {
    expect(action).toContain("if: inputs.source == 'repository' && inputs.cli == ''")
    const run = await runAction(
      {
        base: SEED_V1,
        head: SEED_V2,
        dialect: 'postgres',
        'fail-on': 'none',
        comment: 'false',
        source: 'repository',
        cli: '',
      },
      'repository',
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.summary).toContain(' on PostgreSQL')
  })

  it('stops with the CLI error when a document is invalid', async () => {
    const run = await runAction({ base: SEED_V1, head: join(dir, 'missing.json'), dialect: 'postgres' }, 'broken')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^::error title=schemaledger::schemaledger lint failed:%0Aschemaledger lint: .*missing\.json/,
    )
  })
})
