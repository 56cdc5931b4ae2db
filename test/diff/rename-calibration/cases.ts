import { type CalibrationCase, columnName, renameIn, schema, withColumns } from './build.js'
import { type ShortTable, TABLES } from './tables.js'

// The calibration set of rename inference (issue 23): rename and non-rename cases modelled on what
// real migration histories do, each with the decision a person made. Patterns, in the order of
// docs/diff.md: table renames with identical and near-identical columns, batch renames sharing a
// rewrite, renames with a type change within the family, plain column renames, chained renames; and
// unrelated drop + add pairs (tables, same-type columns, other-type columns, weak evidence), swapped
// names.

const at = (i: number) => TABLES[i % TABLES.length] as ShortTable

/** The first table from the `i`-th on that has none of the columns `names`. */
function tableWithout(i: number, names: readonly string[]): ShortTable {
  for (let k = 0; k < TABLES.length; k++) {
    const t = at(i + k)
    if (!t.columns.some((c) => names.includes(columnName(c)))) return t
  }
  throw new Error(`no calibration table without ${names.join(', ')}`)
}

// New names with little in common with the old ones, as in real table renames.
const NEW_NAMES = [
  'local_image',
  'admin_ban',
  'twofactor_keys_bak',
  'personal_access_keys',
  'billing_items',
  'deliveries',
  'hook_attempts',
  'activity_log',
  'recovery_codes',
  'saved_posts',
  'flagged_comments',
  'instance_block',
  'local_site',
  'email_confirmations',
  'inventory_ledger',
  'promo_uses',
  'applications',
  'revisions',
  'toggles',
  'appointments',
  'messages',
  'cards',
  'ci_outputs',
  'responses',
  'push_subscriptions',
  'invites',
  'areas',
  'measurements',
  'registrations',
  'ticket_notes',
]

/** Unrelated tables dropped and created in the same step: `n` of each, none from `avoid`. */
function unrelated(i: number, n: number, avoid: number): { dropped: ShortTable[]; created: ShortTable[] } {
  const pick = (offset: number) =>
    Array.from({ length: n }, (_, k) => (avoid + offset + 3 * k) % TABLES.length).filter((x) => x !== avoid)
  return { dropped: pick(7 + (i % 4)).map(at), created: pick(17 + (i % 3)).map(at) }
}

function identicalTables(): CalibrationCase[] {
  return TABLES.map((t, i) => {
    const others = unrelated(i, i % 3, i)
    const renamed = { ...t, name: NEW_NAMES[i] as string }
    return {
      pattern: 'table renamed, identical columns',
      name: `${t.name} -> ${renamed.name}`,
      from: schema([t, ...others.dropped]),
      to: schema([renamed, ...others.created]),
      expected: [`table ${t.name}>${renamed.name}`],
    }
  })
}

/** The first column after `id` whose type can widen, and its wider type. */
function widenable(t: ShortTable): [string, string] | undefined {
  for (const c of t.columns.slice(1)) {
    const [name, rest] = [columnName(c), c.slice(c.indexOf(':') + 1)]
    if (/^varchar\(\d+\)/.test(rest)) return [name, rest.replace(/^varchar\(\d+\)/, 'text')]
    if (/^integer/.test(rest)) return [name, rest.replace(/^integer/, 'bigint')]
    if (/^smallint/.test(rest)) return [name, rest.replace(/^smallint/, 'integer')]
  }
  return undefined
}

