/**
 * A native notification. Electron's Notification has no destroyed state: `close()` takes it off
 * the screen (again and again, harmlessly) and detaches it, so no later click, action or close
 * reaches the app, and `show()` puts it up anew. The fake follows that, and refuses a test that
 * plays a user acting on a notification that is not on screen.
 */
import { EventEmitter } from 'node:events'
import type { Notification, NotificationConstructorOptions } from 'electron'
import { assertOnScreen, preventableEvent } from './events'
import { fake } from './state'

/** A native notification: remembers its options and whether it is on screen. */
export class FakeNotification extends EventEmitter implements Pick<Notification, 'show' | 'close'> {
  /** Whether the OS supports notifications (Electron's static isSupported()). */
  static isSupported(): boolean {
    return fake.notificationsSupported
  }

  shown = false
  closed = false

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super()
    fake.notifications.push(this)
  }

  /** Whether the user can see (and so act on) it. */
  get onScreen(): boolean {
    return this.shown && !this.closed
  }

  show(): void {
    this.shown = true
    this.closed = false
    this.emit('show', preventableEvent())
  }
  /** The app takes it away; macOS reports that as a 'close', once. */
  close(): void {
    if (!this.onScreen) return
    this.closed = true
    this.emit('close', preventableEvent({ reason: 'applicationHidden' as const }))
  }

  /** The user clicks the notification's body. */
  click(): void {
    assertOnScreen('a notification', this.onScreen)
    this.emit('click', preventableEvent())
  }
  /** The user presses the action button at `actionIndex`. */
  pressAction(actionIndex: number): void {
    assertOnScreen('a notification', this.onScreen)
    this.emit('action', preventableEvent({ actionIndex, selectionIndex: -1 }), actionIndex, -1)
  }
  /** The user dismisses it (or it times out). */
  dismiss(): void {
    assertOnScreen('a notification', this.onScreen)
    this.closed = true
    this.emit('close', preventableEvent({ reason: 'userCanceled' as const }))
  }
  /** The OS refused to show it; Electron then lets it go. */
  fail(error: string): void {
    assertOnScreen('a notification', this.onScreen)
    this.closed = true
    this.emit('failed', preventableEvent(), error)
  }
}
