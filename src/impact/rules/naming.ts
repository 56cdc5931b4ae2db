import { defineAnalyzer } from '../define-analyzer.js'
import { introducedNames } from '../introduced-names.js'
import { NAME_RULES } from '../naming-options.js'
import type { Analyzer } from '../types.js'

// NM: names against the caller's patterns (catalogue row NM001-006: Atlas NM101-NM106, Bytebase
// naming.*, Skeema name-case). Opt-in: a pattern in `naming` turns its rule on; `rules.enable` turns
// one on with snake_case. Each checks the names a change introduces, so lintSchema checks them all.

interface NamingRule {
  readonly code: string
  readonly option: string
  readonly title: string
  readonly bad: string
  readonly what: string
}

const RULES: readonly NamingRule[] = [
  {
    code: 'NM001',
    option: 'schema',
    title: 'Schema (namespace) names',
    bad: 'CREATE SCHEMA "Billing"',
    what: 'schema',
  },
  { code: 'NM002', option: 'table', title: 'Table names', bad: 'CREATE TABLE "UserAccounts" (...)', what: 'table' },
  {
    code: 'NM003',
    option: 'column',
    title: 'Column names',
    bad: 'ALTER TABLE "users" ADD COLUMN "firstName" text',
    what: 'column',
  },
  {
    code: 'NM004',
    option: 'index',
    title: 'Index names',
    bad: 'CREATE INDEX "users_by_email" ON "users" ("email")   -- policy: ^ix_',
    what: 'index',
  },
  {
    code: 'NM005',
    option: 'foreignKey',
    title: 'Foreign key names',
    bad: 'ALTER TABLE "posts" ADD CONSTRAINT "posts_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id")   -- policy: ^fk_',
    what: 'foreign key',
  },
  {
    code: 'NM006',
    option: 'check',
    title: 'Check constraint names',
    bad: 'ALTER TABLE "users" ADD CONSTRAINT "positive_age" CHECK ("age" > 0)   -- policy: ^ck_',
    what: 'check constraint',
  },
  {
    code: 'NM007',
    option: 'constraint',
    title: 'Primary key and unique constraint names',
    bad: 'ALTER TABLE "users" ADD CONSTRAINT "UsersEmail" UNIQUE ("email")',
    what: 'primary key or unique constraint',
  },
  {
    code: 'NM008',
    option: 'enum',
    title: 'Enum type names',
    bad: "CREATE TYPE \"OrderStatus\" AS ENUM ('new', 'paid')",
    what: 'enum type',
  },
]

function namingAnalyzer(rule: NamingRule): Analyzer {
  return defineAnalyzer({
    code: rule.code,
    title: `${rule.title} that do not match the naming pattern`,
    dialects: 'all',
    severity: 'info',
    enabledByDefault: false,
    lint: true,
    docs: {
      bad: rule.bad,
      why: 'Names that follow one convention are predictable for people, ORMs and generated code; mixed styles need quoting and guessing.',
      fix: `Rename it to match \`naming.${rule.option}\` (snake_case, \`^[a-z][a-z0-9_]*$\`, when the rule is enabled without a pattern). Opt-in: giving the pattern turns the rule on.`,
    },
    analyze(change, ctx) {
      return introducedNames(change, ctx)
        .filter((n) => NAME_RULES[n.kind] === rule.code && !ctx.namePattern(n.kind).test(n.name))
        .map((n) => {
          const pattern = String(ctx.namePattern(n.kind))
          return {
            path: n.path,
            message: `${n.what} name "${n.name}" does not match ${pattern}`,
            explanation: `The naming convention for ${rule.what} names is ${pattern}; names that follow one convention are predictable for people, ORMs and generated code.`,
            fix: { description: `Rename it to match ${pattern}.` },
          }
        })
    },
  })
}

/** The NM rules, by code. @internal */
export const namingAnalyzers: readonly Analyzer[] = RULES.map(namingAnalyzer)