function nearIdenticalTables(): CalibrationCase[] {
  return TABLES.slice(0, 25).map((t, i) => {
    const newName = NEW_NAMES[(i + 5) % NEW_NAMES.length] as string
    const expected = [`table ${t.name}>${newName}`]
    let after: ShortTable
    let variant: string
    switch (i % 5) {
      case 0:
        variant = 'a column added'
        after = withColumns(t, (cs) => [...cs, 'notes:text'], newName)
        break
      case 1:
        variant = 'a column dropped'
        after = withColumns(t, (cs) => cs.slice(0, -1), newName)
        break
      case 2: {
        const w = widenable(t)
        variant = 'a column widened'
        after = withColumns(
          t,
          (cs) => (w ? cs.map((c) => (columnName(c) === w[0] ? `${w[0]}:${w[1]}` : c)) : [...cs, 'notes:text']),
          newName,
        )
        break
      }
      case 3: {
        const c = columnName(t.columns[1] as string)
        const renamedColumn = c.endsWith('_id') ? c.replace(/_id$/, '_ref') : `${c}_value`
        variant = 'a column renamed too'
        after = withColumns(t, (cs) => renameIn(cs, c, renamedColumn), newName)
        expected.push(`column ${newName}.${c}>${renamedColumn}`)
        break
      }
      default:
        variant = 'a column made optional'
        after = withColumns(t, (cs) => cs.map((c, k) => (k === 1 ? c.replace('!', '') : c)), newName)
    }
    const others = unrelated(i, i % 2, i)
    return {
      pattern: 'table renamed, near-identical columns',
      name: `${t.name} -> ${newName} (${variant})`,
      from: schema([t, ...others.dropped]),
      to: schema([after, ...others.created]),
      expected,
    }
  })
}

const SUBSTITUTIONS = [
  ['user', 'person'],
  ['account', 'member'],
  ['org', 'team'],
  ['post', 'article'],
  ['group', 'circle'],
  ['customer', 'client'],
  ['item', 'product'],
  ['employee', 'staff'],
  ['author', 'writer'],
  ['student', 'learner'],
  ['vendor', 'supplier'],
  ['project', 'workspace'],
  ['ticket', 'issue'],
  ['photo', 'image'],
  ['company', 'tenant'],
] as const

function sharedRewrites(): CalibrationCase[] {
  return SUBSTITUTIONS.map(([a, b], i) => {
    const ban = (w: string) => ({
      name: `${w}_ban`,
      columns: ['id:integer!', `mod_${w}_id:integer!`, `other_${w}_id:integer!`, 'reason:text', 'expires:timestamp'],
    })
    const mention = (w: string) => ({
      name: `${w}_mention`,
      columns: ['id:integer!', 'recipient_id:integer!', 'comment_id:integer!', 'read:boolean!=false'],
    })
    const log = (w: string) => ({
      name: 'mod_log',
      columns: ['id:integer!', `mod_${w}_id:integer!`, 'removed:boolean=false', 'when_:timestamp!=now()'],
    })
    const expected = [
      `table ${a}_ban>${b}_ban`,
      `column ${b}_ban.mod_${a}_id>mod_${b}_id`,
      `column ${b}_ban.other_${a}_id>other_${b}_id`,
      `column mod_log.mod_${a}_id>mod_${b}_id`,
    ]
    const from: ShortTable[] = [ban(a), log(a)]
    const to: ShortTable[] = [ban(b), log(b)]
    if (i % 3 !== 1) {
      from.push(mention(a))
      to.push(mention(b))
      expected.push(`table ${a}_mention>${b}_mention`)
    }
    if (i % 3 === 2) to.push(at(i + 4))
    return {
      pattern: 'batch renames sharing a rewrite',
      name: `${a} -> ${b}`,
      from: schema(from),
      to: schema(to),
      expected,
    }
  })
}

const SUFFIXES = ['max_requests', 'per_second', 'limit', 'quota', 'burst']
const LIMIT_COLUMNS = ['message', 'post', 'register', 'image', 'comment', 'search']

function suffixBatches(): CalibrationCase[] {
  return Array.from({ length: 15 }, (_, i) => {
    const suffix = SUFFIXES[i % SUFFIXES.length] as string
    const bases = LIMIT_COLUMNS.slice(i % 3, (i % 3) + 2 + (i % 4))
    const name = ['local_site_rate_limit', 'rate_limits', 'api_quota'][i % 3] as string
    const before = {
      name,
      columns: ['id:integer!', 'local_site_id:integer!', ...bases.map((c) => `${c}:integer!=180`)],
    }
    const after = withColumns(before, (cs) => {
      let out = cs
      for (const c of bases) out = renameIn(out, c, `${c}_${suffix}`)
      return i % 2 === 0 ? [...out, 'updated:timestamp'] : out
    })
    return {
      pattern: 'batch renames sharing a rewrite',
      name: `${name}: ${bases.length} columns + _${suffix}`,
      from: schema([before]),
      to: schema([after]),
      expected: bases.map((c) => `column ${name}.${c}>${c}_${suffix}`),
    }
  })
}

