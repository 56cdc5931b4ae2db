// Writes docs/rules.md from the built-in analyzers' own metadata (code, title, severity, dialects,
// docs), so the catalogue cannot drift from the code. Run after `npm run build`:
//   node scripts/write-rules-doc.mjs
// test/impact/rules-doc.test.ts renders the same text from the sources and fails when the file is stale.
// It also sets the rule counts of README.md and docs/comparison.md, which the same test checks.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const FAMILIES = [
  ['DS', 'Destructive: changes that lose data'],
  ['DD', 'Data-dependent: changes that can fail on existing rows'],
  ['LK', 'Locks and rewrites: changes that stall a busy table'],
  ['BC', 'Backward-incompatible: changes the running application cannot cope with'],
  ['TX', 'Transactions: statements whose transaction handling can fail or half-apply'],
  ['BP', 'Design: problems a change introduces (or a schema has)'],
  ['NM', 'Naming: names against your patterns'],
]

const SQL_START = /^(CREATE|ALTER|DROP|MODIFY|FOREIGN|INSERT|UPDATE)\b/

const dialectsText = (dialects) => (dialects === 'all' ? 'all' : dialects.join(', '))
const anchor = (code) => code.toLowerCase()

const familyRank = (code) => {
  const i = FAMILIES.findIndex(([prefix]) => code.startsWith(prefix))
  return i < 0 ? FAMILIES.length : i
}

/** The "Linting one version" section: lintSchema, which rules it runs, options and defaults. */
function lintSection(analyzers) {
  const codes = analyzers.filter((a) => a.lint).map((a) => a.code)
  return [
    '## Linting one version',
    '',
    '`lintSchema(schema, { dialect, dialectVersion, rules, naming })` applies the design and naming rules to a',
    'single schema version, with no diff: the schema is linted as if every table and enum were created, by the',
    'same rule code that `analyzeImpact` runs on `create_table`, and returns the same `Finding` objects. Each',
    'finding names its object in `path` (`users`, `users.email`, `users.ix_users_email`, `enum:mood`,',
    '`schema:billing`) and the create change it belongs to in `change`; it has no deploy `phase`. Findings come',
    'in schema order (enums, then tables by name), then by path and code. The CLI runs it as',
    '`schemaledger lint <doc>`.',
    '',
    '```ts',
    "import { parseSchema } from 'schemaledger'",
    "import { lintSchema } from 'schemaledger/impact'",
    '',
    'const doc = {',
    "  metadata: { tables: [{ name: 'events', columns: [{ name: 'happened_at', type: 'TIMESTAMP' }] }] },",
    '}',
    "const findings = lintSchema(parseSchema(doc), { dialect: 'postgres', rules: { enable: ['BP001', 'BP004'] } })",
    'for (const f of findings) console.log(f.severity, f.code, f.path, f.message)',
    '```',
    '',
    `Rules it runs (the "Lint" column below): ${codes.join(', ')}. \`rules\` works as for \`analyzeImpact\`:`,
    'opt-in rules run when named in `rules.enable`, `rules.disable` turns any rule off, `rules.severity`',
    're-grades one, and your own `defineAnalyzer` rules in `rules.add` run when they declare `lint: true`. Codes',
    'of rules that only judge changes are accepted and ignored, so one rule set serves both functions.',
    '',
    'Naming rules (NM) are off until asked for. `naming` takes a RegExp or a string per kind: `schema` (NM001),',
    '`table` (NM002), `column` (NM003), `index` (NM004), `foreignKey` (NM005), `check` (NM006), `constraint`',
    '(NM007: primary keys and unique constraints, and foreign keys and checks without a pattern of their own)',
    'and `enum` (NM008). Giving a pattern turns its rule on; a rule turned on with `rules.enable` and no',
    'pattern checks snake_case, `^[a-z][a-z0-9_]*$`. Patterns are tested like `RegExp.test`, so anchor them.',
    'Unnamed constraints and indexes are not checked: the database names them. `analyzeImpact` takes the',
    'same `naming` option and checks the names a migration introduces.',
    '',
    'Names (BP008) follow the dialect, as planMigration and createSchemaSQL do (they refuse such names):',
    'PostgreSQL truncates names over 63 bytes; MySQL and MariaDB refuse names over 64 characters, ending in',
    'a space or holding characters beyond U+FFFF; SQLite keeps names starting with `sqlite_`. See',
    '[SQL safety](sql-safety.md).',
  ]
}

/**
 * The Markdown of docs/rules.md for a list of analyzers, in catalogue order (DS, DD, LK, BC, TX, BP, NM),
 * the versions each dialect's facts assume when none is given, and the codes of findings that come
 * from suppressions rather than from a rule (`suppressionCodes`: code, title, severity, docs).
 */
