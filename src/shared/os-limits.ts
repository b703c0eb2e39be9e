/**
 * How much text each OS surface shows whole. Text reaches them through `shownText`
 * (protocol/text.ts), which also drops what a client could use to spoof: controls, and characters
 * that reorder or hide text. Each surface's own markup (a menu's "&", a Linux notification body's
 * tags) is escaped by the adapter that draws it.
 */

/** The longest tooltip a Windows tray icon holds (its buffer, less the terminating NUL). */
export const TOOLTIP_MAX = 127

/** The longest tray menu line: a menu as wide as a long request title would cover the screen. */
export const MENU_LINE_MAX = 80

/** The longest notification title: macOS shows one line of it, Windows two. */
export const NOTIFICATION_TITLE_MAX = 120

/** The longest notification body: each OS shows a few lines and hides the rest. */
export const NOTIFICATION_BODY_MAX = 300

/**
 * The longest notification id, in UTF-16 units: a Windows toast's tag holds no more, and Electron
 * refuses to make a notification with a longer one there.
 */
export const NOTIFICATION_ID_MAX = 64

/**
 * The most of a client's name a notification's or a tray line's sentence carries: a name as long
 * as the platform allows would push the app's own words after it (who did what, a time, a fee)
 * past where the surface cuts.
 */
export const NAME_IN_SENTENCE_MAX = 40

/** The most of a request title such a sentence carries, for the same reason (and the tray's countdown). */
export const TITLE_IN_SENTENCE_MAX = 48
