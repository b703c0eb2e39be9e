/**
 * Times in another time zone than the expert's (the client's, the one the platform counts the
 * expert's days in), and a zone's name as people say it.
 */
import { DAY_AND_TIME, WITH_YEAR, WITH_ZONE } from '../../shared/day-time-options'
import { inRepeatedHour } from '../../shared/repeated-hour'
import {
  dateText,
  DAY_ONLY,
  dayNeedsYear,
  formatters,
  type ZonedDayFormats,
  type ZonedFormats,
} from './format-display'

/** More than the world has time zones: beyond it, a name is formatted afresh each time. */
const ZONED_FORMATS_KEPT = 1_000

/**
 * "Tue 6 Jan, 07:05" in another time zone (the client's), with the zone named in its repeated hour;
 * null when this computer's time zone data does not know the zone (one newer than it), rather than
 * a time in some other zone.
 */
export function formatDayTimeIn(t: number, timeZone: string): string | null {
  const zoned = zonedFormats(timeZone)
  if (zoned === null) return null
  const dated = dayNeedsYear(t, zoned.zone) ? zoned.inYear : zoned
  return dateText(inRepeatedHour(t, zoned.zone) ? dated.withZone : dated.plain, t)
}

/**
 * "Mon 5 Jan" in another time zone: a day the platform counted where the expert's profile says
 * they live (a week's Monday), which is another day here when this computer's zone lies west of
 * it. The day here when this computer's time zone data does not know the zone.
 */
export function formatDayIn(t: number, timeZone: string): string {
  const zoned = zonedFormats(timeZone)
  if (zoned === null) return dateText(dayNeedsYear(t) ? formatters().dayOnlyInYear : formatters().dayOnly, t)
  return dateText(dayNeedsYear(t, zoned.zone) ? zoned.inYear.day : zoned.day, t)
}

/** Another zone's formats, built once per zone (a bounded number); null for a zone Intl does not know. */
function zonedFormats(timeZone: string): ZonedFormats | null {
  let zoned = formatters().zoned.get(timeZone)
  if (zoned === undefined) {
    try {
      const plain = dayFormatsIn(timeZone, {})
      zoned = {
        zone: plain.plain.resolvedOptions().timeZone,
        ...plain,
        inYear: dayFormatsIn(timeZone, WITH_YEAR),
      }
    } catch {
      zoned = null
    }
    // Zones come from the platform, checked for their form only: a bounded cache, not one per name.
    if (formatters().zoned.size < ZONED_FORMATS_KEPT) formatters().zoned.set(timeZone, zoned)
  }
  return zoned
}

/** A zone's day formats, with `extra` options (the year) added to each. */
function dayFormatsIn(timeZone: string, extra: Readonly<Intl.DateTimeFormatOptions>): ZonedDayFormats {
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(formatters().display.locale, { ...options, ...extra, timeZone })
  return {
    plain: format(DAY_AND_TIME),
    withZone: format({ ...DAY_AND_TIME, ...WITH_ZONE }),
    day: format(DAY_ONLY),
  }
}

/**
 * "New York" from "America/New_York": how people name a time zone. A fixed-offset zone is named by
 * its offset the way people write it: IANA's "Etc/GMT+5" is five hours behind UTC, so "GMT+5"
 * would tell the expert the opposite of the client's time ("UTC-5").
 */
export function zoneCity(timeZone: string): string {
  const fixed = /^(?:Etc\/)?(?:GMT|UTC|UCT|Greenwich|Universal|Zulu)(?:([+-])(\d{1,2}))?0?$/i.exec(timeZone)
  if (fixed !== null) {
    const [, sign, hours] = fixed
    if (sign === undefined || hours === undefined || Number(hours) === 0) return 'UTC'
    return `UTC${sign === '+' ? '-' : '+'}${Number(hours)}`
  }
  // A legacy name whose last part is a region word ("US/Eastern", "Brazil/East", "Australia/North",
  // "GB") says no place: its zone's city does, when this computer's data knows the zone.
  const named = LEGACY_REGION_NAME.test(timeZone) ? (zonedFormats(timeZone)?.zone ?? timeZone) : timeZone
  const city = named.slice(named.lastIndexOf('/') + 1)
  return city.replaceAll('_', ' ')
}

/** IANA's backward names that are a region rather than a city (not "EST" or the POSIX-style "EST5EDT"). */
const LEGACY_REGION_NAME =
  /^(?!(?:EST|MST|HST)$)(?:(?:US|Canada|Brazil|Chile|Mexico)\/.+|Australia\/(?:ACT|NSW|North|South|West|Queensland|Victoria|Tasmania|LHI|Canberra|Yancowinna)|[A-Za-z]+(?:-[A-Za-z]+)?)$/
