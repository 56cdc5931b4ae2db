// Tables the calibration cases are built from, modelled on the kinds of tables real projects rename
// (forum, auth, billing, content). Columns are written `name:type`, `!` for NOT NULL, `=default`.
// The first column `id` is the primary key.

/** A table in short form: its name and its columns as `name:type[!][=default]`. */
export interface ShortTable {
  readonly name: string
  readonly columns: readonly string[]
}

export const TABLES: readonly ShortTable[] = [
  {
    name: 'image_upload',
    columns: [
      'id:bigint!',
      'local_user_id:bigint!',
      'pictrs_alias:text!',
      'pictrs_delete_token:text!',
      'published:timestamp!=now()',
    ],
  },
  {
    name: 'mod_ban',
    columns: [
      'id:integer!',
      'mod_person_id:integer!',
      'other_person_id:integer!',
      'reason:text',
      'banned:boolean=true',
      'expires:timestamp',
      'when_:timestamp!=now()',
    ],
  },
  {
    name: 'u2f_devices',
    columns: ['id:integer!', 'user_uuid:varchar(40)!', 'name:text!', 'data:text!', 'counter:integer!=0'],
  },
  {
    name: 'api_tokens',
    columns: [
      'id:bigint!',
      'owner_id:bigint!',
      'token_hash:char(64)!',
      'scopes:text',
      'last_used_at:timestamp',
      'created_at:timestamp!=now()',
    ],
  },
  {
    name: 'invoice_lines',
    columns: [
      'id:bigint!',
      'invoice_id:bigint!',
      'sku:varchar(40)!',
      'quantity:integer!=1',
      'unit_price:decimal(12,2)!',
      'tax_rate:decimal(5,2)',
    ],
  },
  {
    name: 'shipments',
    columns: [
      'id:bigint!',
      'order_id:bigint!',
      'carrier:varchar(30)!',
      'tracking_code:varchar(60)',
      'shipped_at:timestamp',
      'delivered_at:timestamp',
    ],
  },
  {
    name: 'webhook_deliveries',
    columns: [
      'id:bigint!',
      'webhook_id:bigint!',
      'event:varchar(80)!',
      'payload:jsonb!',
      'response_status:smallint',
      'attempted_at:timestamp!=now()',
    ],
  },
  {
    name: 'audit_events',
    columns: [
      'id:bigint!',
      'actor_id:bigint',
      'action:varchar(60)!',
      'target_type:varchar(40)!',
      'target_id:bigint',
      'occurred_at:timestamp!=now()',
    ],
  },
  {
    name: 'password_resets',
    columns: [
      'id:integer!',
      'account_id:integer!',
      'reset_token:char(40)!',
      'expires_at:timestamp!',
      'used:boolean!=false',
    ],
  },
  {
    name: 'post_saved',
    columns: ['id:integer!', 'post_id:integer!', 'person_id:integer!', 'published:timestamp!=now()'],
  },
  {
    name: 'comment_reports',
    columns: [
      'id:integer!',
      'creator_id:integer!',
      'comment_id:integer!',
      'original_comment_text:text!',
      'reason:text!',
      'resolved:boolean!=false',
      'resolver_id:integer',
    ],
  },
  {
    name: 'federation_blocklist',
    columns: ['id:integer!', 'instance_id:integer!', 'published:timestamp!=now()', 'updated:timestamp'],
  },
  {
    name: 'site_settings',
    columns: [
      'id:integer!',
      'site_name:varchar(100)!',
      'sidebar:text',
      'enable_downvotes:boolean!=true',
      'open_registration:boolean!=true',
      'community_creation_admin_only:boolean!=false',
    ],
  },
  {
    name: 'email_verifications',
    columns: [
      'id:integer!',
      'local_user_id:integer!',
      'email:text!',
      'verification_token:text!',
      'published:timestamp!=now()',
    ],
  },
  {
    name: 'stock_movements',
    columns: [
      'id:bigint!',
      'warehouse_id:integer!',
      'product_id:bigint!',
      'delta:integer!',
      'reason_code:varchar(20)!',
      'moved_at:timestamp!=now()',
    ],
  },
  {
    name: 'coupon_redemptions',
    columns: [
      'id:bigint!',
      'coupon_id:bigint!',
      'customer_id:bigint!',
      'order_id:bigint',
      'redeemed_at:timestamp!=now()',
      'discount_cents:integer!',
    ],
  },
  {
    name: 'oauth_clients',
    columns: [
      'id:varchar(80)!',
      'secret_hash:varchar(128)!',
      'redirect_uris:text!',
      'grant_types:varchar(200)',
      'owner_id:bigint',
    ],
  },
  {
    name: 'document_versions',
    columns: [
      'id:uuid!',
      'document_id:uuid!',
      'version_no:integer!',
      'body:text!',
      'author_id:uuid',
      'created_at:timestamp!=now()',
    ],
  },
  {
    name: 'feature_flags',
    columns: [
      'id:integer!',
      'flag_key:varchar(100)!',
      'enabled:boolean!=false',
      'rollout_percent:smallint!=0',
      'rules:jsonb',
    ],
  },
  {
    name: 'calendar_events',
    columns: [
      'id:bigint!',
      'calendar_id:bigint!',
      'summary:varchar(250)!',
      'starts_at:timestamp!',
      'ends_at:timestamp!',
      'all_day:boolean!=false',
      'location:text',
    ],
  },
  {
    name: 'chat_messages',
    columns: [
      'id:bigint!',
      'room_id:bigint!',
      'sender_id:bigint!',
      'body:text!',
      'edited:boolean!=false',
      'sent_at:timestamp!=now()',
    ],
  },
  {
    name: 'payment_methods',
    columns: [
      'id:bigint!',
      'customer_id:bigint!',
      'brand:varchar(20)!',
      'last4:char(4)!',
      'exp_month:smallint!',
      'exp_year:smallint!',
      'is_default:boolean!=false',
    ],
  },
  {
    name: 'build_artifacts',
    columns: [
      'id:bigint!',
      'pipeline_id:bigint!',
      'file_name:varchar(255)!',
      'size_bytes:bigint!',
      'sha256:char(64)!',
      'expires_on:date',
    ],
  },
  {
    name: 'survey_answers',
    columns: [
      'id:bigint!',
      'survey_id:bigint!',
      'question_id:bigint!',
      'respondent_id:bigint',
      'answer_text:text',
      'answer_choice:smallint',
    ],
  },
  {
    name: 'device_tokens',
    columns: [
      'id:bigint!',
      'user_id:bigint!',
      'platform:varchar(10)!',
      'push_token:varchar(255)!',
      'registered_at:timestamp!=now()',
    ],
  },
  {
    name: 'team_invitations',
    columns: [
      'id:bigint!',
      'team_id:bigint!',
      'invitee_email:varchar(200)!',
      'invited_by:bigint!',
      'accepted_at:timestamp',
      'expires_at:timestamp!',
    ],
  },
  {
    name: 'geo_regions',
    columns: [
      'id:integer!',
      'country_code:char(2)!',
      'region_code:varchar(10)!',
      'display_name:varchar(120)!',
      'population:bigint',
    ],
  },
  {
    name: 'sensor_readings',
    columns: ['id:bigint!', 'sensor_id:integer!', 'reading:double!', 'unit:varchar(8)!', 'recorded_at:timestamp!'],
  },
  {
    name: 'course_enrollments',
    columns: [
      'id:bigint!',
      'course_id:bigint!',
      'student_id:bigint!',
      'enrolled_on:date!',
      'completed_on:date',
      'grade:decimal(4,1)',
    ],
  },
  {
    name: 'ticket_comments',
    columns: [
      'id:bigint!',
      'ticket_id:bigint!',
      'author_id:bigint!',
      'body:text!',
      'internal:boolean!=false',
      'created_at:timestamp!=now()',
    ],
  },
]

/** A table of {@link TABLES} by name. */
export function table(name: string): ShortTable {
  const found = TABLES.find((t) => t.name === name)
  if (!found) throw new Error(`no calibration table ${name}`)
  return found
}

/** Tables that every case keeps unchanged around its changes, as a real schema would have. */
export const BACKGROUND: readonly ShortTable[] = [
  {
    name: 'accounts',
    columns: ['id:bigint!', 'email:varchar(200)!', 'display_name:varchar(100)', 'created_at:timestamp!=now()'],
  },
  { name: 'settings', columns: ['id:integer!', 'setting_key:varchar(80)!', 'setting_value:text'] },
]
