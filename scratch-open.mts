import { ENGINES } from './test/engines/engines.js'
const f = ENGINES[0]!
let t = performance.now()
const [a, b] = await Promise.all([f.open(), f.open()])
console.log('open2', performance.now() - t); t = performance.now()
await a.exec('create table x (id int primary key)'); console.log('first ddl', performance.now() - t); t = performance.now()
await a.query('select 1'); console.log('q', performance.now() - t); t = performance.now()
await a.close(); await b.close(); console.log('close', performance.now() - t)
