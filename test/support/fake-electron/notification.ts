/**
 * A native notification. Electron's Notification has no destroyed state: `close()` takes it off
 * the screen (again and again, harmlessly) and detaches it, so no later click, action or close
 * reaches the app, and `show()` puts it up anew. The fake follows that, and refuses a test that
 * plays a user acting on a notification that is not on screen.
 *
 * On macOS and Windows the `id` option reaches the OS (the request's identifier, the toast's tag):
 * showing a notification takes the place of one on screen with the same id, and closing one
 * removes what is on screen under its id, so closing an object whose id a newer notification took
 * takes the newer one down too. Linux has no such ids: each notification stands alone. As in
 * Electron, `close()` acts only through what this object's own `show()` put up: on an object never
 * shown, or closed already, it does nothing, whatever its id.
 *
 * On macOS Electron finds the object a press belongs to by the notification's id: its presenter
 * hands the click, the button or the dismissal to the first native notification it holds under that
 * id (notification_presenter_mac.mm). An earlier object of the same id that was shown and never
 * closed, pressed or dismissed is still held there, so it may hear a press on the newer one; the
 * fake gives it to the oldest such object, as the presenter's set, ordered by address, often does.
 * Only a click on the body ends the native notification that heard it (Notification::Destroy): a
 * button pressed or a dismissal leaves it held under its id (CocoaNotification's own
 * NotificationActivated and NotificationDismissed destroy nothing) until the app closes it.
 *
 * The statics exist only where Electron has them (`remove`, `removeAll` and `getHistory` on macOS,
 * `handleActivation` on Windows, per `fake.platform`): elsewhere calling one throws the TypeError
 * a missing method throws. Every call is recorded in `fake.notificationCalls`.
 */
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { ActivationArguments, Notification, NotificationConstructorOptions } from 'electron'
import { assertOnScreen, preventableEvent } from './events'
import { fake } from './state'

/** A native notification: remembers its options and whether it is on screen. */
export class FakeNotification extends EventEmitter implements Pick<Notification, 'show' | 'close' | 'id'> {
  /** Whether the OS supports notifications (Electron's static isSupported()). */
  static isSupported(): boolean {
    return fake.notificationsSupported
  }

  /** Removes delivered notifications by id (macOS only). */
  static remove(id: string | string[]): void {
    requirePlatform('remove', 'darwin')
    const ids = typeof id === 'string' ? [id] : id
    if (!Array.isArray(ids) || ids.some((one) => typeof one !== 'string')) {
      throw new TypeError('Error processing argument at index 0, conversion failure from ' + String(id))
    }
    fake.notificationCalls.remove.push(...ids)
    for (const shown of [...fake.notifications, ...fake.notificationHistory]) {
      if (ids.includes(shown.id) && shown.onScreen) shown.closed = true
    }
  }

  /** Removes every delivered notification of the app, this run's and earlier runs' (macOS only). */
  static removeAll(): void {
    requirePlatform('removeAll', 'darwin')
    fake.notificationCalls.removeAll++
    for (const shown of [...fake.notifications, ...fake.notificationHistory]) {
      if (shown.onScreen) shown.closed = true
    }
  }

  /**
   * What Notification Center holds of the app (macOS only): what an earlier run left, and this
   * run's own, each as a new object that Electron holds under its id, as Electron's getHistory()
   * makes them. This run's keeps its place on screen: closing the object that showed it takes it
   * down, closing the new one does not.
   */
  static getHistory(): Promise<FakeNotification[]> {
    requirePlatform('getHistory', 'darwin')
    fake.notificationCalls.getHistory++
    const earlier = fake.notificationHistory.filter((n) => n.onScreen)
    const thisRun = fake.notifications
      .filter((n) => n.onScreen)
      .map((n) => FakeNotification.delivered({ ...n.options, id: n.id }))
    return Promise.resolve([...earlier, ...thisRun])
  }

  /** Registers the one callback for every press on a toast (Windows only); a later call replaces it. */
  static handleActivation(callback: (details: ActivationArguments) => void): void {
    requirePlatform('handleActivation', 'win32')
    if (typeof callback !== 'function') throw new TypeError('Error processing argument at index 0')
    fake.notificationCalls.handleActivation++
    fake.activationHandler = callback
    // As in Electron, the press that came before any callback (the one that launched the app) is
    // handed over at once: only the last, as Electron keeps one (windows_toast_activator.cc).
    for (const details of fake.pendingActivations.splice(0)) callback(details)
  }