const MOOD = { name: 'mood', values: ['happy', 'sad'] }
const MOOD_V2 = { name: 'mood_v2', values: ['happy', 'sad', 'neutral'] }

// Old and new column, each `name:type...`: a rename with a type of the same family.
const FAMILY_RENAMES = [
  ['descr:varchar(100)', 'description:text'],
  ['qty:integer!=1', 'quantity:bigint!=1'],
  ['feeling:mood!', 'current_feeling:mood_v2!'],
  ['user_state:varchar(20)', 'user_status:text'],
  ['zip:varchar(10)', 'zip_code:varchar(16)'],
  ['amount:decimal(10,2)!', 'amount_total:decimal(14,2)!'],
  ['views:integer!=0', 'view_count:bigint!=0'],
  ['nick:varchar(30)', 'nickname:varchar(60)'],
  ['created:timestamp!=now()', 'created_at:timestamp with time zone!=now()'],
  ['lat:real', 'latitude:double'],
  ['priority:smallint!=0', 'priority_level:integer!=0'],
  ['bio:varchar(500)', 'biography:text'],
  ['addr:varchar(200)', 'address:text'],
  ['pw_hash:char(60)!', 'password_hash:varchar(255)!'],
  ['tel:varchar(20)', 'telephone:varchar(32)'],
  ['score:smallint', 'score_total:integer'],
  ['msg:varchar(255)!', 'message:text!'],
  ['url:varchar(200)', 'url_address:varchar(2048)'],
  ['cnt:integer!=0', 'count:bigint!=0'],
  ['ext_ref:varchar(64)', 'external_ref:varchar(128)'],
  ['mood:mood', 'mood_now:mood_v2'],
  ['hits:integer', 'hit_count:bigint'],
  ['summary:varchar(140)', 'summary_text:text'],
  ['weight:real', 'weight_kg:double'],
  ['label:varchar(40)!', 'label_text:varchar(120)!'],
] as const

function familyRenames(): CalibrationCase[] {
  return FAMILY_RENAMES.map(([before, after], i) => {
    const t = tableWithout(i + 3, [columnName(before), columnName(after)])
    const from = withColumns(t, (cs) => [...cs, before])
    const to = withColumns(t, (cs) => [...cs, after])
    return {
      pattern: 'column renamed with a type of its family',
      name: `${t.name}: ${before} -> ${after}`,
      from: schema([from], [MOOD]),
      to: schema([to], [MOOD, MOOD_V2]),
      expected: [`column ${t.name}.${columnName(before)}>${columnName(after)}`],
    }
  })
}

// Plain renames: [old, new, type]; a case with two of them renames both in one table.
const PLAIN_RENAMES = [
  ['fullname', 'full_name', 'varchar(100)'],
  ['emailaddress', 'email_address', 'varchar(200)!'],
  ['usr_name', 'user_name', 'varchar(50)!'],
  ['zip', 'zip_code', 'varchar(10)'],
  ['phone', 'phone_number', 'varchar(30)'],
  ['content', 'body', 'text!'],
  ['homepage', 'homepage_url', 'varchar(255)'],
  ['avatar', 'avatar_url', 'varchar(255)'],
  ['firstname', 'first_name', 'varchar(60)'],
  ['lastname', 'last_name', 'varchar(60)'],
  ['is_active', 'active', 'boolean!=true'],
  ['publish_date', 'published_on', 'date'],
  ['img', 'image', 'varchar(255)'],
  ['pwd', 'password', 'varchar(128)!'],
  ['org_id', 'organization_id', 'bigint'],
  ['cat_id', 'category_id', 'integer!'],
  ['msg_count', 'message_count', 'integer!=0'],
  ['created', 'created_on', 'timestamp!=now()'],
  ['ip', 'ip_address', 'varchar(45)'],
  ['notes', 'note', 'text'],
  ['remote_addr', 'remote_address', 'varchar(45)'],
  ['expiry', 'expiry_date', 'date'],
  ['user_agent', 'useragent', 'text'],
  ['sort_order', 'sort_index', 'integer!=0'],
  ['is_deleted', 'deleted', 'boolean!=false'],
] as const

