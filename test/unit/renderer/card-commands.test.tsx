// One command at a time on a card: Join and Decline, Book and Decline, Start and Cancel, Start
// billing and End are never both on their way, and the one waiting says which one it waits for.
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { actionButton } from '../../../src/renderer/components/ActionButton'
import { InviteCard } from '../../../src/renderer/components/InviteCard'
import { LiveSessionCard } from '../../../src/renderer/components/LiveSessionCard'
import { UpcomingSession } from '../../../src/renderer/components/UpcomingView'
import { frameServices } from '../../../src/renderer/first-frame/frame-services'
import { createCardCommands, inviteCard, sessionCard } from '../../../src/renderer/store/card-commands'
import { ServicesContext } from '../../../src/renderer/store/context'
import {
  aFirstFrame,
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

/** The markup of `node` in a page whose card `card` has `onItsWay` on its way. */
function withOnItsWay(card: string, onItsWay: string, node: ReactElement): string {
  const services = { ...frameServices(aFirstFrame()), cardCommands: createCardCommands() }
  services.cardCommands.begin(card, onItsWay)
  return renderToStaticMarkup(<ServicesContext value={services}>{node}</ServicesContext>)
}

describe('a card’s commands on their way', () => {
  it('refuse a second command of the card while one is on its way, and take one again once it answered', () => {
    const commands = createCardCommands()
    const joined = commands.begin('invite:inv_1', 'Joining…')
    expect(joined).not.toBeNull()
    expect(commands.begin('invite:inv_1', 'Declining…')).toBeNull()
    expect(commands.getSnapshot().get('invite:inv_1')).toBe('Joining…')
    // Another card is another matter.
    expect(commands.begin('invite:inv_2', 'Declining…')).not.toBeNull()
    joined!()
    expect(commands.getSnapshot().has('invite:inv_1')).toBe(false)
    expect(commands.begin('invite:inv_1', 'Declining…')).not.toBeNull()
  })

  it('go with their expert, and a gone expert’s answer ends nothing begun since', () => {
    const commands = createCardCommands()
    const gone = commands.begin('session:s1', 'Starting…')!
    commands.forget()
    const next = commands.begin('session:s1', 'Cancelling…')
    expect(next).not.toBeNull()
    gone()
    expect(commands.getSnapshot().get('session:s1')).toBe('Cancelling…')
  })
})

describe('a card while one of its commands is on its way', () => {
  it('keeps an instant invite’s Join focusable but refusing, and says the Decline it waits for', () => {
    const invite = anInvite({ id: 'inv_1', request: aRequest({ title: 'Flaky CI' }) })
    const html = withOnItsWay(inviteCard('inv_1'), 'Declining…', <InviteCard invite={invite} booked={[]} />)
    const join = buttonTag(html, 'Join')
    expect(join).toContain('aria-disabled="true"')
    expect(join).not.toMatch(/ disabled=""/)
    expect(join).toContain('title="Waiting: Declining is on its way"')
  })

  it('keeps a scheduled invite’s Decline and Book refusing while a Book or Decline is on its way', () => {
    const request = aScheduledRequest('req_s', FIXTURE_NOW + 120 * MINUTE, { title: 'Schema review' })
    const invite = anInvite({ id: 'inv_s', request })
    const booking = withOnItsWay(inviteCard('inv_s'), 'Booking…', <InviteCard invite={invite} booked={[]} />)
    const decline = buttonTag(booking, 'Decline “Schema review”')
    expect(decline).toContain('aria-disabled="true"')
    expect(decline).toContain('title="Waiting: Booking is on its way"')

    const declining = withOnItsWay(
      inviteCard('inv_s'),
      'Declining…',
      <InviteCard invite={invite} booked={[]} />,
    )
    const book = buttonTag(declining, 'aria-label="Book ')
    expect(book).toContain('aria-disabled="true"')
    expect(book).toContain('title="Waiting: Declining is on its way"')
  })

  it('keeps a booked session’s Start refusing while its cancellation or proposal is on its way', () => {
    const session = aSession({ id: 's1', bookedStart: FIXTURE_NOW + 5 * MINUTE })
    const html = withOnItsWay(
      sessionCard('s1'),
      'Cancelling…',
      <UpcomingSession session={session} remindersEnabled />,
    )
    const start = buttonTag(html, 'Start “')
    expect(start).toContain('aria-disabled="true"')
    expect(start).toContain('title="Waiting: Cancelling is on its way"')
  })

  it('keeps a live session’s Start billing refusing while its end is on its way', () => {
    const session = liveSession(aSession({ id: 's2', bookedStart: FIXTURE_NOW }), FIXTURE_NOW)
    const here = { ...session, clientJoinedAt: FIXTURE_NOW }
    const html = withOnItsWay(sessionCard('s2'), 'Ending…', <LiveSessionCard session={here} />)
    const start = buttonTag(html, 'Start billing')
    expect(start).toContain('aria-disabled="true"')
    expect(start).toContain('title="Waiting: Ending is on its way"')
  })

  it('ignores a press on a command that waits for another, and sends a form’s submit nowhere', () => {
    let pressed = 0
    const button = actionButton(
      {
        pending: false,
        pendingLabel: 'Joining…',
        blockedBy: 'Declining…',
        onClick: () => void pressed++,
        children: 'Join',
      },
      UNFOCUSED,
    ) as ReactElement<{ onClick: (event: { preventDefault(): void }) => void }>
    let prevented = false
    button.props.onClick({ preventDefault: () => void (prevented = true) })
    expect(pressed).toBe(0)
    const submit = actionButton(
      {
        type: 'submit',
        pending: false,
        pendingLabel: 'Ending…',
        blockedBy: 'Starting billing…',
        children: 'End session',
      },
      UNFOCUSED,
    ) as ReactElement<{ onClick: (event: { preventDefault(): void }) => void }>
    submit.props.onClick({ preventDefault: () => void (prevented = true) })
    expect(prevented).toBe(true)
  })
})
