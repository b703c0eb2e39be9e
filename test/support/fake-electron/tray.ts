/**
 * The tray icon, its menu and its image. Once destroyed, a Tray refuses every method but
 * `destroy()` and `isDestroyed()` with Electron's "Tray is destroyed" error.
 */
import { EventEmitter } from 'node:events'
import type { MenuItemConstructorOptions, NativeImage, Tray } from 'electron'
import { assertOnScreen, preventableEvent } from './events'
import { fake } from './state'

/** The fonts macOS's tray title takes (Tray::SetTitle). */
const FONT_TYPES: ReadonlySet<string> = new Set(['monospaced', 'monospacedDigit'])

/** The fake's own event (not Electron's) for a new image or menu, which `until` waits for. */
const FAKE_TRAY_CHANGED = 'fake:changed'

/**
 * A menu built from a template (our code only builds menus, never reads them). Its items are
 * copies, as Electron's MenuItems are: a click flips a checkbox's or radio item's own `checked`
 * before its action runs (menu-item.ts), and the menu keeps showing that until it is replaced.
 */
export class FakeMenu {
  readonly template: ReadonlyArray<MenuItemConstructorOptions>

  constructor(template: ReadonlyArray<MenuItemConstructorOptions>) {
    this.template = template.map((item) => ({ ...item }))
  }

  /**
   * As Electron's Menu.buildFromTemplate (lib/browser/api/menu.ts, areValidTemplateItems and
   * removeExtraSeparators): refuses what is no array, or an item with none of a label, a role or
   * the separator type; folds adjacent separators and drops those at either end.
   */
  static buildFromTemplate(template: Array<MenuItemConstructorOptions>): FakeMenu {
    if (!Array.isArray(template))
      throw new TypeError('Invalid template for Menu: Menu template must be an array')
    const valid = (item: MenuItemConstructorOptions): boolean =>
      item !== null &&
      typeof item === 'object' &&
      (Object.hasOwn(item, 'label') || Object.hasOwn(item, 'role') || item.type === 'separator')
    if (!template.every(valid))
      throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type')
    const shown = (item: MenuItemConstructorOptions): boolean => item.visible !== false
    const separator = (item: MenuItemConstructorOptions | undefined): boolean => item?.type === 'separator'
    const folded = template.filter(
      (item, at, all) => !shown(item) || !separator(item) || at === 0 || !separator(all[at - 1]),
    )
    return new FakeMenu(
      folded.filter(
        (item, at, all) => !shown(item) || !separator(item) || (at !== 0 && at !== all.length - 1),
      ),
    )
  }

  /** The app's menu: null for none, and Electron's default (`'default'`) until one is set. */
  static setApplicationMenu(menu: FakeMenu | null): void {
    // Electron's own check (menu.ts): anything but a Menu or null is refused.
    if (menu !== null && !(menu instanceof FakeMenu)) throw new TypeError('Invalid menu')
    fake.applicationMenu = menu
  }

  /**
   * Shows the menu at the pointer, as a right-click menu; the test reads it from `fake.poppedMenus`
   * and plays its going away (an item chosen, or a click elsewhere) with `close()`.
   */
  popup(options: { window?: unknown; callback?: () => void } = {}): void {
    // As Electron's menu.ts: a window that is not alive (destroyed, or none given) gives way to the
    // focused one, else the first; with no window at all the popup throws.
    const alive = fake.windows.filter((window) => !window.isDestroyed())
    const window =
      alive.find((candidate) => Object.is(candidate, options.window)) ??
      alive.find((candidate) => candidate.focused) ??
      alive[0]
    if (window === undefined) throw new Error('Cannot open Menu without a BaseWindow present')
    fake.poppedMenus.push({ menu: this, window, close: () => options.callback?.() })
  }

  /** The item with this id; throws if there is none. */
  item(id: string): MenuItemConstructorOptions {
    const item = this.template.find((candidate) => candidate.id === id)
    if (!item) throw new Error(`no menu item with id ${id}`)
    return item
  }
}