function plainRenames(): CalibrationCase[] {
  return PLAIN_RENAMES.map(([a, b, type], i) => {
    const extra =
      i % 4 === 0 ? (PLAIN_RENAMES[(i + 8) % PLAIN_RENAMES.length] as (typeof PLAIN_RENAMES)[number]) : undefined
    const t = tableWithout(i + 9, [a, b, ...(extra ? [extra[0], extra[1]] : [])])
    const before = [`${a}:${type}`, ...(extra ? [`${extra[0]}:${extra[2]}`] : [])]
    const after = [`${b}:${type}`, ...(extra ? [`${extra[1]}:${extra[2]}`] : [])]
    // The renamed column sits in the middle of the table, as real ones do.
    const insert = (cols: string[], added: string[]) => [...cols.slice(0, 2), ...added, ...cols.slice(2)]
    return {
      pattern: 'column renamed',
      name: `${t.name}: ${a} -> ${b}${extra ? ` and ${extra[0]} -> ${extra[1]}` : ''}`,
      from: schema([withColumns(t, (cs) => insert(cs, before))]),
      to: schema([withColumns(t, (cs) => insert(cs, after))]),
      expected: [`column ${t.name}.${a}>${b}`, ...(extra ? [`column ${t.name}.${extra[0]}>${extra[1]}`] : [])],
    }
  })
}

// a -> b and b -> c in one step: [a, b, c, type].
const CHAINS = [
  ['body', 'body_html', 'body_markdown', 'text'],
  ['email', 'email_old', 'email_new', 'varchar(200)'],
  ['name', 'legal_name', 'display_name', 'varchar(100)'],
  ['token', 'token_hash', 'token_prefix', 'varchar(64)'],
  ['url', 'source_url', 'canonical_url', 'varchar(255)'],
  ['price', 'list_price', 'sale_price', 'decimal(10,2)'],
  ['status', 'legacy_status', 'state', 'varchar(20)'],
  ['path', 'old_path', 'new_path', 'text'],
] as const

function chains(): CalibrationCase[] {
  return CHAINS.map(([a, b, c, type], i) => {
    const t = tableWithout(i + 2, [a, b, c])
    // b -> c happens first, then a -> b: `a` takes `b`'s name, `b` takes `c`'s.
    const from = withColumns(t, (cs) => [...cs, `${b}:${type}`, `${a}:${type}`])
    const to = withColumns(t, (cs) => [...cs, `${c}:${type}`, `${b}:${type}`])
    return {
      pattern: 'chained renames',
      name: `${t.name}: ${a} -> ${b}, ${b} -> ${c}`,
      from: schema([from]),
      to: schema([to]),
      expected: [`column ${t.name}.${b}>${c}`, `column ${t.name}.${a}>${b}`],
    }
  })
}

function unrelatedTables(): CalibrationCase[] {
  return Array.from({ length: 25 }, (_, i) => {
    const dropped = at(i)
    const created = at(i + 11)
    return {
      pattern: 'unrelated table dropped and created',
      name: `${dropped.name} dropped, ${created.name} created`,
      from: schema([dropped]),
      to: schema([created]),
      expected: [],
    }
  })
}

// Tables that share only the columns every table has.
const GENERIC_PAIRS = [
  [
    ['tags', 'label:varchar(50)!'],
    ['colors', 'hex:char(7)!'],
  ],
  [
    ['categories', 'parent_id:integer'],
    ['regions', 'iso_code:char(2)!'],
  ],
  [
    ['notes', 'body:text!'],
    ['bookmarks', 'url:varchar(255)!'],
  ],
  [
    ['teams', 'owner_id:bigint!'],
    ['projects', 'budget:decimal(12,2)'],
  ],
  [
    ['labels', 'color:varchar(7)'],
    ['milestones', 'due_on:date'],
  ],
  [
    ['drafts', 'content:text'],
    ['templates', 'engine:varchar(20)!'],
  ],
  [
    ['badges', 'icon:varchar(100)'],
    ['currencies', 'symbol:varchar(5)!'],
  ],
  [
    ['topics', 'locked:boolean!=false'],
    ['vendors', 'tax_id:varchar(30)'],
  ],
  [
    ['sessions', 'ip:varchar(45)'],
    ['reports', 'period:varchar(10)!'],
  ],
  [
    ['groups', 'private:boolean!=false'],
    ['brands', 'logo_url:varchar(255)'],
  ],
  [
    ['folders', 'parent_id:bigint'],
    ['plans', 'price_cents:integer!'],
  ],
  [
    ['channels', 'topic:text'],
    ['warehouses', 'address:text!'],
  ],
  [
    ['playlists', 'public:boolean!=true'],
    ['quizzes', 'time_limit:integer'],
  ],
  [
    ['rooms', 'capacity:integer'],
    ['exams', 'duration_min:integer!'],
  ],
  [
    ['albums', 'cover_id:bigint'],
    ['leagues', 'season:smallint!'],
  ],
] as const

