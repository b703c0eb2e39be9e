// Mutants of the two files Standby reads at start, the stored sign-in and the settings: reading
// never throws, what is read is only ever valid (a token a request header can carry, an address
// the app may talk to), a refusal is logged without the secret, and the valid file still reads.
import { describe, expect, it } from 'vitest'
import { readSettings, settingsFileContent } from '../../../../src/main/core/settings/read-settings'
import { SettingsSchema } from '../../../../src/main/core/ports/settings'
import { decodeSignIn } from '../../../../src/main/node/stored-sign-in'
import { Id } from '../../../../src/shared/protocol'
import { isAllowedPlatformUrl } from '../../../../src/shared/platform-url'
import { forEachMutant, jsonText, mutants } from '../../../support/mutation-fuzz'
import { recordingLog } from '../../../support/recording-log'

const TOKEN = 'tok_Q2hlY2sgdGhlIGNhY2hlIGZpcnN0'
const signIn = { platformUrl: 'https://platform.example.com', token: TOKEN, expertId: 'exp_ada' }

describe('reading the stored sign-in', () => {
  it('reads only a sign-in it can use, and says which field is wrong without quoting it', async () => {
    await forEachMutant(mutants(signIn, { seed: 0x516e, count: 400 }), (mutant) => {
      const text = jsonText(mutant.value)
      if (text === undefined) return
      const read = decodeSignIn(text)
      if (read.ok) {
        // The token goes into an Authorization header and the socket's auth, the id into every query.
        expect(read.signIn.token).toMatch(/^[\x21-\x7e]{1,512}$/)
        expect(Id.safeParse(read.signIn.expertId).success).toBe(true)
        expect(isAllowedPlatformUrl(read.signIn.platformUrl)).toBe(true)
      } else {
        expect(read.reason).not.toContain(TOKEN)
        expect(read.reason.length).toBeLessThan(300)
      }
      expect(decodeSignIn(JSON.stringify(signIn))).toEqual({ ok: true, signIn })
    })
  })
})

describe('reading the settings file', () => {
  const valid = settingsFileContent({
    ...SettingsSchema.parse({}),
    platformUrl: 'https://platform.example.com',
    autoAwayMinutes: 15,
  })

  it('keeps only valid settings, logs what it replaced, and reads the valid file alike', async () => {
    await forEachMutant(mutants(valid, { seed: 0x5e77, count: 400 }), (mutant) => {
      const log = recordingLog()
      const read = readSettings(mutant.value, log)
      expect(SettingsSchema.safeParse(read.values).success).toBe(true)
      const url = read.values.platformUrl
      if (url !== null) expect(isAllowedPlatformUrl(url)).toBe(true)
      // A setting the file held and that was not kept as it was is named in the log.
      const file = mutant.value
      if (typeof file === 'object' && file !== null && !Array.isArray(file)) {
        for (const key of Object.keys(SettingsSchema.shape) as Array<keyof typeof read.values>) {
          // Undefined is not written to a file: such a key is missing, at its default.
          const held = (file as Record<string, unknown>)[key]
          if (Object.hasOwn(file, key) && held !== undefined && !Object.is(held, read.values[key]))
            expect(log.text()).toContain(`"${key}"`)
        }
      } else expect(log.lines.length).toBeGreaterThan(0)
      expect(log.text().length).toBeLessThan(5_000)
    })
  })
})
