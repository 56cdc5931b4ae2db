import fc from 'fast-check'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { identifierFor, isIdentifier } from '../../src/codegen/naming.js'
import { docComment, propertyKey, regexLiteral, stringLiteral } from '../../src/codegen/source-text.js'

// Generated source is checked with the TypeScript parser itself: a literal must read back as the
// text it was made from, and a comment must stay one comment.
function parse(source: string): ts.SourceFile {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true)
  const diagnostics = (file as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics
  expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([])
  return file
}

function firstInitializer(source: string): ts.Expression {
  const statement = parse(source).statements[0] as ts.VariableStatement
  return statement.declarationList.declarations[0]!.initializer!
}

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom("'", '"', '\\', '\n', '\u2028', '\ud800', '\udc00', '`', '$', '*/') }),
)

describe('stringLiteral', () => {
  it('prefers single quotes and switches to double quotes to avoid escapes', () => {
    expect(stringLiteral('a')).toBe("'a'")
    expect(stringLiteral("it's")).toBe(`"it's"`)
    expect(stringLiteral(`it's "x"`)).toBe(`'it\\'s "x"'`)
    expect(stringLiteral('a\nb\u2028\u0000')).toBe("'a\\nb\\u2028\\u0000'")
  })

  it('reads back as the same text for any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = firstInitializer(`const x = ${stringLiteral(text)}`) as ts.StringLiteral
        return ts.isStringLiteral(literal) && literal.text === text && !/[\n\r\u2028\u2029]/.test(stringLiteral(text))
      }),
      { numRuns: 300 },
    )
  })
})

describe('propertyKey', () => {
  it('quotes only when needed, and computes __proto__', () => {
    expect(['id', 'order id', '2fa', 'été', '$ref', '__proto__'].map(propertyKey)).toEqual([
      'id',
      "'order id'",
      "'2fa'",
      "'été'",
      '$ref',
      "['__proto__']",
    ])
  })

  it('gives every column name an own property of that name in an object literal', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constant('__proto__')), (name) => {
        const object = firstInitializer(`const x = { ${propertyKey(name)}: 1 }`) as ts.ObjectLiteralExpression
        const property = object.properties[0] as ts.PropertyAssignment
        const key = ts.isComputedPropertyName(property.name)
          ? (property.name.expression as ts.StringLiteral).text
          : (property.name as ts.Identifier | ts.StringLiteral).text
        // A non-computed __proto__ key would set the prototype instead of defining a property.
        return key === name && (name !== '__proto__' || ts.isComputedPropertyName(property.name))
      }),
      { numRuns: 300 },
    )
  })
})

describe('docComment and regexLiteral', () => {
  it('writes one-line and block comments, escaping */', () => {
    expect(docComment(['Users.'], '  ')).toEqual(['  /** Users. */'])
    expect(docComment(['', 'a */ b'])).toEqual(['/** a *\\/ b */'])
    expect(docComment(['first\nsecond', 'third'])).toEqual(['/**', ' * first', ' * second', ' *', ' * third', ' */'])
    expect(docComment(['', ' '])).toEqual([])
  })

  it('keeps any text inside a single comment', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 3 }), (paragraphs) => {
        const source = `${docComment(paragraphs).join('\n')}\nconst x = 1`
        return parse(source).statements.length === 1
      }),
      { numRuns: 200 },
    )
  })

  it('escapes slashes in regex literals', () => {
    expect(regexLiteral('^a/b\\/c$')).toBe('/^a\\/b\\/c$/')
    const literal = firstInitializer(`const r = ${regexLiteral('^[/]\\d$')}`)
    expect(ts.isRegularExpressionLiteral(literal)).toBe(true)
    expect(new RegExp(literal.getText().slice(1, -1)).test('/1')).toBe(true)
  })
})

describe('identifierFor', () => {
  it('writes PascalCase by default', () => {
    const names = [
      'users',
      'user_roles',
      'userRoles',
      'HTTP_log',
      'billing.invoices',
      'audit-log',
      '2fa codes',
      'été',
      '!!',
    ]
    expect(names.map((n) => identifierFor(n, 'table'))).toEqual([
      'Users',
      'UserRoles',
      'UserRoles',
      'HTTPLog',
      'BillingInvoices',
      'AuditLog',
      '_2faCodes',
      'Été',
      '_',
    ])
  })

  it('preserves names, replacing what an identifier cannot hold', () => {
    const names = ['users', 'audit-log', '2fa codes', 'class', 'billing.invoices']
    expect(names.map((n) => identifierFor(n, 'table', 'preserve'))).toEqual([
      'users',
      'audit_log',
      '_2fa_codes',
      'class_',
      'billing_invoices',
    ])
  })

  it('always gives a valid identifier with the built-in namings', () => {
    // Letters of the blocks identifiers may keep, where case mapping and combining marks live.
    const blocks = fc.constantFrom(
      [0xc0, 0x4ff],
      [0x3040, 0x30ff],
      [0x4e00, 0x9fff],
      [0xac00, 0xd7af],
      [0xa700, 0xa7ff],
    )
    const letter = blocks.chain(([min, max]) =>
      fc.integer({ min: min!, max: max! }).map((c) => String.fromCodePoint(c)),
    )
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: letter })), (name) => {
        const ids = [identifierFor(name, 'table'), identifierFor(name, 'enum', 'preserve')]
        return ids.every(
          (id) =>
            isIdentifier(id) &&
            ts.isInterfaceDeclaration(parse(`interface ${id} {}`).statements[0]!) &&
            parse(`const ${id} = 1`).statements.length === 1,
        )
      }),
      { numRuns: 300 },
    )
  })
})
