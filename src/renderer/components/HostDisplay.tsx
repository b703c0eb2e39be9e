/**
 * The window's dates and times follow the OS's locale and time zone while it is open: an expert
 * who travels, or changes the zone in the OS's settings, sees every time in the new zone at the
 * next tick, without reopening the window.
 */
import { useEffect, useSyncExternalStore } from 'react'
import { currentDisplay, followHostDisplay, onDisplayChange, type Display } from '../logic/format'
import { useNow } from '../store/context'

/** The locale and time zone times are written in; re-renders the caller when they change. */
export function useDisplay(): Required<Display> {
  return useSyncExternalStore(onDisplayChange, currentDisplay, currentDisplay)
}

/** Reads the host's zone again on each tick of the host clock; renders nothing. */
export function FollowHostDisplay(): null {
  const now = useNow()
  // Once a tick: a change of zone sends no event to a page, and the tick already runs.
  useEffect(() => void followHostDisplay(), [now])
  return null
}
