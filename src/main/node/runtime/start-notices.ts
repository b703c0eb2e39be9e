/**
 * What a start has to tell the expert before anything else: the offline cache had to be rebuilt,
 * the settings went back to their defaults, the settings file was a link and was replaced, or it
 * cannot keep what is changed; and the cache file found read-only later in the run.
 */
import { settingsResetMessage } from '../../core/settings/settings-reset'
import type { CacheNotWritable } from '../../core/cache-not-writable'
import type { CacheRebuild } from '../../db/open-cache'
import type { RuntimeOptions } from './start-runtime'

/** Log and tell the expert what the cache and the settings went through at this start. */
export function tellAtStart(
  rebuilt: CacheRebuild | null,
  options: Pick<RuntimeOptions, 'settings' | 'notifier' | 'log'>,
): void {
  if (rebuilt !== null) tellCacheRebuilt(rebuilt, options)
  const settingsReset = settingsResetMessage(options.settings.resetAtOpen ?? [])
  // Told once: the values went back to their defaults in the file, so the next start finds them valid.
  if (settingsReset !== null) {
    options.notifier.show({ kind: 'notice', title: 'Settings reset', body: settingsReset })
  }
  // Told once: the next start finds the file of Standby's own that replaced the link.
  if (options.settings.separatedAtOpen !== undefined) {
    options.notifier.show({
      kind: 'notice',
      title: 'Settings file replaced',
      body: options.settings.separatedAtOpen,
    })
  }
  // Told at each start while it lasts: the file is left as it is, and nothing the expert changes is kept.
  if (options.settings.notKept !== undefined) {
    options.notifier.show({ kind: 'notice', title: 'Settings not kept', body: options.settings.notKept })
  }
}

/** Log a cache that runs in memory (its file may not be written) and tell the expert, at each start while it lasts. */
export function tellCacheInMemory(message: string, options: Pick<RuntimeOptions, 'notifier' | 'log'>): void {
  options.log.warn(message)
  options.notifier.show({ kind: 'notice', title: 'Offline cache not saved', body: message })
}

/** Which notice tells a cache file made read-only while running, so a checkpoint that works withdraws it. */
const REFUSED_ID = 'cache-not-writable'

/** What the expert was told of a cache file its checkpoints may not write. */
export interface CacheRefusals {
  /** A checkpoint found the file read-only (`refusal`), or, with null, works again: told once each. */
  tell(refusal: CacheNotWritable | null): void
  /** The file was closed to be moved aside (damage found while running): what was told of it is over. */
  left(): void
}

/**
 * Log a cache file found read-only by a checkpoint and tell the expert once, and withdraw the notice
 * when a checkpoint works again, nothing being left to do, or when the file is moved aside, as its
 * checkpoints no longer try.
 */
export function cacheRefusals(options: Pick<RuntimeOptions, 'notifier' | 'log'>): CacheRefusals {
  let up = false
  const withdraw = (line: string, title: string, body: string): void => {
    up = false
    options.log.info(line)
    options.notifier.show({
      kind: 'notice_withdrawn',
      noticeId: REFUSED_ID,
      title,
      body,
    })
  }
  return {
    tell(refusal) {
      if (refusal === null)
        return withdraw(
          'The offline cache file may be written again; its checkpoints work again',
          'Offline cache saved again',
          'Standby writes its offline cache again.',
        )
      up = true
      const body =
        `Standby cannot write its offline cache (${refusal.message}). What you see stays, but the ` +
        `cache file is not kept up to date. ${refusal.remedy}; Standby tries again every few seconds ` +
        'and catches up by itself.'
      options.log.warn(body)
      options.notifier.show({ kind: 'notice', noticeId: REFUSED_ID, title: 'Offline cache not saved', body })
    },
    left() {
      if (!up) return
      withdraw(
        'The offline cache file that could not be written was found damaged and moved aside; its notice is withdrawn',
        'Offline cache moved aside',
        'The offline cache file Standby could not write was moved aside.',
      )
    },
  }
}

/** Log a rebuilt cache and tell the expert once, with what it means for them. */
export function tellCacheRebuilt(
  rebuilt: CacheRebuild,
  options: Pick<RuntimeOptions, 'notifier' | 'log'>,
): void {
  const { salvaged, pruned, kind } = rebuilt
  options.log.warn(
    `Cache rebuilt: ${rebuilt.reason}; ${kind} copy kept at ${rebuilt.damagedCopy}; ` +
      `${pruned.removed} older ${kind} ${pruned.removed === 1 ? 'copy' : 'copies'} removed` +
      (pruned.left.length === 0 ? '; ' : ` (could not remove ${pruned.left.join(', ')}); `) +
      `${salvaged.rows} marks of what was already shown carried over` +
      (salvaged.unreadable.length === 0
        ? ''
        : `; could not read ${salvaged.unreadable.join(', ')}, so some invites or reminders may show again`),
  )
  // Told once: the next start finds a healthy file and says nothing.
  options.notifier.show({ kind: 'notice', title: 'Offline cache rebuilt', body: rebuilt.message })
}
