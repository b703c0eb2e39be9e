/** The full window's sections, and the context that lets a component move between them. */
import { createContext, use } from 'react'

/** A section of the full window. */
export type View = 'live' | 'invites' | 'upcoming' | 'history' | 'stats' | 'settings'

/** Moves the window to a section; a no-op on the popover, which has no sections. */
export const NavigateContext = createContext<(view: View) => void>(() => undefined)

/** The function that moves the window to a section. */
export function useNavigate(): (view: View) => void {
  return use(NavigateContext)
}
