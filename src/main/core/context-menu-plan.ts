/**
 * What a right-click in a window offers. Electron shows no menu of its own, so without this an
 * expert could not paste into a message with the mouse, copy a client's error text, or take the
 * spell checker's fix for a word it underlined. Plain data: the Electron shell turns it into a
 * native menu (src/main/electron/context-menu.ts).
 */
import { illFormedTextPath } from '../../shared/well-formed'

/** What the page says about the place right-clicked (Electron's context-menu params, in part). */
export interface ContextMenuFacts {
  /** A text field or other editable place. */
  readonly isEditable: boolean
  /** The text selected, if any. */
  readonly selectionText: string
  /** The word under the pointer the spell checker underlined; empty when none. */
  readonly misspelledWord: string
  /** The spell checker's fixes for it, best first. */
  readonly dictionarySuggestions: ReadonlyArray<string>
  /** What the editing commands may do here now. */
  readonly editFlags: {
    readonly canUndo: boolean
    readonly canRedo: boolean
    readonly canCut: boolean
    readonly canCopy: boolean
    readonly canPaste: boolean
    readonly canSelectAll: boolean
  }
}

/** An editing command, by the name of the native menu role that carries it out. */
export type EditRole = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'

/** One line of the menu. */
export type ContextMenuEntry =
  | { readonly kind: 'fix'; readonly word: string }
  | { readonly kind: 'no-fixes' }
  | { readonly kind: 'learn'; readonly word: string }
  | { readonly kind: 'edit'; readonly role: EditRole; readonly enabled: boolean }
  | { readonly kind: 'separator' }

/** The most fixes offered: the spell checker's best few, as every editor shows. */
export const MOST_FIXES = 5

/**
 * The longest word offered as a fix or for the dictionary. The page reports them; a page gone
 * wrong must not fill the menu or the expert's dictionary with text that is no word.
 */
export const LONGEST_WORD = 64

const edit = (role: EditRole, enabled: boolean): ContextMenuEntry => ({ kind: 'edit', role, enabled })

/** The menu for a right-click described by `facts`; empty when there is nothing to offer (no menu). */
export function contextMenuPlan(facts: ContextMenuFacts): ContextMenuEntry[] {
  const flags = facts.editFlags
  if (!facts.isEditable) {
    // Reading, not writing: copying a selection is all there is to do.
    return facts.selectionText.trim() === '' ? [] : [edit('copy', flags.canCopy)]
  }
  const spelling: ContextMenuEntry[] = []
  if (isWord(facts.misspelledWord)) {
    const fixes = facts.dictionarySuggestions.filter(isWord).slice(0, MOST_FIXES)
    spelling.push(
      ...(fixes.length === 0
        ? [{ kind: 'no-fixes' } as const]
        : fixes.map((word) => ({ kind: 'fix', word }) as const)),
      // The dictionary takes words, not phrases.
      ...(/\s/.test(facts.misspelledWord) ? [] : [{ kind: 'learn', word: facts.misspelledWord } as const]),
      { kind: 'separator' },
    )
  }
  return [
    ...spelling,
    edit('undo', flags.canUndo),
    edit('redo', flags.canRedo),
    { kind: 'separator' },
    edit('cut', flags.canCut),
    edit('copy', flags.canCopy),
    edit('paste', flags.canPaste),
    { kind: 'separator' },
    edit('selectAll', flags.canSelectAll),
  ]
}

/**
 * A word the menu may show and act on: one short line of well-formed text. A fix may hold a
 * space ("a lot" for "alot"), never a line break or a control character.
 */
function isWord(text: string): boolean {
  return (
    text.trim() !== '' &&
    text.length <= LONGEST_WORD &&
    illFormedTextPath(text) === null &&
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text)
  )
}
