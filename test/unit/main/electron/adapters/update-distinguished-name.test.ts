/** Standby reads a signer's name as electron-updater's own check did, so no publisher it accepted is refused, nor one it refused accepted. */
import { parseDn } from 'builder-util-runtime/out/rfc2253Parser'
import { describe, expect, it } from 'vitest'
import { parseDistinguishedName } from '../../../../../src/main/electron/adapters/update-distinguished-name'

describe("a signer's distinguished name", () => {
  it.each([
    'CN=Standby Software Ltd, O=Standby Software Ltd, L=London, C=GB',
    'CN="Standby, Inc.", O=Standby',
    'CN=Standby\\, Inc., O=Standby\\2C Ltd',
    '  CN =  Standby Software Ltd  ;O=" spaced "+C=GB',
    'Standby Software Ltd',
    'CN=Ståndby Søftware, E=release@example.com',
    'CN=first, CN=second',
  ])('reads %s as electron-updater reads it', (dn) => {
    expect(parseDistinguishedName(dn)).toEqual(parseDn(dn))
  })
  it.each([
    [
      'CN=\\Standby Software Ltd, O=Elsewhere',
      [
        ['CN', '\\Standby Software Ltd'],
        ['O', 'Elsewhere'],
      ],
    ],
    [
      'CN="Standby, ""Inc.""", O="a\\", C=GB',
      [
        ['CN', 'Standby, "Inc."'],
        ['O', 'a\\'],
        ['C', 'GB'],
      ],
    ],
    [
      'CN=Standby Software Ltd\\, O=Elsewhere',
      [
        ['CN', 'Standby Software Ltd\\'],
        ['O', 'Elsewhere'],
      ],
    ],
  ])(
    "reads %s as Windows writes a signer's subject: a backslash as it is, a quote in quotes twice",
    (dn, attributes) => {
      expect([...parseDistinguishedName(dn, 'windows')]).toEqual(attributes)
    },
  )
})
