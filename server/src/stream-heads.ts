/**
 * The newest id and digest of each expert's stream, read once from the table and then kept here,
 * so an append costs one write; and, for the open transaction, where each stream it appended to
 * stood before, so a rollback hands the same ids out again.
 */
import type { ExpertEventLookup } from './expert-event-lookup'

/** Each expert's newest event id and digest, as the event log (event-log.ts) hands them out. */
export class StreamHeads {
  /** The newest id per expert, read once from the table and then kept here: one write per event. */
  private readonly latestIds = new Map<string, number>()
  /** The digest of each expert's newest event, kept beside its id for the same reason. */
  private readonly latestDigests = new Map<string, string>()
  /** Each expert the open transaction appended to, with its newest id and digest before it. */
  private touched = new Map<string, { id: number; digest: string }>()

  constructor(
    private readonly lookup: ExpertEventLookup,
    private readonly epoch: string,
  ) {}

  /** The newest event id for an expert (0 before the first). */
  latestId(expertId: string): number {
    let latest = this.latestIds.get(expertId)
    if (latest === undefined) {
      latest = this.lookup.newestId(expertId)
      this.latestIds.set(expertId, latest)
    }
    return latest
  }

  /** The digest of an expert's newest event (the epoch before the first). */
  latestDigest(expertId: string): string {
    let digest = this.latestDigests.get(expertId)
    if (digest === undefined) {
      digest = this.lookup.newestDigestOf(expertId) ?? this.epoch
      this.latestDigests.set(expertId, digest)
    }
    return digest
  }

  /** Hand out the next id of an expert's stream, noting where the stream stood before. */
  nextId(expertId: string): number {
    const id = this.latestId(expertId) + 1
    if (!this.touched.has(expertId)) {
      this.touched.set(expertId, { id: id - 1, digest: this.latestDigest(expertId) })
    }
    this.latestIds.set(expertId, id)
    return id
  }

  /** The digest of the event just given an id: the next one chains from it. */
  signed(expertId: string, digest: string): void {
    this.latestDigests.set(expertId, digest)
  }

  /**
   * The rolled-back ids were never stored: each stream goes back to where it was, so they are
   * handed out again. (Not to the table's newest: its lookup may not be written yet.)
   */
  rollBack(): void {
    for (const [expertId, before] of this.touched) {
      this.latestIds.set(expertId, before.id)
      this.latestDigests.set(expertId, before.digest)
    }
  }

  /** The transaction ended, committed or not: the next one notes its own streams. */
  transactionEnded(): void {
    // A new Map, not clear(): a cleared Map links its old table to its new one, so once this Map
    // is old every transaction's notes stayed reachable to the young-generation collector, which
    // copied and promoted them until a full collection.
    this.touched = new Map()
  }
}