function genericOverlap(): CalibrationCase[] {
  return GENERIC_PAIRS.map(([[a, ac], [b, bc]], i) => {
    const common = [
      'id:integer!',
      'name:varchar(100)!',
      'created_at:timestamp!=now()',
      ...(i % 2 ? ['updated_at:timestamp'] : []),
    ]
    return {
      pattern: 'unrelated tables sharing only common columns',
      name: `${a} dropped, ${b} created`,
      from: schema([{ name: a, columns: [...common, ac] }]),
      to: schema([{ name: b, columns: [...common, bc] }]),
      expected: [],
    }
  })
}

// Dropped from the middle of a table, added at its end, same type: [dropped, added].
const SAME_TYPE_SWAPS = [
  ['fax:varchar(30)', 'nickname:varchar(30)'],
  ['legacy_code:varchar(20)', 'coupon:varchar(20)!'],
  ['rank:integer', 'retries:integer!=0'],
  ['middle_name:varchar(60)', 'pronouns:varchar(60)'],
  ['ref_count:integer!=0', 'stars:integer!=0'],
  ['old_score:real', 'balance:real'],
  ['flagged:boolean!=false', 'archived:boolean!=false'],
  ['memo:text', 'signature:text'],
  ['sms_opt_in:boolean', 'newsletter:boolean!=true'],
  ['region:varchar(40)', "timezone:varchar(40)!='UTC'"],
  ['promo:varchar(40)', 'referrer:varchar(40)'],
  ['legacy_id:bigint', 'external_id:bigint!'],
  ['deadline:date', 'birthday:date'],
  ['checksum:char(32)', 'locale:char(5)'],
  ['archived_at:timestamp', 'verified_at:timestamp'],
  ['karma:integer!=0', 'level:integer!=1'],
  ['headline:varchar(120)', 'tagline:varchar(120)'],
  ['twitter:varchar(50)', 'github:varchar(50)'],
  ['color:varchar(7)', 'emoji:varchar(7)'],
  ['quota:bigint', 'storage_used:bigint!=0'],
  ['hidden:boolean!=false', 'pinned:boolean!=false'],
  ['fingerprint:text', 'user_agent_hash:text'],
  ['discount:decimal(5,2)', 'surcharge:decimal(5,2)!=0'],
  ['source:varchar(30)', 'medium:varchar(30)'],
  ['mobile:varchar(20)', 'extension:varchar(20)'],
] as const

function sameTypeDropAdd(): CalibrationCase[] {
  return SAME_TYPE_SWAPS.map(([dropped, added], i) => {
    const t = tableWithout(i + 1, [columnName(dropped), columnName(added)])
    return {
      pattern: 'unrelated columns of the same type dropped and added',
      name: `${t.name}: ${columnName(dropped)} dropped, ${columnName(added)} added`,
      from: schema([withColumns(t, (cs) => [...cs.slice(0, 2), dropped, ...cs.slice(2)])]),
      to: schema([withColumns(t, (cs) => [...cs, added])]),
      expected: [],
    }
  })
}

