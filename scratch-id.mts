import { PGlite } from '@electric-sql/pglite'
const db = new PGlite()
await db.exec(`create table people (id int generated always as identity primary key); alter table people rename to users; alter sequence people_id_seq rename to users_id_seq; alter table users rename column id to uid; alter sequence users_id_seq rename to users_uid_seq;`)
console.log((await db.query(`select relname from pg_class where relkind='S'`)).rows)
