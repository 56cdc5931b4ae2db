import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'

// Databases built on the test servers and dumped with their own tools (pg_dump -s, mysqldump
// --no-data), so that readSQL is checked against what those tools really write.

export const PG_URL = process.env.SCHEMALEDGER_PG_URL
export const MYSQL_URL = process.env.SCHEMALEDGER_MYSQL_URL

const has = (command: string) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0
const mysqldump = ['mariadb-dump', 'mysqldump'].find(has)

/** Why the PostgreSQL dump test cannot run here, if it cannot. */
export const pgDumpSkip = !PG_URL
  ? 'SCHEMALEDGER_PG_URL is not set: no PostgreSQL server to dump'
  : has('pg_dump')
    ? undefined
    : 'pg_dump is not installed'
/** Why the MariaDB dump test cannot run here, if it cannot. */
export const mysqlDumpSkip = !MYSQL_URL
  ? 'SCHEMALEDGER_MYSQL_URL is not set: no MariaDB server to dump'
  : mysqldump
    ? undefined
    : 'neither mariadb-dump nor mysqldump is installed'

export const uniqueName = (prefix: string) => `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

/** `pg_dump -s` of a database on the server at `url`. */
export function pgDumpSchema(url: string, database: string): string {
  const target = new URL(url)
  target.pathname = `/${database}`
  const result = spawnSync('pg_dump', ['-s', '--dbname', target.toString()], { encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`)
  return result.stdout
}

/** `mysqldump --no-data` (or mariadb-dump) of a database on the server at `url`. */
export function mysqlDumpSchema(url: string, database: string): string {
  const u = new URL(url)
  const args = [
    '--no-data',
    '--routines',
    '--triggers',
    '-h',
    u.hostname,
    '-P',
    u.port || '3306',
    '-u',
    decodeURIComponent(u.username),
  ]
  if (u.password) args.push(`-p${decodeURIComponent(u.password)}`)
  const result = spawnSync(mysqldump as string, [...args, database], { encoding: 'utf8', timeout: 60_000 })
  if (result.status !== 0) throw new Error(`${mysqldump} failed: ${result.stderr}`)
  return result.stdout
}

/** A PostgreSQL schema with the object kinds introspection reads, and a few a dump adds around them. */
export const PG_SOURCE = `
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email citext NOT NULL UNIQUE,
  name varchar(120) NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT customers_name_check CHECK (length(name) < 100)
);
COMMENT ON TABLE customers IS 'people who buy';
COMMENT ON COLUMN customers.email IS 'login';
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status order_status NOT NULL DEFAULT 'new',
  total numeric(10, 2) NOT NULL CHECK (total >= 0),
  tags text[] NOT NULL DEFAULT '{}',
  note text
);
CREATE INDEX orders_customer_idx ON orders (customer_id, status DESC);
CREATE INDEX orders_note_trgm ON orders USING gin (note gin_trgm_ops) WHERE note IS NOT NULL;
CREATE UNIQUE INDEX customers_lower_name ON customers (lower(name));
`

/** A MariaDB schema: engine options, enums, a generated column, keys, a trigger around them. */
export const MYSQL_SOURCE = [
  `CREATE TABLE customers (
    id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(190) NOT NULL,
    tier enum('free','pro') NOT NULL DEFAULT 'free',
    created_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY customers_email (email)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people'`,
  `CREATE TABLE orders (
    id bigint NOT NULL AUTO_INCREMENT,
    customer_id int unsigned NOT NULL,
    total decimal(10,2) NOT NULL,
    doubled decimal(11,2) AS (total * 2) STORED,
    PRIMARY KEY (id),
    KEY orders_customer (customer_id, total),
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    CONSTRAINT orders_total_check CHECK (total >= 0)
  ) ENGINE=InnoDB`,
  `CREATE TRIGGER orders_guard BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.total > 1000000 THEN SET NEW.total = 1000000; END IF; END`,
]
