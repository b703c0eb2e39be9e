/**
 * How tall History's rows are. The list is virtual, so script places each row at a height it must
 * know, while the stylesheet lays a row out by the width the list has (styles/history-rows.css):
 * on one line when there is room for its title beside its other parts, stacked in three otherwise.
 */

/** Height of one history row in px: on one line (wide), and stacked in three (narrow). */
export const HISTORY_ROW_HEIGHT = { wide: 56, narrow: 96 } as const

/**
 * The widest list, inside its border, whose rows are stacked: narrower, the parts of a row on one
 * line would leave its title no room. The container query in styles/history-rows.css has this
 * width.
 */
export const HISTORY_STACKED_MAX_WIDTH = 599

/** The height of a history row in a list `listWidth` px wide inside. */
export function historyRowHeight(listWidth: number): number {
  return listWidth <= HISTORY_STACKED_MAX_WIDTH ? HISTORY_ROW_HEIGHT.narrow : HISTORY_ROW_HEIGHT.wide
}
