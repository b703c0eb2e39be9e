/**
 * Everything the tray shows, as one value computed from the app's state: the icon, the tooltip,
 * the menu's lines and the badge. The Electron tray (src/main/electron/tray.ts) only draws it.
 */
import { addressHost } from '../../../shared/address-host'
import { kindLabel, presenceLabel, unreadMessagesLabel } from '../../../shared/labels'
import type { ConnectionState } from '../../../shared/connection-state'
import { connectionDetailText, connectionReason } from '../../../shared/connection-words'
import type { HostFormats } from '../../../shared/day-time-options'
import type { Expert, Invite } from '../../../shared/protocol'
import type { TrayStatus } from '../ports/tray-state'
import { sessionCountdown, sessionStartLine, type CountdownSession } from './session-countdown'
import { trayIconState, type TrayIconState } from './tray-icon-state'

/** How many invites the menu lists one by one; the rest are counted in one line. */
export const MENU_INVITES = 5

/** What the tray reads of the signed-in expert. */
export type TrayPresence = Pick<Expert, 'availability' | 'availabilityCause' | 'idleMinutes'>

/** The state the tray is drawn from. */
export interface TrayInputs {
  /** The core's latest word on the connection, the open invites and notification health. */
  readonly status: TrayStatus
  /** The signed-in expert; null while signed out or before the cache knows them. */
  readonly expert: TrayPresence | null
  /** Open invites, newest first: every one, or at least the MENU_INVITES newest with `openInviteCount`. */
  readonly invites: ReadonlyArray<
    Pick<Invite, 'id'> & { readonly request: Pick<Invite['request'], 'title' | 'kind'> }
  >
  /** How many invites are open in all, when `invites` holds only the newest; its length otherwise. */
  readonly openInviteCount?: number
  /** The soonest booked or live session, if any. */
  readonly nextSession: (CountdownSession & { readonly id: string }) | null
  /** The platform's time. */
  readonly now: number
  /** Client messages the expert has not read, over every open invite and booked or live session. */
  readonly unreadMessages?: number
  /** The host's formatters for the session's start time; built afresh, in the zone followed now, unless given. */
  readonly formats?: HostFormats
}

/** One line of the menu that opens something. */
export interface TrayLine {
  readonly id: string
  readonly label: string
}

/** What the tray draws. */
export interface TrayView {
  readonly icon: TrayIconState
  readonly statusLine: string
  readonly tooltip: string
  /**
   * Why the link is not up and what to do, without when Standby tries again: the menu's line where
   * the tooltip says the state alone (Linux), steady across attempts so an open menu is not replaced at each.
   */
  readonly reason: string | null
  /** What to do about silenced notifications, as the tooltip says it; null while they show. */
  readonly notificationAdvice: string | null
  /** The expert's availability with why ("Away — idle for 10 min"); null when signed out. */
  readonly presence: {
    readonly label: string
    readonly online: boolean
    /**
     * Whether the toggle can send a change now: only while connected, since a command offline
     * is not sent, and the menu offers no place to say so after the click.
     */
    readonly changeable: boolean
  } | null
  /** The first open invites, each opening the popover on it. */
  readonly invites: ReadonlyArray<TrayLine>
  /** Open invites beyond the ones listed. */
  readonly moreInvites: number
  /**
   * The next booked session with its countdown (`label`), and with when it starts (`startLine`),
   * which changes only at the start, at midnight and once live, for menus that must not be
   * replaced every minute.
   */
  readonly nextSession: (TrayLine & { readonly startLine: string }) | null
  /** The number on the Dock, the launcher or the taskbar overlay: the open invites. */
  readonly badgeCount: number
  /** "2 unread messages", opening the window; null when every message is read. */
  readonly unreadMessages: string | null
}

/** The tray's view of the app's state. */
export function trayView(inputs: TrayInputs): TrayView {
  const { status, now } = inputs
  const signedIn = status.connection.status !== 'signed_out'
  const expert = signedIn ? inputs.expert : null
  const invites = signedIn ? inputs.invites : []
  const openInvites = signedIn ? Math.max(inputs.openInviteCount ?? 0, invites.length) : 0
  const unread =
    signedIn && (inputs.unreadMessages ?? 0) > 0 ? unreadMessagesLabel(inputs.unreadMessages ?? 0) : null
  const nextSession =
    signedIn && inputs.nextSession !== null
      ? {
          id: inputs.nextSession.id,
          label: sessionCountdown(inputs.nextSession, now),
          startLine: sessionStartLine(inputs.nextSession, now, inputs.formats),
        }
      : null
  return {
    icon: trayIconState({
      connection: status.connection.status,
      availability: expert?.availability ?? null,
      openInvites: status.openInvites,
      notificationsSilenced: (status.notificationWarning ?? null) !== null,
    }),
    statusLine: status.statusLine,
    // The short lines come before the explanations: a tooltip is cut short (TOOLTIP_MAX), and a
    // failed attempt's reason, with its address and advice, would push the countdown off the end.
    tooltip: [
      `Standby — ${status.statusLine}`,
      nextSession?.label,
      unread,
      why(status.connection),
      status.notificationWarning,
    ]
      .filter(Boolean)
      .join('\n'),
    reason: shortAddresses(connectionReason(status.connection)),
    notificationAdvice: status.notificationWarning ?? null,
    presence: expert === null ? null : trayPresence(expert, status.connection),
    invites: invites.slice(0, MENU_INVITES).map((invite) => ({
      id: invite.id,
      label: `${kindLabel(invite.request.kind)}: ${invite.request.title}`,
    })),
    moreInvites: Math.max(0, openInvites - Math.min(invites.length, MENU_INVITES)),
    nextSession,
    badgeCount: signedIn ? status.openInvites : 0,
    unreadMessages: unread,
  }
}

/**
 * The availability line and toggle; offline they show the last synced state and wait for the link.
 * During a live session the platform holds the expert busy and puts back their availability when
 * it ends; a tick in a menu, which has no room to say that a choice now replaces what comes back,
 * cannot be picked meanwhile (the window's form says it and lets the expert choose).
 */
function trayPresence(expert: TrayPresence, connection: ConnectionState): TrayView['presence'] {
  const online = connection.status === 'online'
  const inSession = expert.availability === 'busy' && expert.availabilityCause === 'session'
  const label = presenceLabel(expert)
  return {
    label: !online
      ? `${label} (as last synced; change it once online)`
      : inSession
        ? `${label} (your availability comes back when it ends)`
        : label,
    online: expert.availability === 'online',
    changeable: online && !inSession,
  }
}

/**
 * Why the link is not up and what happens or is to be done: the last attempt's failure while
 * Standby keeps trying, the platform's refusal of the sign-in, the version to update. The line has
 * no room for it, and the window is not always open to say it. No countdown: the tray is redrawn
 * on changes only, so seconds would go stale.
 */
function why(connection: ConnectionState): string | null {
  return shortAddresses(connectionDetailText(connection, () => 'shortly'))
}

/**
 * An address names the platform in the window; in a tooltip or menu line cut short, a long one
 * would push out what went wrong, so the tray names its host, and a long host by its end.
 */
function shortAddresses(text: string | null): string | null {
  return text === null ? null : text.replace(ADDRESS, (address) => addressHost(address))
}

/** A web address in a sentence, without the stop or bracket that may follow it. */
const ADDRESS = /\b(?:https?|wss?):\/\/\S*[^\s.,;:!?)\]"'”’]/gu
