/**
 * Where an expert downloads Standby by hand when updating in place fails: STANDBY_DOWNLOAD_URL
 * when the machine sets it, else the folder of the feed the build updates from (its
 * app-update.yml, written by electron-builder), else the project's download page.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ExternalUrl } from '../../shared/ipc/contract'

/** The download page when neither the machine nor the build names one. */
export const DEFAULT_DOWNLOAD_URL = 'https://downloads.standby.example/standby/'

/** The manual download link for this build. */
export function manualDownloadUrl(env: NodeJS.ProcessEnv, resourcesPath: string | undefined): string {
  const candidates = [env['STANDBY_DOWNLOAD_URL'], feedUrl(resourcesPath)]
  for (const candidate of candidates) {
    const parsed = ExternalUrl.safeParse(candidate)
    if (parsed.success) return parsed.data
  }
  return DEFAULT_DOWNLOAD_URL
}

/** The `url:` of a packaged build's app-update.yml, if there is one. */
function feedUrl(resourcesPath: string | undefined): string | undefined {
  if (resourcesPath === undefined) return undefined
  try {
    const text = readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8')
    return /^url:\s*['"]?([^'"\s]+)/m.exec(text)?.[1]
  } catch {
    return undefined
  }
}
