import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { MigrationFile } from '../../src/sources/index.js'
import type { MigrationStep } from '../fixtures/migrations/inventory-steps.js'

// One list of migration steps laid out as each tool keeps it, with each tool's own conventions:
// file names, version order, where the down part goes. The replay tests read these files as a user's
// folder would give them.

/** The layouts a step list is written in here. */
export type FixtureLayout = 'diesel' | 'golang-migrate' | 'dbmate' | 'flyway' | 'plain'

/** `YYYYMMDDHHMMSS` of the i-th migration: three days apart, at varying hours, from 2024-01-03 09:00. */
function stamp(i: number): string {
  const t = new Date(Date.UTC(2024, 0, 3, 9, 0, 0) + i * (3 * 86_400_000 + 3_607_000))
  return t.toISOString().replace(/\D/g, '').slice(0, 14)
}

/** Flyway versions that only sort right as numbers: V1, V1.1 ... V1.14, V2, V2.1 ... (1.10 after 1.9). */
export function flywayVersion(i: number): string {
  const major = Math.floor(i / 15) + 1
  const minor = i % 15
  return minor === 0 ? `${major}` : `${major}.${minor}`
}

// What `diesel setup` writes: helper functions every diesel project starts with.
const DIESEL_SETUP_UP = `-- This file was automatically created by Diesel to setup helper functions
-- and other internal bookkeeping. This file is safe to edit, any future
-- changes will be added to existing projects as new migrations.

-- Sets up a trigger for the given table to automatically set a column called
-- \`updated_at\` whenever the row is modified (unless \`updated_at\` was included
-- in the modified columns)
CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s
                    FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION diesel_set_updated_at() RETURNS trigger AS $$
BEGIN
    IF (
        NEW IS DISTINCT FROM OLD AND
        NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
    ) THEN
        NEW.updated_at := current_timestamp;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
`
const DIESEL_SETUP_DOWN = `-- This file was automatically created by Diesel to setup helper functions
-- and other internal bookkeeping. This file is safe to edit, any future
-- changes will be added to existing projects as new migrations.

DROP FUNCTION IF EXISTS diesel_manage_updated_at(_tbl regclass);
DROP FUNCTION IF EXISTS diesel_set_updated_at();
`

/**
 * The files of a migration folder in a tool's layout, for a list of steps:
 * - diesel: `diesel setup`'s `00000000000000_diesel_initial_setup`, then `YYYY-MM-DD-HHMMSS_<name>/up.sql` and `down.sql`;
 * - golang-migrate: `<n>_<name>.up.sql` and `.down.sql`, n from 1 without padding (10 sorts after 9 only as a number);
 * - dbmate: `YYYYMMDDHHMMSS_<name>.sql` with `-- migrate:up` and `-- migrate:down` sections;
 * - flyway: `V<version>__<name>.sql` with versions 1, 1.1 ... 1.14, 2 ..., and undo migrations `U<version>__<name>.sql`;
 * - plain: `<n>_<name>.sql`, no down part.
 */
export function layOut(steps: readonly MigrationStep[], layout: FixtureLayout): MigrationFile[] {
  switch (layout) {
    case 'diesel':
      return [
        { path: '00000000000000_diesel_initial_setup/up.sql', text: DIESEL_SETUP_UP },
        { path: '00000000000000_diesel_initial_setup/down.sql', text: DIESEL_SETUP_DOWN },
        ...steps.flatMap((s, i) => {
          const t = stamp(i)
          const dir = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}-${t.slice(8)}_${s.name}`
          return [
            { path: `${dir}/up.sql`, text: `-- Your SQL goes here\n${s.up}` },
            { path: `${dir}/down.sql`, text: `-- This file should undo anything in \`up.sql\`\n${s.down}` },
          ]
        }),
      ]
    case 'golang-migrate':
      return steps.flatMap((s, i) => [
        { path: `${i + 1}_${s.name}.up.sql`, text: s.up },
        { path: `${i + 1}_${s.name}.down.sql`, text: s.down },
      ])
    case 'dbmate':
      return steps.map((s, i) => ({
        path: `${stamp(i)}_${s.name}.sql`,
        text: `-- migrate:up\n${s.up}\n-- migrate:down\n${s.down}`,
      }))
    case 'flyway':
      return steps.flatMap((s, i) => [
        { path: `V${flywayVersion(i)}__${s.name}.sql`, text: s.up },
        { path: `U${flywayVersion(i)}__${s.name}.sql`, text: s.down },
      ])
    case 'plain':
      return steps.map((s, i) => ({ path: `${i + 1}_${s.name}.sql`, text: s.up }))
  }
}

/** The migration names a layout gives the steps, in the order its tool applies them. */
export function layoutNames(steps: readonly MigrationStep[], layout: FixtureLayout): string[] {
  const isUp: Record<FixtureLayout, (path: string) => boolean> = {
    diesel: (p) => p.endsWith('/up.sql'),
    'golang-migrate': (p) => p.endsWith('.up.sql'),
    dbmate: () => true,
    flyway: (p) => p.startsWith('V'),
    plain: () => true,
  }
  return layOut(steps, layout)
    .filter((f) => isUp[layout](f.path))
    .map((f) => f.path.replace(/(\/up\.sql|\.up\.sql|\.sql)$/, ''))
}

/** Writes files under a directory (made as needed). */
export function writeFiles(dir: string, files: readonly MigrationFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true })
    writeFileSync(join(dir, file.path), file.text)
  }
}
