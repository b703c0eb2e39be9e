import { describe, expect, it } from 'vitest'
import {
  connectionStatus,
  statusLine,
  type StatusInputs,
} from '../../../../../src/main/core/connection/connection-status'

const base: StatusInputs = {
  link: { kind: 'idle' },
  sync: { kind: 'idle' },
  signedIn: true,
  wasOnline: false,
  lastSyncedAt: 1_000,
  now: 5_000,
}
const waiting = (attempt: number) => ({
  kind: 'waiting' as const,
  attempt,
  nextAttemptAt: 9_000,
  reason: 'Connection lost.',
})

describe('connectionStatus', () => {
  it('is signed out without a sign-in, and when the platform refuses the token', () => {
    expect(connectionStatus({ ...base, signedIn: false })).toEqual({ status: 'signed_out', reason: null })
    expect(
      connectionStatus({
        ...base,
        link: { kind: 'refused', code: 'unauthorized', message: 'Sign in again.' },
      }),
    ).toEqual({
      status: 'signed_out',
      reason: 'Sign in again.',
    })
  })

  it('is offline, saying why and when it tries again, while what the platform sends cannot be saved', () => {
    const welcome = { protocolVersion: 1, expertId: 'exp_1', latestEventId: 0, serverTime: 0 }
    const sync = { kind: 'failing' as const, message: 'Free some disk space.', nextAttemptAt: 9_000 }
    expect(connectionStatus({ ...base, link: { kind: 'connected', welcome }, sync })).toEqual({
      status: 'offline',
      nextAttemptAt: 9_000,
      reason: 'Free some disk space.',
      lastSyncedAt: 1_000,
    })
  })

  it('is incompatible when the protocol versions differ', () => {
    const link = { kind: 'refused' as const, code: 'protocol_mismatch' as const, message: 'Update Standby.' }
    expect(connectionStatus({ ...base, link })).toEqual({
      status: 'incompatible',
      message: 'Update Standby.',
    })
  })

  it('is online only once connected and caught up', () => {
    const link = {
      kind: 'connected' as const,
      welcome: { protocolVersion: 1, expertId: 'e', latestEventId: 3 },
    }
    expect(connectionStatus({ ...base, link, sync: { kind: 'catching_up' } })).toEqual({
      status: 'connecting',
    })
    expect(connectionStatus({ ...base, link, sync: { kind: 'live', since: 4_000 } })).toEqual({
      status: 'online',
      since: 4_000,
    })
  })

  it('says "checking", not "online", while a probe of the connection is out', () => {
    const link = {
      kind: 'connected' as const,
      welcome: { protocolVersion: 1, expertId: 'e', latestEventId: 3 },
      checking: true,
    }
    const state = connectionStatus({ ...base, link, sync: { kind: 'live', since: 4_000 } })
    expect(state).toEqual({ status: 'checking', since: 4_000 })
    expect(statusLine(state, 2, String)).toBe('Checking connection… · 2 open invites')
  })

  it('is offline at once on a cold start that cannot connect, with the last sync time', () => {
    expect(connectionStatus({ ...base, link: waiting(1) })).toMatchObject({
      status: 'offline',
      lastSyncedAt: 1_000,
      nextAttemptAt: 9_000,
    })
  })

  it('is reconnecting after a drop, and offline after three failed attempts', () => {
    expect(connectionStatus({ ...base, wasOnline: true, link: waiting(1) })).toMatchObject({
      status: 'reconnecting',
      attempt: 1,
    })
    expect(connectionStatus({ ...base, wasOnline: true, link: waiting(2) })).toMatchObject({
      status: 'reconnecting',
      attempt: 2,
    })
    expect(connectionStatus({ ...base, wasOnline: true, link: waiting(3) })).toMatchObject({
      status: 'offline',
    })
  })
})

describe('statusLine', () => {
  const time = (t: number) => `T${t}`
  it('says what the connection does and counts open invites', () => {
    expect(statusLine({ status: 'online', since: 0 }, 0, time)).toBe('Online · no open invites')
    expect(statusLine({ status: 'online', since: 0 }, 1, time)).toBe('Online · 1 open invite')
    expect(statusLine({ status: 'online', since: 0 }, 3, time)).toBe('Online · 3 open invites')
    expect(statusLine({ status: 'offline', nextAttemptAt: null, reason: '', lastSyncedAt: 7 }, 0, time)).toBe(
      'Offline · last synced T7',
    )
    expect(
      statusLine({ status: 'offline', nextAttemptAt: null, reason: '', lastSyncedAt: null }, 0, time),
    ).toBe('Offline · never synced')
    expect(statusLine({ status: 'signed_out', reason: null }, 0, time)).toMatch(/sign in/)
  })
})
