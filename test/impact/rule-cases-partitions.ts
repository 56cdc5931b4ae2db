import { collect, MY } from './rule-case-kit.js'
import { schema, table } from './schemas.js'

// MySQL/MariaDB partitioning and system versioning on an existing table (DS014, DS015, LK024).

const { cases, add } = collect()

const sales = (extra: Record<string, unknown>) =>
  schema([{ ...table('sales', { id: 'bigint!', y: 'integer!' }, { pk: ['id', 'y'] }), ...extra }])
const byYear = (...years: number[]) => ({
  partitionBy: { method: 'range', key: ['y'] },
  partitions: years.map((y) => ({ name: `p${y}`, lessThan: [String(y + 1)] })),
})

add('DS014', MY, 'a RANGE partition dropped', sales(byYear(2022, 2023)), sales(byYear(2023)), ['danger sales'])
add('DS014', MY, 'a RANGE partition appended', sales(byYear(2022)), sales(byYear(2022, 2023)), [])
add('DS015', MY, 'system versioning dropped', sales({ systemVersioning: true }), sales({}), ['danger sales'])
add('DS015', MY, 'system versioning added', sales({}), sales({ systemVersioning: true }), [])
add(
  'LK024',
  MY,
  'repartitioned by HASH',
  sales(byYear(2022)),
  sales({ partitionBy: { method: 'hash', key: ['id'] } }),
  ['warning sales'],
)
add('LK024', MY, 'partitioning removed', sales(byYear(2022)), sales({}), ['warning sales'])
add('LK024', MY, 'a partition appended: no copy', sales(byYear(2022)), sales(byYear(2022, 2023)), [])

/** The partitioning and system versioning cases. */
export const partitionCases = cases
