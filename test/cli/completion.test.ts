import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from './run-cli.js'

// The completion scripts come from the command table: they must parse in their shell, and bash's
// completion function, run the way bash runs it, must complete commands, flags and flag choices.

const dir = mkdtempSync(join(tmpdir(), 'schemaledger-completion-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const scripts: Record<string, string> = {}
beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const run = await cli(['completion', shell])
    expect(run.code).toBe(0)
    scripts[shell] = run.stdout
    writeFileSync(join(dir, shell), run.stdout)
  }
})

const has = (shell: string) => {
  const found = spawnSync(shell, ['--version']).status === 0
  if (!found) console.warn(`${shell} is not installed: its completion script is not checked (apt-get install ${shell})`)
  return found
}

/** What bash's completion function offers for the words typed so far (the last one is completed). */
function complete(...words: string[]): string[] {
  const script = [
    `source ${JSON.stringify(join(dir, 'bash'))}`,
    `COMP_WORDS=(schemaledger ${words.map((w) => `'${w}'`).join(' ')})`,
    `COMP_CWORD=${words.length}`,
    '_schemaledger',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash array expansion, not a template
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n')
  const out = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8' })
  expect(out.stderr).toBe('')
  return out.stdout.split('\n').filter(Boolean)
}

describe('schemaledger completion', () => {
  it('bash: the script is valid bash', () => {
    const check = spawnSync('bash', ['-n', join(dir, 'bash')], { encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })

  it('bash: completes commands, subcommands, flags and flag choices', () => {
    expect(complete('li')).toEqual(['lint'])
    expect(complete('s')).toEqual(['sql', 'store'])
    expect(complete('store', 's')).toEqual(['save', 'show'])
    expect(complete('lint', 'a.json', '--fo')).toEqual(['--format'])
    expect(complete('lint', '--format', '')).toEqual(['text', 'markdown', 'json', 'sarif'])
    expect(complete('migrate', '--dialect', 'm')).toEqual(['mysql', 'mariadb'])
    expect(complete('store', 'list', '--f')).toEqual(['--format'])
    expect(complete('completion', '--h')).toEqual(['--help'])
  })

  it('bash: offers every flag that help lists, for every command', async () => {
    const top = await cli(['--help'])
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1] as string)
    expect(commands).toContain('completion')
    const store = ['save', 'list', 'show', 'diff', 'tag', 'verify'].map((s) => ['store', s])
    for (const words of [...commands.filter((c) => c !== 'store').map((c) => [c]), ...store]) {
      const command = words.join(' ')
      const help = (await cli([...words, '--help'])).stdout
      const options = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? ''
      const flags = [...options.matchAll(/^ {2}(?:-[a-z], )? *(--[a-z][a-z-]*)/gm)].map((m) => m[1] as string)
      expect(flags, command).toContain('--help')
      const offered = complete(...words, '--')
      for (const flag of new Set(flags)) expect(offered, `${command} ${flag}`).toContain(flag)
    }
  })

  it.runIf(has('zsh'))('zsh: the script is valid zsh', () => {
    const check = spawnSync('zsh', ['-n', join(dir, 'zsh')], { encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    expect(scripts.zsh).toContain("'--format[report format]:format:(text markdown json sarif)'")
  })

  it.runIf(has('fish'))('fish: the script is valid fish and completes lint', () => {
    const check = spawnSync('fish', ['--no-execute', join(dir, 'fish')], { encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    const out = spawnSync('fish', ['-c', `source ${join(dir, 'fish')}; complete -C 'schemaledger li'`], {
      encoding: 'utf8',
    })
    expect(out.stdout.split('\n')[0]).toMatch(/^lint\t/)
  })

  it('rejects an unknown shell', async () => {
    const run = await cli(['completion', 'tcsh'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('<shell> must be one of bash, zsh, fish (got "tcsh")')
  })
})
