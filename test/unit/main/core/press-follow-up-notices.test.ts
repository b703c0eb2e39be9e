import { expect, it } from 'vitest'
import { NotificationActions, type ReminderControls } from '../../../../src/main/core/notification-actions'
import { oneNoticeOfAKind } from '../../../../src/main/core/one-notice-of-a-kind'
import type { AppNotification } from '../../../../src/main/core/ports/notifier'
import { createRecordingNotifier } from '../../../../src/main/node/adapters/recording-notifier'
import { recordingLog } from '../../../support/recording-log'

const invite = (inviteId: string, title: string): AppNotification => ({
  kind: 'invite',
  inviteId,
  requestId: `req_${inviteId}`,
  title,
  body: '',
  instant: true,
})
const reminder = (sessionId: string, title: string): AppNotification => ({
  kind: 'reminder',
  sessionId,
  title,
  body: '',
  moment: 'before',
  bookedStart: 0,
  requestId: `req_${sessionId}`,
  startAllowed: true,
})

/** Presses whose every command the platform refuses, told through the notifier the core hands them. */
function refusingPresses() {
  const screen = createRecordingNotifier()
  const taken = async () => ({ ok: false as const, error: { code: 'taken' as const, message: 'Too late.' } })
  const reminders: ReminderControls = {
    pressed: () => undefined,
    startAllowed: () => true,
    whyNoStart: () => null,
    snooze: () => false,
    whyNoSnooze: () => 'The session was cancelled.',
    shownForAnotherRequest: () => false,
    timeSettling: () => null,
    snoozesAwaitingTime: { keep: () => {}, answered: () => {} },
  }
  const actions = new NotificationActions({
    commands: { accept: taken, decline: taken, start: taken },
    reminders,
    notifier: oneNoticeOfAKind(screen),
    log: recordingLog(),
  })
  return { actions, onScreen: () => screen.noticesOnScreen.map((n) => `${n.title}: ${n.body}`) }
}

it('a Join refused on two invites leaves both told on screen; refused again on one, its notice is the newest only', async () => {
  const { actions, onScreen } = refusingPresses()
  await actions.activate({ action: 'primary', notification: invite('inv_a', 'Sam: Hooks') })
  await actions.activate({ action: 'primary', notification: invite('inv_b', 'Kim: Taxes') })
  await actions.activate({ action: 'primary', notification: invite('inv_a', 'Sam: Hooks') })
  expect(onScreen()).toEqual([
    expect.stringMatching(/^Another expert was faster: Kim: Taxes/),
    expect.stringMatching(/^Another expert was faster: Sam: Hooks/),
  ])
})

it('a Start or Snooze refused on two reminders leaves both told on screen', async () => {
  const { actions, onScreen } = refusingPresses()
  for (const action of ['start', 'snooze'] as const) {
    await actions.activate({ action, notification: reminder('ses_a', 'Hooks review') })
    await actions.activate({ action, notification: reminder('ses_b', 'Tax return') })
  }
  expect(onScreen()).toEqual([
    expect.stringMatching(/^Could not start: Hooks review/),
    expect.stringMatching(/^Could not start: Tax return/),
    expect.stringMatching(/^Could not snooze: Hooks review/),
    expect.stringMatching(/^Could not snooze: Tax return/),
  ])
})
