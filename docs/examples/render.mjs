// Renders the examples in this folder from the golden scenarios (test/golden/*), with the built
// package: reports (text, Markdown, HTML, JSON), diagrams as source (Mermaid, DOT) and as pictures
// (Graphviz `dot` for DOT; Mermaid's own renderer in headless Chromium for Mermaid).
//
//   npm run build && node docs/examples/render.mjs
//
// Needs Debian's graphviz and chromium (apt-get install graphviz chromium); pictures it cannot make
// are skipped with a message, the sources are always written.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diffSchemas, parseSchema } from '../../dist/index.js'
import {
  formatHtml,
  formatJson,
  formatMarkdown,
  formatSchemaMarkdown,
  formatText,
} from '../../dist/format/index.js'
import {
  toDot,
  toMermaid,
  toMermaidFlowchart,
  toTree,
  toTreeSvg,
} from '../../dist/visual/index.js'

const here = (file) => new URL(`./${file}`, import.meta.url)
const golden = (scenario, file) => new URL(`../../test/golden/${scenario}/${file}`, import.meta.url)
const json = (url) => JSON.parse(readFileSync(url, 'utf8'))

function load(name) {
  const spec = json(golden(name, 'scenario.json'))
  const from = parseSchema(json(golden(name, spec.from ?? 'from.json')))
  const to = parseSchema(json(golden(name, spec.to ?? 'to.json')))
  const diff = diffSchemas(from, to, spec.renames ? { renames: spec.renames } : {})
  return { spec, from, to, diff, findings: json(golden(name, 'findings.json')), migration: json(golden(name, 'migration.json')) }
}

const written = []
const write = (file, text) => {
  writeFileSync(here(file), text)
  written.push(file)
}

function renderDot(file, source) {
  try {
    for (const format of ['svg', 'png']) {
      const out = file.replace(/\.dot$/, `.${format}`)
      execFileSync('dot', [`-T${format}`, '-Gdpi=110', '-o', here(out).pathname], { input: source })
      written.push(out)
    }
  } catch (error) {
    console.warn(`graphviz dot not usable (${error.message.split('\n')[0]}): ${file} pictures skipped`)
  }
}

async function renderMermaid(jobs) {
  const chromium = ['/usr/bin/chromium', process.env.CHROMIUM_PATH].find((p) => p && existsSync(p))
  if (!chromium) return console.warn('chromium not found: Mermaid pictures skipped (the .mmd sources are written)')
  const { chromium: driver } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'schemaledger-examples-'))
  const context = await driver.launchPersistentContext(profile, {
    executablePath: chromium,
    headless: true,
    deviceScaleFactor: 2,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await context.newPage()
    await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"><div id="out" style="display:inline-block;padding:12px"></div></body></html>')
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js') })
    for (const [file, source] of jobs) {
      const svg = await page.evaluate(async ([id, src]) => {
        window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' })
        const { svg } = await window.mermaid.render(id, src)
        document.getElementById('out').innerHTML = svg
        return svg
      }, [file.replace(/\W/g, '_'), source])
      writeFileSync(here(file.replace(/\.mmd$/, '.svg')), `${svg}\n`)
      await page.locator('#out').screenshot({ path: here(file.replace(/\.mmd$/, '.png')).pathname })
      written.push(file.replace(/\.mmd$/, '.svg'), file.replace(/\.mmd$/, '.png'))
    }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const mermaidJobs = []
for (const name of ['seed', 'shop', 'teams']) {
  const s = load(name)
  const report = { findings: s.findings, migration: s.migration, title: s.spec.title }
  const prefix = name === 'seed' ? '' : `${name}-`
  if (name === 'seed') {
    write('report.txt', formatText(s.diff, report))
    write('report.md', formatMarkdown(s.diff, report))
    write('report.json', formatJson(s.diff, { findings: s.findings, migration: s.migration }))
    write('report.html', formatHtml(s.diff, { ...report, schema: s.to }))
    write('dictionary.md', formatSchemaMarkdown(s.to))
    write('tree.svg', `${toTreeSvg(toTree(s.diff), { title: s.spec.title })}\n`)
    write('flowchart.mmd', toMermaidFlowchart(s.to, { diff: s.diff }))
    mermaidJobs.push(['flowchart.mmd', toMermaidFlowchart(s.to, { diff: s.diff })])
  }
  const er = toMermaid(s.to, { diff: s.diff })
  write(`${prefix}er.mmd`, er)
  mermaidJobs.push([`${prefix}er.mmd`, er])
  const dot = toDot(s.to, { diff: s.diff })
  write(`${prefix}schema.dot`, dot)
  renderDot(`${prefix}schema.dot`, dot)
}
await renderMermaid(mermaidJobs)
console.log(`wrote docs/examples/{${written.join(', ')}}`)