export function renderRulesDoc(analyzers, facts = {}, suppressionCodes = []) {
  const sorted = [...analyzers].sort(
    (a, b) => familyRank(a.code) - familyRank(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  )
  const assumed = ['postgres', 'mysql', 'mariadb', 'sqlite']
    .filter((name) => facts[name])
    .map((name) => `\`${name}\`: ${facts[name].version(undefined, name).label}`)
  const lines = [
    '# Impact rules',
    '',
    "<!-- Generated by scripts/write-rules-doc.mjs from the analyzers' metadata. Do not edit by hand:",
    '     run `npm run build && node scripts/write-rules-doc.mjs`. -->',
    '',
    '`analyzeImpact(diff, { dialect, dialectVersion, from, to, profile, rules })` runs every enabled rule that',
    'applies to the dialect on every change of the diff. Severities: **danger** = data loss or certain',
    'failure, **warning** = can fail or lock on real data, **info** = worth knowing, nothing breaks. A data',
    'profile (`profile`) can raise or lower a finding where the rule says so. Opt-in rules run only when',
    'named in `rules.enable`; any rule can be turned off with `rules.disable` or given another severity',
    'with `rules.severity`, and `rules.add` takes your own `defineAnalyzer` rules.',
    '',
    ...(assumed.length > 0
      ? [
          "Rules ask the dialect's impact facts what the engine does at the target version. Without",
          `\`dialectVersion\` these versions are assumed (and findings say so): ${assumed.join(', ')}.`,
          '',
        ]
      : []),
    ...lintSection(sorted),
    '',
    '## All rules',
    '',
    '| Code | Severity | Dialects | Default | Lint | Title |',
    '| --- | --- | --- | --- | --- | --- |',
    ...sorted.map(
      (a) =>
        `| [${a.code}](#${anchor(a.code)}) | ${a.severity} | ${dialectsText(a.dialects)} | ${a.enabledByDefault ? 'on' : 'opt-in'} | ${a.lint ? 'yes' : ''} | ${a.title} |`,
    ),
  ]
  for (const [prefix, heading] of FAMILIES) {
    const family = sorted.filter((a) => a.code.startsWith(prefix))
    if (family.length === 0) continue
    lines.push('', `## ${heading}`)
    for (const a of family) {
      const fence = SQL_START.test(a.docs.bad) ? 'sql' : 'text'
      lines.push(
        '',
        `### ${a.code}`,
        '',
        `**${a.title}.** Severity: ${a.severity}. Dialects: ${dialectsText(a.dialects)}. ${a.enabledByDefault ? 'On by default.' : 'Opt-in.'}${a.lint ? ' Also in `lintSchema`.' : ''}`,
        '',
        'Bad:',
        '',
        `\`\`\`${fence}`,
        a.docs.bad,
        '```',
        '',
        `Why it hurts: ${a.docs.why}`,
        '',
        `Safe alternative: ${a.docs.fix}`,
      )
    }
  }
  const others = sorted.filter((a) => !FAMILIES.some(([prefix]) => a.code.startsWith(prefix)))
  if (others.length > 0) throw new Error(`no family heading for ${others.map((a) => a.code).join(', ')}`)
  if (suppressionCodes.length > 0) {
    lines.push(
      '',
      '## Suppressions: findings about accepted findings',
      '',
      'These findings come from the `suppressions` option of `analyzeImpact` and `lintSchema` (the',
      "config file's `suppressions`, see [config.md](config.md)), not from a rule that looks at changes, so",
      '`rules.disable` and `rules.severity` do not name them.',
    )
    for (const r of suppressionCodes) {
      lines.push(
        '',
        `### ${r.code}`,
        '',
        `**${r.title}.** Severity: ${r.severity}. Dialects: all. On whenever suppressions are given.`,
        '',
        'Bad:',
        '',
        '```text',
        r.docs.bad,
        '```',
        '',
        `Why it hurts: ${r.docs.why}`,
        '',
        `Safe alternative: ${r.docs.fix}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Documents that say how many rules there are, each figure between rule-count markers. */
export const RULE_COUNT_DOCS = ['README.md', 'docs/comparison.md']

/** A rule count in a document: `<!-- rule-count -->68<!-- /rule-count -->`. */
export const RULE_COUNT = /<!-- rule-count -->(\d+)<!-- \/rule-count -->/g

/** The text with every rule-count figure set to `count`. */
export const withRuleCount = (text, count) =>
  text.replace(RULE_COUNT, `<!-- rule-count -->${count}<!-- /rule-count -->`)

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { builtinAnalyzers, EXPIRED_SUPPRESSION } = await import('../dist/impact/index.js')
  const { impactFacts } = await import('../dist/sql/index.js')
  const target = new URL('../docs/rules.md', import.meta.url)
  writeFileSync(target, renderRulesDoc(builtinAnalyzers, impactFacts, [EXPIRED_SUPPRESSION]))
  console.log(`wrote ${fileURLToPath(target)} (${builtinAnalyzers.length} rules)`)
  for (const doc of RULE_COUNT_DOCS) {
    const file = new URL(`../${doc}`, import.meta.url)
    writeFileSync(file, withRuleCount(readFileSync(file, 'utf8'), builtinAnalyzers.length))
  }
}
