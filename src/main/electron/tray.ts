/** The tray icon and its menu: the app's face while no window is open. */
import {
  Menu,
  Tray,
  nativeImage,
  screen,
  type MenuItemConstructorOptions,
  type NativeImage,
  type Rectangle,
} from 'electron'
import { TOOLTIP_MAX } from '../../shared/os-limits'
import { shownText } from '../../shared/protocol/text'
import { menuLines, menuText } from './menu-text'
import type { ToggledAvailability } from '../core/tray/availability-toggle'
import type { TrayIconState } from '../core/tray/tray-icon-state'
import type { TrayView } from '../core/tray/tray-view'
import { type Logger } from '../node/log'

/** What the menu's items do. */
export interface TrayActions {
  readonly onOpen: () => void
  readonly onQuit: () => void
  /** The availability toggle was picked; without it the menu has no toggle. */
  readonly onAvailability?: (availability: ToggledAvailability) => void
  /** An open invite was picked (its id), or the line counting the rest (null). */
  readonly onShowInvite?: (inviteId: string | null) => void
  /** "Restart to update" was picked; without it (or null) the menu has no such item. */
  readonly onRestart?: (() => void) | null
}

/** What the tray shows and what its menu items do. */
export interface TrayOptions extends TrayActions {
  /** The image file for each state of the icon. */
  readonly iconPath: (state: TrayIconState) => string
  readonly view: TrayView
  /** A click on the icon itself (not on macOS), with where it is; defaults to opening the window. */
  readonly onClick?: (bounds: Rectangle) => void
  readonly platform?: NodeJS.Platform
  readonly log: Logger
}

/** The tray as the rest of the app sees it. */
export interface StandbyTray {
  /** Draws a new view: icon, tooltip and menu. */
  show(view: TrayView): void
  /** Where the icon is, for the popover to open beside it. */
  bounds(): Rectangle
  /** Shows "Restart to update" in the menu while `onRestart` is given; null takes it away. */
  setUpdateAction(onRestart: (() => void) | null): void
  /** Removes the icon from the tray. */
  destroy(): void
}

/** Creates the tray icon. Keep the returned object: a collected Tray vanishes from the tray. */
export function createTray(options: TrayOptions): StandbyTray {
  const { onOpen, onClick, log } = options
  const platform = options.platform ?? process.platform
  const images = new Map<TrayIconState, NativeImage>()
  const image = (state: TrayIconState): NativeImage => {
    const known = images.get(state)
    if (known !== undefined) return known
    const path = options.iconPath(state)
    const loaded = nativeImage.createFromPath(path)
    if (loaded.isEmpty()) log.warn(`Tray icon not found at ${path}; the tray shows an empty image`)
    images.set(state, loaded)
    return loaded
  }
  let icon = options.view.icon
  let shown = options.view
  let onRestart: (() => void) | null = null
  const tray = new Tray(image(icon))
  // Electron ticks or unticks the checkbox itself on the click, and the menu keeps that until it is
  // replaced; the view changes only once the platform has said so, which a refused or unanswered
  // change never does. So the menu is drawn again from the view at once: it shows the availability
  // the platform has, and the new one when the platform's word arrives.
  const toggle = options.onAvailability
  const onAvailability =
    toggle &&
    ((availability: ToggledAvailability): void => {
      show(shown, { ticked: true })
      toggle(availability)
    })
  // "Restart to update" calls the action given last, also from a menu kept because it read the same.
  const restart = (): void => onRestart?.()
  // The menu as last set, without its actions; replacing a menu closes it where the expert has it
  // open (Linux), so one that would read the same is kept.
  let menuShown = ''
  let tooltip = ''
  const show = (view: TrayView, change: { ticked?: boolean } = {}): void => {
    shown = view
    // The state keeps changing while the app winds down; a removed icon throws on every call.
    if (tray.isDestroyed()) return
    if (view.icon !== icon) tray.setImage(image(view.icon))
    icon = view.icon
    // Linux's tray sends its menu again with each tooltip (Chromium's StatusIconLinuxDbus::SetToolTip),
    // which closes one the expert has open: there the tooltip says the state alone, as the menu's first
    // line does, whose change replaces the menu anyway; the menu says the rest.
    const said = platform === 'linux' ? `Standby — ${view.statusLine}` : view.tooltip
    const next = shownText(said, { max: TOOLTIP_MAX, multiline: true })
    if (next !== tooltip) tray.setToolTip(next)
    tooltip = next
    const actions = { ...options, onRestart: onRestart && restart, onAvailability }
    const template = trayMenuTemplate(view, actions, platform)
    const menu = JSON.stringify(template)
    // A tick Electron put on the menu itself is taken off only by a new menu.
    if (menu === menuShown && change.ticked !== true) return
    menuShown = menu
    tray.setContextMenu(Menu.buildFromTemplate(template))
  }
  // Windows and Linux trays that report clicks open the popover. macOS opens the menu on a click,
  // as its menu bar does everywhere: a popover as well would cover it. A Linux tray's click says
  // nothing of where the icon is (Electron reports an empty rectangle), so it is asked as bounds() is.
  if (platform !== 'darwin')
    tray.on('click', (_event, reported) => (onClick ? onClick(iconBounds(reported)) : onOpen()))
  // An Explorer restart makes the taskbar again; Electron adds the icon back with its image and
  // menu but an empty tooltip, and has no event for it. The tooltip is set again as the pointer
  // comes onto the icon, before Windows shows it: once as it enters, not on each of its moves,
  // each of which would ask the shell to change the icon again.
  if (platform === 'win32')
    tray.on('mouse-enter', () => {
      if (!tray.isDestroyed()) tray.setToolTip(tooltip)
    })
  show(options.view)
  return {
    show: (view) => show(view),
    // A popover asked for once the icon is gone (a press during the quit) opens by the pointer.
    bounds: () => iconBounds(tray.isDestroyed() ? NO_PLACE : tray.getBounds()),
    setUpdateAction(action) {
      onRestart = action
      show(shown)
    },
    destroy: () => tray.destroy(),
  }
}

