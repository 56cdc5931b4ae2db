import { PGlite } from '@electric-sql/pglite'
import { defaultConstraintName, defaultIndexName, sequenceName } from './src/sql/dialects/postgres-names.js'
const db = new PGlite()
const t = 'a_very_long_table_name_that_goes_on_and_on_for_quite_a_while_x'  // 62
const c1 = 'column_with_a_pretty_long_name_too', c2 = 'another_column_ééé_with_accents_ü'
await db.exec(`create table "${t}" (id serial primary key, "${c1}" int unique, "${c2}" int, check ("${c1}" > 0), foreign key ("${c2}") references "${t}"(id), unique ("${c1}", "${c2}")); create index on "${t}" ("${c2}", "${c1}"); create index on "${t}" (lower("${c2}"::text))`)
console.log((await db.query(`select conname from pg_constraint where conrelid = '"${t}"'::regclass order by 1`)).rows)
console.log((await db.query(`select relname from pg_class where relname like 'a_very%' order by 1`)).rows)
console.log([defaultConstraintName(t, {type:'primary_key', columns:['id']}), defaultConstraintName(t, {type:'unique', columns:[c1]}), defaultConstraintName(t, {type:'unique', columns:[c1, c2]}), defaultConstraintName(t, {type:'foreign_key', columns:[c2], referencedTable: t, referencedColumns:['id']}), defaultConstraintName(t, {type:'check', expression:'x'}), defaultIndexName(t, {parts:[{column:c2},{column:c1}]}), defaultIndexName(t, {parts:[{expression:'x'}]}), sequenceName(t, 'id')])
