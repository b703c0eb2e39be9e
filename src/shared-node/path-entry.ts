/**
 * What is at a path, asked without throwing: the app's folder checks (the cache's folder, the
 * updater's download folders) look at paths that may be missing, links, or unreadable, and say so.
 */
import { readlinkSync, type Stats } from 'node:fs'

/** `stat(path)` (lstatSync to see a link itself, statSync to follow it), or nothing if it cannot be read. */
export function statOrNothing(path: string, stat: (path: string) => Stats): Stats | undefined {
  try {
    return stat(path)
  } catch {
    return undefined
  }
}

/** What the link at `path` says it points to, as written in it, or `unreadable` if that cannot be read. */
export function linkTarget(path: string, unreadable: string): string {
  try {
    return readlinkSync(path)
  } catch {
    return unreadable
  }
}