/** The most lines the menu gives one explanation; a longer one ends cut, with an ellipsis. */
const EXPLANATION_LINES = 4

/** What a tray says of an icon it cannot place. */
const NO_PLACE: Rectangle = { x: 0, y: 0, width: 0, height: 0 }

/**
 * Where the icon is, from what the tray reported. Linux trays do not say (Electron answers an empty
 * rectangle, for a click too): the pointer has just been on the icon or its menu.
 */
function iconBounds(reported: Rectangle): Rectangle {
  if (reported.width > 0 && reported.height > 0) return reported
  const { x, y } = screen.getCursorScreenPoint()
  return { x, y, width: 1, height: 1 }
}

/**
 * The tray menu, the whole app where a tray gives only a menu: the status line (informational,
 * so disabled), on Linux with why the link is not up and the notifications' advice under it; the open invites, each opening the popover on it; the next session with its
 * countdown (on Linux, when it starts); the unread messages, opening the window; when signed in, the availability with why and a checkbox to be available for
 * invites; then Open, "Restart to update" while an update is ready and no session holds it, and
 * Quit.
 */
export function trayMenuTemplate(
  view: TrayView,
  actions: TrayActions,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const { onAvailability, onShowInvite, onRestart } = actions
  const text = (label: string): string => menuText(label, platform)
  const section = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.length === 0 ? [] : [{ type: 'separator' }, ...items]
  const showInvite = (inviteId: string | null) => () => (onShowInvite ?? (() => actions.onOpen()))(inviteId)
  const invites = section([
    ...view.invites.map(({ id, label }) => ({
      id: `invite:${id}`,
      label: text(label),
      click: showInvite(id),
    })),
    ...(view.moreInvites === 0
      ? []
      : [{ id: 'invites-more', label: moreInvitesLabel(view.moreInvites), click: showInvite(null) }]),
  ])
  const session = section(
    view.nextSession === null
      ? []
      : [
          {
            id: 'next-session',
            // Linux closes an open menu that is replaced: its line says when, not a countdown each minute.
            label: text(
              `Next: ${platform === 'linux' ? view.nextSession.startLine : view.nextSession.label}`,
            ),
            click: () => actions.onOpen(),
          },
        ],
  )
  const unread = section(
    view.unreadMessages === null
      ? []
      : [{ id: 'unread-messages', label: text(view.unreadMessages), click: () => actions.onOpen() }],
  )
  const { presence } = view
  const toggle = section(
    presence === null || onAvailability === undefined
      ? []
      : [
          { id: 'presence', label: presence.label, enabled: false },
          {
            id: 'availability',
            label: 'Available for invites',
            type: 'checkbox',
            checked: presence.online,
            enabled: presence.changeable,
            // What the menu showed decides, not the item's own flip: the menu may be stale by a push.
            click: () => onAvailability(presence.online ? 'away' : 'online'),
          },
        ],
  )
  // Linux's tooltip says the state alone (AppIndicator shows none): the menu says under it what the tooltip
  // explains, why the link is not up and what to do about silenced notifications.
  const explained =
    platform === 'linux'
      ? { 'status-reason': view.reason, 'notifications-advice': view.notificationAdvice }
      : {}
  // Each over a few lines: cut to one menu line, most would lose the advice that ends them.
  const explanations = Object.entries(explained).flatMap(([id, said]) =>
    said === null
      ? []
      : menuLines(said, platform, EXPLANATION_LINES).map((label, line) => ({
          id: line === 0 ? id : `${id}-${line + 1}`,
          label,
          enabled: false,
        })),
  )
  return [
    { id: 'status', label: text(view.statusLine), enabled: false },
    ...explanations,
    ...invites,
    ...session,
    ...unread,
    ...toggle,
    { type: 'separator' },
    { id: 'open', label: 'Open Standby', click: () => actions.onOpen() },
    ...(onRestart ? [{ id: 'restart-to-update', label: 'Restart to update', click: () => onRestart() }] : []),
    { id: 'quit', label: 'Quit Standby', click: () => actions.onQuit() },
  ]
}

/** The line counting the open invites the menu does not list: one is "1 more open invite…". */
function moreInvitesLabel(count: number): string {
  return count === 1 ? '1 more open invite…' : `${count} more open invites…`
}
