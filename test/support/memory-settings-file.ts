/** A settings file in memory, for tests of what reads and writes the settings. */
import type { SettingsFile } from '../../src/main/core/settings/settings-store'

/** A SettingsFile in memory that counts writes and can be made to fail. */
export function memoryFile(initial: Record<string, unknown> = {}) {
  let content: Record<string, unknown> = { ...initial }
  const file = {
    failWrites: false,
    writes: 0,
    get content() {
      return content
    },
    read: () => content,
    write(next: Record<string, unknown>) {
      if (file.failWrites)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      file.writes++
      content = { ...next }
    },
  } satisfies SettingsFile & Record<string, unknown>
  return file
}
