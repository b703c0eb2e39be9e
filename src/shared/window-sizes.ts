/**
 * The sizes Electron gives the app's windows, in one place: the windows are built with them, and
 * the end-to-end tests open their pages at the same sizes, so the layout the tests check is the
 * one an expert sees.
 */

/** A window's size in CSS pixels. */
export interface WindowSize {
  readonly width: number
  readonly height: number
}

/** The full window when it opens: a column beside the expert's other work, not a full screen. */
export const MAIN_WINDOW_SIZE: WindowSize = { width: 440, height: 640 }

/** The least the expert can resize the full window to. */
export const MAIN_WINDOW_MIN_SIZE: WindowSize = { width: 360, height: 400 }

/** The tray popover, which is not resizable. */
export const POPOVER_SIZE: WindowSize = { width: 360, height: 480 }

/**
 * The widest window that still gets the narrow layout (the sections as a bar across the top
 * instead of a sidebar): below this the sidebar would leave the section too little width to read.
 * The stylesheet's media query (styles/narrow.css) says the same width.
 */
export const NARROW_LAYOUT_MAX_WIDTH = 699
