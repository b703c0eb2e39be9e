// The sign-in the core holds: who it is, and why no one is when the expert did not sign out.
import { describe, expect, it } from 'vitest'
import { HeldSignIn } from '../../../../../src/main/core/auth/held-sign-in'

const ada = { platformUrl: 'https://platform.test', token: 'tok_ada', expertId: 'exp_ada' }
const signedOut = { status: 'signed_out', reason: null } as const

describe('the held sign-in', () => {
  it('names who is signed in and on which platform', () => {
    const held = new HeldSignIn()
    expect([held.who, held.platformUrl]).toEqual([null, null])
    held.become(ada)
    expect([held.who, held.platformUrl]).toEqual([
      'exp_ada on https://platform.test',
      'https://platform.test',
    ])
  })

  it('tells why it was refused while no one is signed in, until the next sign-in or sign-out', () => {
    const held = new HeldSignIn()
    held.become(ada)
    held.refused('Your sign-in has expired. Sign in again.')
    expect(held.current).toBeNull()
    expect(held.shown(signedOut)).toEqual({
      status: 'signed_out',
      reason: 'Your sign-in has expired. Sign in again.',
    })
    // A state that says something else of its own is shown as it is.
    expect(held.shown({ status: 'connecting' })).toEqual({ status: 'connecting' })
    held.become(null)
    expect(held.shown(signedOut)).toEqual(signedOut)
  })
})
