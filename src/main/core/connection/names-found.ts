/**
 * The platforms' names this run has found (a connection opened, a call answered): a lookup of one
 * of them that fails now says the network is gone, not that the address is wrong. macOS reports a
 * lookup made while the computer is offline as ENOTFOUND, as it does an unknown host. And the
 * platform addresses that let Standby in: whatever fails there later, the address is right.
 */
import { platformIdentity } from '../../../shared/platform-url'

/** Names found in this run, by host; one record for the link and sign-in alike. */
export class NamesFound {
  private readonly hosts = new Set<string>()
  /**
   * The platform addresses that let Standby in, each in its one spelling (platform-url.ts): sign-in
   * and the link may write one address with or without its trailing slash, default port or capitals.
   */
  private readonly platforms = new Set<string>()

  /** `address` answered or let a connection in: its name was looked up. */
  note(address: string): void {
    const host = hostOf(address)
    if (host !== null) this.hosts.add(host)
  }

  /** The platform at `address` let Standby in: a failure there later is no sign of a wrong address. */
  reached(address: string): void {
    this.platforms.add(platformIdentity(address))
    this.note(address)
  }

  /** Whether the platform at `address` let Standby in earlier in this run. */
  wasReached(address: string): boolean {
    return this.platforms.has(platformIdentity(address))
  }

  /** Whether `address`'s name was found earlier in this run. */
  has(address: string): boolean {
    const host = hostOf(address)
    return host !== null && this.hosts.has(host)
  }
}

/** The name an address looks up, as URL parsing writes it (lower case); null for no address. */
function hostOf(address: string): string | null {
  try {
    return new URL(address).hostname
  } catch {
    return null
  }
}