  /** The notification's id: the `id` option, or a UUID as Electron makes one. */
  readonly id: string
  shown = false
  closed = false
  /** Whether Electron holds a native notification for it: from `show()` until `close()`. */
  private native = false
  /** Made by getHistory(): Electron only observes it, so `close()` leaves it in Notification Center. */
  private restored = false
  /**
   * Windows: Electron's presenter still has its native toast, from `show()` until a click on its
   * body or a failure; a dismissal, the app's `close()` included, leaves it there (without the object).
   */
  private inPresenter = false
  /** Windows: its banner is gone and its toast waits in the Action Center; its 'close' was reported. */
  private inActionCenter = false
  /** Linux: shown with libnotify's "default" action, as the capabilities Electron read first allowed. */
  private clickable = true

  /**
   * Throws as Electron's constructor does: before 'ready', and on Windows for an `id` or `groupId`
   * longer than a toast's tag holds (64 UTF-16 units) or a `groupTitle` without a `groupId`.
   */
  constructor(readonly options: NotificationConstructorOptions = {}) {
    super()
    fake.app.assertReady('Cannot create Notification')
    if (fake.platform === 'win32') refuseWindowsOptions(options)
    this.id = options.id === undefined || options.id === '' ? randomUUID() : options.id
    fake.notifications.push(this)
  }

  /** One left in Notification Center by an earlier run, as getHistory() answers it. */
  static delivered(options: NotificationConstructorOptions): FakeNotification {
    const earlier = new FakeNotification(options)
    fake.notifications.pop()
    earlier.shown = true
    earlier.native = true
    earlier.restored = true
    fake.notificationHistory.push(earlier)
    return earlier
  }

  /** Whether the user can see (and so act on) it. */
  get onScreen(): boolean {
    return this.shown && !this.closed
  }

  /**
   * Puts it on screen. On Windows with `fake.pendingToasts` the toast comes up only once a test
   * plays Electron's background thread with {@link raisePendingToasts}, as it does
   * (windows_toast_notification.cc, WindowsToastNotification::Show posts the making of the toast):
   * closed before then, the object is detached (electron_api_notification.cc, Notification::Close
   * drops its delegate) and the toast still comes up (SetupAndShowOnUIThread shows it, telling
   * 'show' only to a delegate), with no object to close it. As Electron's, it closes first what it showed before.
   */
  show(): void {
    this.close()
    if (fake.platform === 'linux' && fake.linuxNotificationRefusal !== null) {
      this.emit('failed', preventableEvent(), fake.linuxNotificationRefusal)
      return
    }
    fake.linuxActionsRead ??= fake.linuxServerActions
    this.clickable = fake.linuxActionsRead
    this.native = true
    // Electron's presenter holds the native notification from here (CreateNotification), made or not.
    this.inPresenter = true
    if (fake.platform === 'win32' && fake.pendingToasts) {
      fake.toastsComing.push(this)
      return
    }
    this.putUp()
  }

  /** Windows: its toast is made, and comes up, or with `failure` Windows refused it (told unless detached). */
  arrive(failure?: string): void {
    if (failure === undefined) return this.putUp()
    // Failed, it leaves the presenter, detached or not (Notification::NotificationFailed destroys it).
    this.inPresenter = false
    if (this.native) this.emit('failed', preventableEvent(), failure)
  }

  /** Its toast or banner comes up: 'show' is told to the object unless the app closed it meanwhile. */
  private putUp(): void {
    for (const other of this.sameId()) other.closed = true
    this.shown = true
    this.closed = false
    this.inActionCenter = false
    this.inPresenter = true
    if (this.native) this.emit('show', preventableEvent())
  }
  /**
   * The app takes it away; macOS reports that as a 'close', once, and Linux through the desktop
   * portal (`fake.linuxPortal`). Electron's close() asks the OS to dismiss it and then detaches the
   * object (electron_api_notification.cc, set_delegate(nullptr)): macOS answers within the call
   * (cocoa_notification.mm), as libnotify does through the portal, while Windows' Dismissed event
   * (windows_toast_notification.cc) and libnotify's "closed" signal otherwise come later, to no one.
   * One getHistory() made is only detached: Electron removes nothing of it from Notification Center.
   */
  close(): void {
    if (!this.native) return
    this.native = false
    // A Windows toast not made yet: Dismiss hides the toast Electron has not got (Hide on none),
    // so nothing leaves the screen, not even one under its id.
    if (fake.toastsComing.includes(this)) return
    const told = fake.platform === 'darwin' || (fake.platform === 'linux' && fake.linuxPortal)
    if (this.restored) {
      if (this.onScreen && told) this.emit('close', closeEvent('applicationHidden'))
      return
    }
    for (const other of this.sameId()) other.closed = true
    if (!this.onScreen) return
    this.closed = true
    if (!this.inActionCenter && told) this.emit('close', closeEvent('applicationHidden'))
  }

