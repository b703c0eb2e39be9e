/**
 * The host's date formatters, kept until its time zone changes. Building one costs a hundred times
 * more than using it, and the tray writes its last sync at every change of the connection: a
 * platform restart with many experts reconnecting spent a good share of their CPU building them.
 * Kept only by an owner told of each change of the zone: Node (and Electron's main process) reads
 * the zone again only when the runtime's zone watch makes it, and that watch tells the core.
 */
import { freshHostFormats, type HostFormats } from '../../shared/day-time-options'

/** More option sets than the app writes times with: beyond it the kept ones are dropped, never grown without end. */
const MOST_KEPT = 32

/** Formatters by their options, built in the zone the host followed when they were first asked for. */
export class KeptHostFormats {
  private readonly kept = new Map<string, Intl.DateTimeFormat>()

  /** The formatter for `options`: the one kept, or one built now and kept. */
  readonly formats: HostFormats = (options) => {
    // By value: callers spread options into new objects ("with the zone named").
    const key = JSON.stringify(options)
    let format = this.kept.get(key)
    if (format === undefined) {
      format = freshHostFormats(options)
      if (this.kept.size >= MOST_KEPT) this.kept.clear()
      this.kept.set(key, format)
    }
    return format
  }

  /** The host's zone changed: what was built in the old one is built again when next asked for. */
  forget(): void {
    this.kept.clear()
  }
}
