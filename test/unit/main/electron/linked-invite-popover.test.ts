import { describe, expect, it, vi } from 'vitest'
import {
  followLinkedInvitePopover,
  inviteClosedAs,
  inviteStillOpen,
} from '../../../../src/main/electron/linked-invite-popover'
import type { FocusRequest } from '../../../../src/main/core/notification-actions'
import type { Invite } from '../../../../src/shared/protocol/entities'
import { Listeners } from '../../../../src/shared/listeners'
import { ManualClock } from '../../../../src/shared/clock'
import { anInvite, FIXTURE_NOW, MINUTE } from '../../../support/fixtures'

/** The watch over a cache of `invites`, the popover a spy, the platform's time `clock`. */
function watch(invites: Map<string, Invite>) {
  const clock = new ManualClock(FIXTURE_NOW)
  const cacheChanged = new Listeners<unknown>()
  const focusRequests = new Listeners<FocusRequest>()
  const popover = { hideIfUntouched: vi.fn(), isDestroyed: () => false }
  const unsubscribe = followLinkedInvitePopover(
    {
      core: {
        cache: { invite: (id) => invites.get(id) ?? null },
        cacheChanged,
        platformClock: { deadlines: clock },
      },
      notificationActions: { focusRequests },
    },
    { current: () => popover },
  )
  return { clock, cacheChanged, focusRequests, hide: popover.hideIfUntouched, unsubscribe }
}

describe('the popover a link showed', () => {
  const invite = anInvite()
  const link: FocusRequest = { kind: 'invite', inviteId: invite.id, attention: false, link: true }

  it("is put away once its invite runs out, so it does not stay on top of the expert's apps", () => {
    const { clock, cacheChanged, focusRequests, hide } = watch(new Map([[invite.id, invite]]))
    focusRequests.emit(link)
    cacheChanged.emit({})
    expect(hide).not.toHaveBeenCalled()
    clock.advance(5 * MINUTE)
    cacheChanged.emit({})
    expect(hide).toHaveBeenCalledTimes(1)
    // Once: a later change of the cache does not put away a popover the expert opened since.
    cacheChanged.emit({})
    expect(hide).toHaveBeenCalledTimes(1)
  })

  it('is put away when its invite runs out by the platform’s time, with no word from the cache', () => {
    const { clock, focusRequests, hide } = watch(new Map([[invite.id, invite]]))
    focusRequests.emit(link)
    clock.advanceTo(invite.expiresAt - 1)
    expect(hide).not.toHaveBeenCalled()
    clock.advanceTo(invite.expiresAt)
    expect(hide).toHaveBeenCalledTimes(1)
  })

  it('follows a later closing time the cache gives the invite', () => {
    const invites = new Map([[invite.id, invite]])
    const { clock, cacheChanged, focusRequests, hide } = watch(invites)
    focusRequests.emit(link)
    invites.set(invite.id, { ...invite, expiresAt: invite.expiresAt + 10 * MINUTE })
    cacheChanged.emit({})
    clock.advanceTo(invite.expiresAt)
    expect(hide).not.toHaveBeenCalled()
    clock.advanceTo(invite.expiresAt + 10 * MINUTE)
    expect(hide).toHaveBeenCalledTimes(1)
  })

  it('stops waiting for the invite’s time once the expert’s own press came, or the watch ended', () => {
    const { clock, focusRequests, hide, unsubscribe } = watch(new Map([[invite.id, invite]]))
    focusRequests.emit(link)
    focusRequests.emit({ kind: 'invite', inviteId: invite.id, attention: false })
    expect(clock.pendingTimers).toBe(0)
    focusRequests.emit(link)
    unsubscribe()
    expect(clock.pendingTimers).toBe(0)
    clock.advanceTo(invite.expiresAt)
    expect(hide).not.toHaveBeenCalled()
  })

  it('is put away once its invite is taken elsewhere or withdrawn', () => {
    const invites = new Map([[invite.id, invite]])
    const { cacheChanged, focusRequests, hide } = watch(invites)
    focusRequests.emit(link)
    invites.set(invite.id, { ...invite, state: 'withdrawn' })
    cacheChanged.emit({})
    expect(hide).toHaveBeenCalledTimes(1)
  })

  it('follows the last of two links for different invites: the first one closing leaves the popover up', () => {
    const other = anInvite({ id: 'inv_other' })
    const invites = new Map([
      [invite.id, invite],
      [other.id, other],
    ])
    const { cacheChanged, focusRequests, hide } = watch(invites)
    focusRequests.emit(link)
    focusRequests.emit({ ...link, inviteId: other.id })
    invites.set(invite.id, { ...invite, state: 'taken' })
    cacheChanged.emit({})
    expect(hide).not.toHaveBeenCalled()
    invites.set(other.id, { ...other, state: 'withdrawn' })
    cacheChanged.emit({})
    expect(hide).toHaveBeenCalledTimes(1)
  })

  it("stays when a press of the expert's own came after the link", () => {
    const { clock, cacheChanged, focusRequests, hide } = watch(new Map([[invite.id, invite]]))
    focusRequests.emit(link)
    focusRequests.emit({ kind: 'invite', inviteId: invite.id, attention: false })
    clock.advance(5 * MINUTE)
    cacheChanged.emit({})
    expect(hide).not.toHaveBeenCalled()
  })
})

/** A cache holding one open invite, read by the platform's time `clock`. */
function cacheOfOne() {
  const invite = anInvite()
  const clock = new ManualClock(FIXTURE_NOW)
  const invites = new Map([[invite.id, invite]])
  const core = {
    cache: { invite: (id: string) => invites.get(id) ?? null },
    cacheChanged: new Listeners<unknown>(),
    platformClock: { deadlines: clock },
  }
  return { invite, clock, invites, core }
}

describe('whether an invite a link names is still open', () => {
  it('is open while the cache holds it open by the platform’s time; not once it ran out, closed or left the rows', () => {
    const { invite, clock, invites, core } = cacheOfOne()
    expect(inviteStillOpen(core, invite.id)).toBe(true)
    invites.set(invite.id, { ...invite, state: 'taken' })
    expect(inviteStillOpen(core, invite.id)).toBe(false)
    invites.set(invite.id, invite)
    clock.advance(5 * MINUTE)
    expect(inviteStillOpen(core, invite.id)).toBe(false)
    // A snapshot keeps only open invites: one shown and since gone from the rows is closed.
    expect(inviteStillOpen(core, 'inv_not_in_the_rows')).toBe(false)
  })

  it('says how it closed: accepted by the expert, run out by the platform’s time, or gone from the rows', () => {
    const { invite, clock, invites, core } = cacheOfOne()
    expect(inviteClosedAs(core, invite.id)).toBeNull()
    // Still called open by the cache, not yet swept: past its time by the platform's clock.
    clock.advance(5 * MINUTE)
    expect(inviteClosedAs(core, invite.id)).toBe('expired')
    invites.set(invite.id, { ...invite, state: 'accepted' })
    expect(inviteClosedAs(core, invite.id)).toBe('accepted')
    expect(inviteClosedAs(core, 'inv_not_in_the_rows')).toBe('gone')
  })
})