  /** The others on screen under this one's id, where the OS knows notifications by id. */
  private sameId(): FakeNotification[] {
    if (this.options.id === undefined || this.options.id === '') return []
    if (fake.platform !== 'darwin' && fake.platform !== 'win32') return []
    return [...fake.notifications, ...fake.notificationHistory].filter(
      (other) => other !== this && other.id === this.id && other.onScreen,
    )
  }

  /**
   * The user clicks the notification's body. On Linux Electron hears a click only where the
   * notification server offers actions (libnotify_notification.cc adds its "default" action only
   * then, by the capabilities it read first): with `fake.linuxServerActions` false the click
   * reaches no one, nor does it on a notification shown without the action.
   */
  click(): void {
    assertOnScreen('a notification', this.onScreen)
    if (fake.platform === 'linux' && !(fake.linuxServerActions && this.clickable)) return
    this.pressedObject({ ends: true })?.emit('click', preventableEvent())
  }
  /**
   * The user presses the action button at `actionIndex`; Linux shows none (Electron adds no buttons
   * there). On Windows the press comes through the toast activator, which tells handleActivation's
   * callback first (or keeps it for one registered later) and then hands the button on (see
   * {@link firstInPresenter}); the arguments carry the toast's id itself as its `tag`, as the
   * Electron this app pins writes them into the toast XML (windows_toast_notification.cc, since the
   * change that let an app set the id dropped the `FastHash` of it earlier releases wrote) and
   * matches them (windows_toast_activator.cc, HandleToastActivation). A body click carries no
   * arguments there (no `launch`): it reaches its own object alone, see {@link click}.
   */
  pressAction(actionIndex: number): void {
    this.pressActionLater(actionIndex)()
  }
  /**
   * Windows: the user presses the button at `actionIndex` now, and Electron tells it when the test
   * calls what this returns. The toast activator posts the press to the UI thread
   * (windows_toast_activator.cc, NotificationActivator::Activate and ToastEventHandler::Invoke post
   * HandleToastActivation), so what the app did meanwhile (closed this toast, showed another of
   * its id) comes first, and the press is handed on to the toasts under its id as they are then.
   */
  pressActionLater(actionIndex: number): () => void {
    assertOnScreen('a notification', this.onScreen)
    if (fake.platform === 'linux')
      throw new Error('the test presses a button, which Electron never shows on Linux')
    const tag = this.id
    return () => {
      if (fake.platform === 'win32')
        activateToast({
          type: 'action',
          actionIndex,
          arguments: `type=action&action=${actionIndex}&tag=${tag}`,
        })
      const event = preventableEvent({ actionIndex, selectionIndex: -1 })
      this.pressedObject({ ends: false, byId: true })?.emit('action', event, actionIndex, -1)
    }
  }
  /**
   * The user dismisses it (macOS: see below which it reports). On Windows that closes the banner (a 'close', userCanceled) and leaves
   * the toast in the Action Center, as one that timed out (Electron's docs on 'close'; its
   * `close()` then removes it there, notification_win's Remove): see {@link clearFromActionCenter}.
   */
  dismiss(): void {
    assertOnScreen('a notification', this.onScreen)
    if (fake.platform !== 'win32') this.closed = true
    else this.inActionCenter = true
    // macOS tells a dismissal only of a notification shown with a category, which Electron gives
    // only one with buttons, a reply or a close button (cocoa_notification.mm): of any other the
    // app hears nothing, and Electron still holds it under its id.
    if (fake.platform === 'darwin' && !this.hasCategory()) return
    this.pressedObject({ ends: false })?.emit('close', closeEvent('userCanceled'))
  }

  /** macOS: whether Electron shows it with a category, whose dismissal the OS reports. */
  private hasCategory(): boolean {
    const { actions = [], hasReply = false, closeButtonText = '' } = this.options
    return actions.length > 0 || hasReply || closeButtonText !== ''
  }
  /** Windows: the user clears the toast out of the Action Center; Electron hears nothing of it. */
  clearFromActionCenter(): void {
    assertOnScreen('a notification', this.onScreen)
    if (fake.platform !== 'win32') throw new Error('Only Windows has an Action Center')
    this.closed = true
  }

