// The buttons that need the platform refuse, focusable still, while Standby cannot reach it, and
// one sentence beside them says why and what to do; local buttons stay pressable.
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ConnectionState } from '../../../src/shared/connection-state'
import { ActionButton, actionButton } from '../../../src/renderer/components/ActionButton'
import { AvailabilityForm } from '../../../src/renderer/components/AvailabilityForm'
import { InviteCard } from '../../../src/renderer/components/InviteCard'
import { LiveSessionCard } from '../../../src/renderer/components/LiveSessionCard'
import { UpcomingSession } from '../../../src/renderer/components/UpcomingView'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { platformRefusal } from '../../../src/renderer/logic/platform-reach'
import { ServicesContext } from '../../../src/renderer/store/context'
import {
  aFirstFrame,
  anExpert,
  anInvite,
  aRequest,
  aScheduledRequest,
  aSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
} from '../../support/fixtures'
import { buttonTag } from '../../support/button-tag'

/** A button the focus is not on. */
const UNFOCUSED = { focused: false, onFocusChange: () => undefined }

const OFFLINE: ConnectionState = {
  status: 'offline',
  nextAttemptAt: FIXTURE_NOW + MINUTE,
  reason: 'The platform did not answer.',
  lastSyncedAt: FIXTURE_NOW - MINUTE,
}
const ONLINE: ConnectionState = { status: 'online', since: FIXTURE_NOW }
const REASON = platformRefusal(OFFLINE)!

/** The markup of `node` with the connection `connection`. */
function render(connection: ConnectionState, node: ReactElement): string {
  const services = frameServices(aFirstFrame({ connection }))
  return renderToStaticMarkup(<ServicesContext value={services}>{node}</ServicesContext>)
}

/** The id of the sentence that says why, checking it is shown once and says `REASON`. */
function refusalId(html: string): string {
  const notes = [...html.matchAll(/<p class="platform-refusal" id="([^"]+)">([^<]*)<\/p>/g)]
  expect(notes).toHaveLength(1)
  expect(notes[0]![2]).toBe(REASON)
  return notes[0]![1]!
}

/** `tag` refuses presses, focusable still, and points at the sentence `id`. */
function expectRefusing(tag: string, id: string): void {
  expect(tag).toContain('aria-disabled="true"')
  expect(tag).not.toMatch(/ disabled=""/)
  expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*${id}`))
}

describe('platformRefusal', () => {
  it('says offline and reconnecting in the banner’s words, with what to do, and lets the rest through', () => {
    expect(REASON).toMatch(/^Offline · this needs the platform\. .*try again once it is online\.$/)
    const reconnecting: ConnectionState = {
      status: 'reconnecting',
      nextAttemptAt: FIXTURE_NOW,
      attempt: 1,
      reason: 'Dropped',
      lastSyncedAt: null,
    }
    expect(platformRefusal(reconnecting)).toMatch(/^Reconnecting… · this needs the platform/)
    expect(platformRefusal(ONLINE)).toBeNull()
    expect(platformRefusal({ status: 'connecting' })).toBeNull()
    expect(platformRefusal({ status: 'checking', since: FIXTURE_NOW })).toBeNull()
  })
})

describe('the platform’s buttons while Standby is offline', () => {
  it('refuse an instant invite’s Join and Decline, saying why once, and leave Message client pressable', () => {
    const invite = anInvite({ id: 'inv_1', request: aRequest({ title: 'Flaky CI' }) })
    const html = render(OFFLINE, <InviteCard invite={invite} booked={[]} />)
    const id = refusalId(html)
    expectRefusing(buttonTag(html, 'Join now “Flaky CI”'), id)
    expectRefusing(buttonTag(html, 'Decline “Flaky CI”'), id)
    expect(buttonTag(html, 'Message client')).not.toContain('aria-disabled')

    const online = render(ONLINE, <InviteCard invite={invite} booked={[]} />)
    expect(online).not.toContain('platform-refusal')
    expect(buttonTag(online, 'Join now “Flaky CI”')).not.toContain('aria-disabled')
  })

  it('refuse a scheduled invite’s Book', () => {
    const request = aScheduledRequest('req_s', FIXTURE_NOW + 120 * MINUTE, { title: 'Schema review' })
    const html = render(OFFLINE, <InviteCard invite={anInvite({ id: 'inv_s', request })} booked={[]} />)
    expectRefusing(buttonTag(html, 'aria-label="Book '), refusalId(html))
  })

  it('refuse a booked session’s Start in its window, and leave Add to calendar and Cancel pressable', () => {
    const session = aSession({ id: 's1', bookedStart: FIXTURE_NOW + 5 * MINUTE })
    const html = render(OFFLINE, <UpcomingSession session={session} remindersEnabled />)
    expectRefusing(buttonTag(html, 'Start “'), refusalId(html))
    expect(buttonTag(html, 'calendar')).not.toContain('aria-disabled')
    expect(buttonTag(html, 'Cancel')).not.toContain('aria-disabled')
  })

  it('refuse a live session’s Start billing, and leave Open room and End session… pressable', () => {
    const session = liveSession(aSession({ id: 's2', bookedStart: FIXTURE_NOW }), FIXTURE_NOW)
    const here = { ...session, clientJoinedAt: FIXTURE_NOW }
    const html = render(OFFLINE, <LiveSessionCard session={here} />)
    expectRefusing(buttonTag(html, 'Start billing'), refusalId(html))
    expect(buttonTag(html, 'End session…')).not.toContain('aria-disabled')
  })

  it('refuse Set availability', () => {
    const html = render(OFFLINE, <AvailabilityForm expert={anExpert({ availability: 'online' })} />)
    expectRefusing(buttonTag(html, 'Set availability'), refusalId(html))
  })

  it('ignore a press and send a form’s submit nowhere, but keep a command already on its way as it is', () => {
    const offline = { reason: REASON, id: 'why' }
    let pressed = 0
    let prevented = false
    const submit = actionButton(
      {
        type: 'submit',
        pending: false,
        pendingLabel: 'Sending…',
        offline,
        onClick: () => void pressed++,
        children: 'Send',
      },
      UNFOCUSED,
    ) as ReactElement<{ onClick: (event: { preventDefault(): void }) => void }>
    submit.props.onClick({ preventDefault: () => void (prevented = true) })
    expect(pressed).toBe(0)
    expect(prevented).toBe(true)

    // Sent before the link dropped: the core sends it again on the next connection, and it ends as it ends.
    const onItsWay = renderToStaticMarkup(
      <ActionButton pending pendingLabel="Joining…" offline={offline}>
        Join
      </ActionButton>,
    )
    expect(onItsWay).toContain('Joining…')
    expect(onItsWay).not.toContain('why')
  })
})
