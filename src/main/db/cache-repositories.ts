/**
 * The repositories over one cache connection, shared by the store and the batch and snapshot code
 * it runs in its transactions.
 */
import type Database from 'better-sqlite3'
import type { Logger } from '../core/ports/logger'
import { errorMessage } from '../../shared/error-message'
import { InviteRepository } from './repositories/invite-repository'
import { MessageRepository } from './repositories/message-repository'
import { ReminderRepository } from './repositories/reminder-repository'
import { RequestRepository } from './repositories/request-repository'
import { RetentionRepository } from './repositories/retention-repository'
import { RetryKeyRepository } from './repositories/retry-key-repository'
import { RowStateRepository } from './repositories/row-state-repository'
import { SessionRepository } from './repositories/session-repository'
import { StandingRepository } from './repositories/standing-repository'
import { SyncStateRepository } from './repositories/sync-state-repository'
import type { SkippedRows } from './repositories/stored-json'

/** Every repository of one cache database, each built on first use. */
export class CacheRepositories {
  // Each repository is built on first use: a start reads one or two of them before the first page
  // is shown, and building the rest then would only delay it (`npm run bench -- cache`, cold open).
  private syncRepository?: SyncStateRepository
  private requestRepository?: RequestRepository
  private inviteRepository?: InviteRepository
  private sessionRepository?: SessionRepository
  private messageRepository?: MessageRepository
  private reminderRepository?: ReminderRepository
  private standingRepository?: StandingRepository
  private retentionRepository?: RetentionRepository
  private rowStateRepository?: RowStateRepository
  private retryKeyRepository?: RetryKeyRepository
  // A row skipped as damaged is logged, and the next sync starts from a snapshot, which rewrites it.
  private readonly skippedRows: SkippedRows

  constructor(
    private readonly db: Database.Database,
    logger: Logger,
  ) {
    this.skippedRows = {
      logger,
      skipped: () => {
        // A write on a read: a cache refusing writes (a full disk, a read-only file) must not fail
        // the read too, which returns the rest. Each read of the row tries again, so the mark is
        // made once writes work.
        try {
          this.sync.forgetDigest()
        } catch (error) {
          logger.warn(`Could not mark the cache to be fetched again: ${errorMessage(error)}`)
        }
      },
    }
  }

  /** The cursor, its digest, the last sync, the clock offset and the signed-in expert. */
  get sync(): SyncStateRepository {
    return (this.syncRepository ??= new SyncStateRepository(this.db, this.skippedRows))
  }

  /** Requests, stored once and spliced into the invites and sessions that carry them. */
  get requests(): RequestRepository {
    return (this.requestRepository ??= new RequestRepository(this.db))
  }

  /** Invites, with which were notified and shown. */
  get invites(): InviteRepository {
    return (this.inviteRepository ??= new InviteRepository(this.db, this.skippedRows))
  }

  /** Sessions: upcoming, history and its search. */
  get sessions(): SessionRepository {
    return (this.sessionRepository ??= new SessionRepository(this.db, this.skippedRows))
  }

  /** Messages, with what was read and notified of each thread. */
  get messages(): MessageRepository {
    return (this.messageRepository ??= new MessageRepository(this.db, this.skippedRows))
  }

  /** Reminders fired or skipped, and snoozes. */
  get reminders(): ReminderRepository {
    return (this.reminderRepository ??= new ReminderRepository(this.db))
  }

  /** What goes from the cache over time, a batch at a time. */
  get retention(): RetentionRepository {
    return (this.retentionRepository ??= new RetentionRepository(this.db))
  }

  /** Where invites and sessions stand, for checking an event against them. */
  get rowStates(): RowStateRepository {
    return (this.rowStateRepository ??= new RowStateRepository(this.db))
  }

  /** Standing warnings given, and charged-back sessions. */
  get standing(): StandingRepository {
    return (this.standingRepository ??= new StandingRepository(this.db, this.skippedRows))
  }

  /** Idempotency keys of commands whose outcome was left open, kept for a retry after a restart. */
  get retryKeys(): RetryKeyRepository {
    return (this.retryKeyRepository ??= new RetryKeyRepository(this.db))
  }
}
