import { describe, expect, it } from 'vitest'
import {
  contextMenuPlan,
  LONGEST_WORD,
  MOST_FIXES,
  type ContextMenuFacts,
} from '../../../../src/main/core/context-menu-plan'

const ALL_FLAGS = {
  canUndo: true,
  canRedo: false,
  canCut: true,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
}

const facts = (more: Partial<ContextMenuFacts>): ContextMenuFacts => ({
  isEditable: true,
  selectionText: '',
  misspelledWord: '',
  dictionarySuggestions: [],
  editFlags: ALL_FLAGS,
  ...more,
})

const EDITING = [
  { kind: 'edit', role: 'undo', enabled: true },
  { kind: 'edit', role: 'redo', enabled: false },
  { kind: 'separator' },
  { kind: 'edit', role: 'cut', enabled: true },
  { kind: 'edit', role: 'copy', enabled: true },
  { kind: 'edit', role: 'paste', enabled: true },
  { kind: 'separator' },
  { kind: 'edit', role: 'selectAll', enabled: true },
]

describe('contextMenuPlan', () => {
  it('offers the editing commands in a text field, each enabled as the page says', () => {
    expect(contextMenuPlan(facts({}))).toEqual(EDITING)
  })

  it('puts the spell checker’s best fixes first, then Add to Dictionary', () => {
    const plan = contextMenuPlan(
      facts({
        misspelledWord: 'recieve',
        dictionarySuggestions: ['receive', 'relieve', 'a b', 'c', 'd', 'e', 'f'],
      }),
    )
    expect(plan.slice(0, MOST_FIXES + 2)).toEqual([
      { kind: 'fix', word: 'receive' },
      { kind: 'fix', word: 'relieve' },
      { kind: 'fix', word: 'a b' },
      { kind: 'fix', word: 'c' },
      { kind: 'fix', word: 'd' },
      { kind: 'learn', word: 'recieve' },
      { kind: 'separator' },
    ])
    expect(plan.slice(MOST_FIXES + 2)).toEqual(EDITING)
  })

  it('says there are no fixes rather than leaving the word’s place empty', () => {
    expect(contextMenuPlan(facts({ misspelledWord: 'qzxv' })).slice(0, 3)).toEqual([
      { kind: 'no-fixes' },
      { kind: 'learn', word: 'qzxv' },
      { kind: 'separator' },
    ])
  })

  it('offers no fix or dictionary entry that is no short line of well-formed text', () => {
    const bad = ['x'.repeat(LONGEST_WORD + 1), 'line\nbreak', 'bell\u0007', '\ud800', '   ']
    const plan = contextMenuPlan(facts({ misspelledWord: 'teh', dictionarySuggestions: [...bad, 'the'] }))
    expect(plan.filter((entry) => entry.kind === 'fix')).toEqual([{ kind: 'fix', word: 'the' }])
    for (const word of bad) expect(contextMenuPlan(facts({ misspelledWord: word }))).toEqual(EDITING)
    // A phrase may be a fix but is not a word for the dictionary.
    expect(contextMenuPlan(facts({ misspelledWord: 'a lot' })).some((entry) => entry.kind === 'learn')).toBe(
      false,
    )
  })

  it('offers Copy for selected text outside a field, and nothing where there is nothing to do', () => {
    expect(contextMenuPlan(facts({ isEditable: false, selectionText: 'TypeError: x is undefined' }))).toEqual(
      [{ kind: 'edit', role: 'copy', enabled: true }],
    )
    expect(contextMenuPlan(facts({ isEditable: false, selectionText: ' \n' }))).toEqual([])
  })
})