/** An image loaded from a path; `empty` plays a missing file. */
export class FakeNativeImage implements Pick<NativeImage, 'isEmpty'> {
  constructor(
    readonly path: string,
    private readonly empty = false,
  ) {}
  isEmpty(): boolean {
    return this.empty
  }
}

/** A tray icon with a context menu and a tooltip. */
export class FakeTray
  extends EventEmitter
  implements Pick<Tray, 'setToolTip' | 'destroy' | 'isDestroyed' | 'getBounds'>
{
  menu: FakeMenu | undefined
  toolTip = ''
  destroyed = false

  constructor(public image: FakeNativeImage | string) {
    super()
    fake.app.assertReady('Cannot create Tray')
    fake.trays.push(this)
  }

  setImage(image: FakeNativeImage | string): void {
    this.assertAlive()
    this.image = image
    this.emit(FAKE_TRAY_CHANGED)
  }
  /** Where the icon is; Linux trays do not say, and Electron answers an empty rectangle there. */
  getBounds(): { x: number; y: number; width: number; height: number } {
    this.assertAlive()
    return this.reportedBounds()
  }

  /** What Electron reports of the icon's place: an empty rectangle on Linux (tray_icon_linux.cc). */
  private reportedBounds(): { x: number; y: number; width: number; height: number } {
    return fake.platform === 'linux' ? { x: 0, y: 0, width: 0, height: 0 } : this.bounds
  }

  /** As Electron's Tray::SetContextMenu: a Menu or null, anything else refused once alive. */
  setContextMenu(menu: FakeMenu | null): void {
    this.assertAlive()
    if (menu !== null && !(menu instanceof FakeMenu)) throw new TypeError('Must pass Menu or null')
    this.menu = menu ?? undefined
    // Electron's Linux tray sends the new menu's layout over D-Bus: a menu the user has open closes.
    if (fake.platform === 'linux') this.menuShownByClick = false
    this.emit(FAKE_TRAY_CHANGED)
  }

  /** Settles once `check` holds of this tray, looking again at every change of its image or menu. */
  until(check: (tray: FakeTray) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const look = (): void => {
        if (!check(this)) return
        this.off(FAKE_TRAY_CHANGED, look)
        resolve()
      }
      this.on(FAKE_TRAY_CHANGED, look)
      look()
    })
  }
  /**
   * What the tray shows on hover. On Linux Electron hands it to the tray host (KDE shows it, GNOME's
   * AppIndicator extension does not), and Chromium sends the menu's layout again with it
   * (Chromium's StatusIconLinuxDbus::SetToolTip calls UpdateMenuImpl), so a menu the user has
   * open closes, as with a new menu.
   */
  setToolTip(toolTip: string): void {
    this.assertAlive()
    this.toolTip = toolTip
    if (fake.platform === 'linux') this.menuShownByClick = false
  }
  destroy(): void {
    this.destroyed = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }

  /** Where the icon sits on screen (what `click` reports, except on Linux). */
  bounds = { x: 1000, y: 0, width: 24, height: 24 }

  /**
   * Whether a click opened the menu: on macOS any click while it has items, on Windows a right
   * click, on a Linux tray that only shows menus any click.
   */
  menuShownByClick = false
  /** What the menu bar shows beside the icon (macOS); elsewhere Electron shows none and answers "". */
  title = ''
  /** The balloons Windows showed from the icon; Electron's other trays show none. */
  readonly balloons: Array<{ title: string; content: string }> = []

  /** As Electron's Tray::SetTitle: macOS alone shows it and checks its options; elsewhere nothing. */
  setTitle(title: string, options?: { fontType?: string }): void {
    this.assertAlive()
    if (fake.platform !== 'darwin') return
    if (options !== undefined && (typeof options !== 'object' || options === null))
      throw new TypeError('setTitle options must be an object')
    if (options !== undefined && 'fontType' in options && !FONT_TYPES.has(String(options.fontType)))
      throw new TypeError("fontType must be one of 'monospaced' or 'monospacedDigit'")
    this.title = title
  }
  getTitle(): string {
    this.assertAlive()
    return fake.platform === 'darwin' ? this.title : ''
  }
  /** As Electron's Tray::DisplayBalloon: refused without a title and content; shown on Windows only. */
  displayBalloon(options: { title?: string; content?: string }): void {
    this.assertAlive()
    if (typeof options.title !== 'string' || typeof options.content !== 'string')
      throw new Error("'title' and 'content' must be defined")
    if (fake.platform === 'win32') this.balloons.push({ title: options.title, content: options.content })
  }

  /**
   * The user clicks the icon itself. A Linux tray host that does not report clicks shows the
   * menu instead, and Electron hears nothing; one that does gives Electron no place for the icon,
   * so its `click` carries an empty rectangle, as `getBounds()` does there.
   */
  clickIcon(): void {
    assertOnScreen('a removed tray icon', !this.destroyed)
    if (fake.platform === 'linux' && !fake.trayReportsClicks) {
      this.menuShownByClick = this.menu !== undefined
      return
    }
    // macOS opens a menu with items on the click, and tells the click as well (tray_icon_cocoa.mm,
    // mouseDown: and handleClickNotifications:).
    if (fake.platform === 'darwin' && this.hasItems()) this.menuShownByClick = true
    this.emit('click', preventableEvent(), this.reportedBounds())
  }

  /**
   * The user right-clicks the icon. Windows pops up the menu when one is set, and then tells
   * nothing (notify_icon.cc, NotifyIcon::HandleClickEvent), else tells 'right-click'; macOS tells
   * 'right-click'; a Linux tray shows the menu itself and Electron hears nothing.
   */
  rightClickIcon(): void {
    assertOnScreen('a removed tray icon', !this.destroyed)
    if (fake.platform === 'linux' || (fake.platform === 'win32' && this.menu !== undefined)) {
      this.menuShownByClick = this.menu !== undefined
      return
    }
    this.emit('right-click', preventableEvent(), this.reportedBounds())
  }

  /**
   * The user double-clicks the icon. macOS and Windows tell the first press as a 'click' and the
   * second as a 'double-click' only. Electron has no 'double-click' on Linux: GNOME's AppIndicator
   * extension shows the menu on the first press and activates the item on a double-click (as
   * Chromium's StatusIconLinuxDbus::OnSecondaryActivate notes), a 'click'; a tray that reports
   * clicks is played as reporting each press.
   */
  doubleClickIcon(): void {
    this.clickIcon()
    if (fake.platform !== 'linux') this.emit('double-click', preventableEvent(), this.reportedBounds())
    else if (fake.trayReportsClicks) this.clickIcon()
    else this.emit('click', preventableEvent(), this.reportedBounds())
  }

  /** Whether a menu with items is set: macOS opens only such a menu on a click. */
  private hasItems(): boolean {
    return (this.menu?.template.length ?? 0) > 0
  }

  /**
   * Windows made its taskbar again (Explorer restarted): Electron adds the icon again with its
   * image and menu but no tooltip (NotifyIcon::ResetIcon sets no NIF_TIP), and says nothing.
   */
  taskbarRecreated(): void {
    if (!this.destroyed) this.toolTip = ''
  }

  /**
   * The pointer comes onto the icon and moves over it: Electron's `mouse-enter` once, then a
   * `mouse-move` for each move; only macOS and Windows send them.
   */
  pointerOver(moves = 1): void {
    assertOnScreen('a removed tray icon', !this.destroyed)
    if (fake.platform === 'linux') return
    this.emit('mouse-enter', preventableEvent(), { x: 1010, y: 10 })
    for (let i = 0; i < moves; i += 1) this.emit('mouse-move', preventableEvent(), { x: 1010, y: 10 })
  }

  /** The user picks a menu item. */
  clickMenuItem(id: string): void {
    assertOnScreen('a removed tray icon', !this.destroyed)
    const item = this.menu?.item(id)
    if (!item?.click) throw new Error(`menu item ${id} has no action`)
    if (item.enabled === false) throw new Error(`menu item ${id} is disabled`)
    if (item.type === 'checkbox' || item.type === 'radio') item.checked = !(item.checked ?? false)
    item.click(item as never, undefined, undefined as never)
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('Tray is destroyed')
  }
}