// A column replaced by one of another kind of value, often under a related name: [dropped, added].
const OTHER_TYPE_SWAPS = [
  ['price:text', 'price_cents:integer!=0'],
  ['published:boolean!=false', 'published_at:timestamp'],
  ['is_admin:boolean!=false', 'admin_level:smallint!=0'],
  ['tags:text', 'tag_ids:integer[]'],
  ['expires:timestamp', 'expires_in_days:integer'],
  ['rating:varchar(10)', 'rating_value:decimal(3,1)'],
  ['location:text', 'location_id:bigint'],
  ['owner:varchar(100)', 'owner_id:bigint'],
  ['duration:varchar(20)', 'duration_seconds:integer'],
  ['metadata:text', 'metadata_json:jsonb'],
  ['uuid:varchar(36)', 'uid:bigint'],
  ['size:varchar(10)', 'size_bytes:bigint'],
  ['birth_year:integer', 'birth_date:date'],
  ['approved:boolean', 'approved_by:bigint'],
  ['avatar:bytea', 'avatar_url:varchar(255)'],
  ['country:varchar(60)', 'country_id:integer'],
  ['priority:varchar(10)', 'priority_rank:smallint!=0'],
  ['verified:boolean!=false', 'verified_on:date'],
  ['reply_to:varchar(200)', 'reply_to_id:bigint'],
  ['lang:varchar(20)', 'lang_id:integer'],
] as const

function otherTypeDropAdd(): CalibrationCase[] {
  return OTHER_TYPE_SWAPS.map(([dropped, added], i) => {
    const t = tableWithout(i + 5, [columnName(dropped), columnName(added)])
    return {
      pattern: 'a column replaced by one of another type',
      name: `${t.name}: ${dropped} dropped, ${added} added`,
      from: schema([withColumns(t, (cs) => [...cs, dropped])]),
      to: schema([withColumns(t, (cs) => [...cs, added])]),
      expected: [],
    }
  })
}

function swappedNames(): CalibrationCase[] {
  return Array.from({ length: 10 }, (_, i) => {
    const t = at(i + 6)
    const [x, y] = [
      `${['first', 'home', 'min', 'start', 'left'][i % 5]}_value:integer`,
      `${['last', 'work', 'max', 'end', 'right'][i % 5]}_value:integer`,
    ]
    return {
      pattern: 'two columns of the same type swap names',
      name: `${t.name}: ${columnName(x)} <-> ${columnName(y)}`,
      from: schema([withColumns(t, (cs) => [...cs, x, y])]),
      to: schema([withColumns(t, (cs) => [...cs, y, x])]),
      expected: [],
    }
  })
}

// Little in common but some letters: [dropped (middle of the table), added (at its end)].
const WEAK_PAIRS = [
  ['notes:text', 'nodes_total:integer!=0'],
  ['legacy_ref:varchar(40)', "referral_code:text!=''"],
  ['status_text:varchar(50)', 'statement_id:bigint'],
  ['caption:varchar(200)', 'captcha_score:real'],
  ['parent_path:text', 'parental_control:boolean!=false'],
  ['remark:text', 'remote_id:varchar(80)!'],
  ['content_type:varchar(50)', 'contact_type:smallint!'],
  ['visits:integer', "visibility:varchar(10)!='public'"],
  ['sender_name:varchar(80)', 'send_after:timestamp'],
  ['owner_note:text', 'ownership_pct:decimal(5,2)'],
  ['mailbox:varchar(100)', 'mail_sent:boolean!=false'],
  ['creditor:varchar(80)', 'credit_limit:decimal(12,2)!=0'],
  ['stamp:varchar(30)', 'stamp_duty:decimal(8,2)'],
  ['portrait:text', 'port:integer!=443'],
  ['signal:varchar(20)', 'signup_step:smallint!=0'],
] as const

function weakEvidence(): CalibrationCase[] {
  return WEAK_PAIRS.map(([dropped, added], i) => {
    const t = tableWithout(i + 12, [columnName(dropped), columnName(added)])
    return {
      pattern: 'weak evidence only',
      name: `${t.name}: ${columnName(dropped)} dropped, ${columnName(added)} added`,
      from: schema([withColumns(t, (cs) => [...cs.slice(0, 2), dropped, ...cs.slice(2)])]),
      to: schema([withColumns(t, (cs) => [...cs, added])]),
      expected: [],
    }
  })
}

/** Every calibration case. */
export const CALIBRATION_CASES: readonly CalibrationCase[] = [
  ...identicalTables(),
  ...nearIdenticalTables(),
  ...sharedRewrites(),
  ...suffixBatches(),
  ...familyRenames(),
  ...plainRenames(),
  ...chains(),
  ...unrelatedTables(),
  ...genericOverlap(),
  ...sameTypeDropAdd(),
  ...otherTypeDropAdd(),
  ...swappedNames(),
  ...weakEvidence(),
]