  /**
   * The object Electron reports a press on this notification to: on macOS the first still held
   * under its id (see above), its native notification ended by a click (`ends`), or none when
   * Electron holds none under it (one getHistory() made and the app closed stays on screen);
   * elsewhere this one.
   */
  private pressedObject({
    ends,
    byId = false,
  }: {
    readonly ends: boolean
    readonly byId?: boolean
  }): FakeNotification | undefined {
    if (fake.platform === 'win32') return byId ? this.firstInPresenter() : this.endedBy(ends)
    if (fake.platform !== 'darwin') return this
    const pressed = [...fake.notificationHistory, ...fake.notifications].find(
      (other) => other.native && other.id === this.id,
    )
    if (pressed !== undefined && ends) pressed.native = false
    return pressed
  }
  /**
   * Windows: a button is handed to a toast Electron's presenter has under the pressed one's id
   * (windows_toast_activator.cc, after handleActivation has heard it). The presenter's set is
   * ordered by address, so which one is arbitrary; the fake takes the earliest shown, so a test
   * sees an older one get it. One the app closed is still there, without its object: the press
   * reaches no one.
   */
  private firstInPresenter(): FakeNotification | undefined {
    const first = [...fake.notificationHistory, ...fake.notifications].find(
      (other) => other.inPresenter && other.id === this.id,
    )
    return first?.native === true ? first : undefined
  }
  /** Windows: a click on its body reaches its own toast, which leaves the presenter; none once detached. */
  private endedBy(ends: boolean): FakeNotification | undefined {
    if (ends) this.inPresenter = false
    return this.native ? this : undefined
  }
  /**
   * Its time on screen runs out. Windows reports a 'close' (timedOut), yet keeps the toast in the
   * Action Center, where it can still be pressed, and `close()` still removes it; Linux reports the
   * 'close' and it is gone; macOS moves the banner to Notification Center without a word.
   */
  timeOut(): void {
    assertOnScreen('a notification', this.onScreen)
    if (fake.platform === 'darwin') return
    if (fake.platform !== 'win32') this.closed = true
    else this.inActionCenter = true
    if (this.native) this.emit('close', closeEvent('timedOut'))
  }
  /** The OS refused to show it; Electron then lets it go. */
  fail(error: string): void {
    assertOnScreen('a notification', this.onScreen)
    this.closed = true
    this.inPresenter = false
    if (this.native) this.emit('failed', preventableEvent(), error)
  }
}

/**
 * Windows, with `fake.pendingToasts`: Electron's background thread has made the toasts shown so
 * far, and each comes up in the order shown (SetupAndShowOnUIThread); with `failure`, Windows
 * refused each instead, a 'failed' told to the objects still attached.
 */
export function raisePendingToasts(failure?: string): void {
  for (const coming of fake.toastsComing.splice(0)) coming.arrive(failure)
}

/** The longest `id` or `groupId` Electron takes on Windows, in UTF-16 units (a toast's tag). */
const WINDOWS_TAG_MAX = 64

/** Throws what electron_api_notification.cc throws on Windows for options a toast cannot carry. */
function refuseWindowsOptions(options: NotificationConstructorOptions): void {
  if ((options.id ?? '').length > WINDOWS_TAG_MAX)
    throw new Error('Notification id exceeds Windows limit of 64 UTF-16 characters')
  if ((options.groupId ?? '').length > WINDOWS_TAG_MAX)
    throw new Error('Notification groupId exceeds Windows limit of 64 UTF-16 characters')
  if ((options.groupTitle ?? '') !== '' && (options.groupId ?? '') === '')
    throw new Error('Notification groupTitle requires groupId to be set')
}

/** A 'close' event: Electron says why only on Windows (`reason`); elsewhere the event is bare. */
function closeEvent(reason: 'userCanceled' | 'applicationHidden' | 'timedOut') {
  return fake.platform === 'win32' ? preventableEvent({ reason }) : preventableEvent<{ reason?: string }>()
}

/** Throws as calling a static Electron lacks on this platform does. */
function requirePlatform(name: string, platform: NodeJS.Platform): void {
  if (fake.platform !== platform) throw new TypeError(`Notification.${name} is not a function`)
}

/**
 * The user presses a toast on Windows, in this run or an earlier one: what handleActivation hears,
 * at once, or when the app registers its callback (a press that launched the app; of those made
 * before, the last only).
 */
export function activateToast(details: ActivationArguments): void {
  // Electron keeps one press for a callback registered later: a newer one takes its place.
  if (fake.activationHandler === null) fake.pendingActivations.splice(0, Infinity, details)
  else fake.activationHandler(details)
}
