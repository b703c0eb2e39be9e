/**
 * The stream's identity: each event's digest chains the previous one with the event itself, and
 * the first link is the database's own random epoch. A client that sends the digest of its last
 * applied event proves it followed this very history; a backup restored and grown differently, or
 * a database created anew, has other digests at the same ids.
 */
import { hash } from 'node:crypto'

/** The digest of an event that follows `previous` (the epoch for an expert's first kept event). */
export function chainDigest(previous: string, eventJson: string): string {
  // Half a SHA-256 is plenty to tell two histories apart and keeps every event a little smaller.
  // One-shot hashing: a Hash object per event cost more than the hashing itself in a fan-out.
  return hash('sha256', `${previous}\n${eventJson}`, 'hex').slice(0, 32)
}

/**
 * An event's JSON text with its digest as the last key, from the text without it and without its
 * closing brace: the same text JSON.stringify gives for the event with the digest added.
 */
export function closeWithDigest(openJson: string, digest: string): string {
  // A digest is hex (chainDigest), which JSON writes as it is: no call to the serializer, twice an event.
  return `${openJson},"digest":"${digest}"}`
}
