import { describe, expect, it } from 'vitest'
import { rolesNamed } from './postgres-roles.js'

// The corpus harness creates the roles a case names: they are read from its statements.

describe('rolesNamed', () => {
  it('reads grantees, revokees, new owners and policy roles, quoted or not, without PUBLIC', () => {
    const sql = `
CREATE TABLE users (id bigint);
GRANT SELECT ON TABLE users TO readonly_user, App_User, "user@domain.com" WITH GRANT OPTION;
GRANT INSERT ON TABLE users TO PUBLIC;
REVOKE UPDATE ON TABLE users FROM GROUP "ops team";
ALTER TABLE users OWNER TO owner_role;
CREATE POLICY p ON users AS RESTRICTIVE FOR ALL TO postgres, CURRENT_USER USING (true);
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 -- GRANT x TO not_a_role $$;`
    expect(rolesNamed([sql, 'ALTER VIEW v OWNER TO "owner_role"'])).toEqual([
      'readonly_user',
      'app_user',
      'user@domain.com',
      'ops team',
      'owner_role',
      'postgres',
    ])
  })
})
