/**
 * The host's log folder as Settings' Troubleshooting group shows it: where it is, whether the host
 * just opened it, and why the log file cannot be written, if it cannot. Without the last, a full
 * disk or a read-only profile was said once on a console the expert never sees, and the folder
 * Settings named held nothing of the run they were about to report.
 */
import type { LogFolder } from '../../shared/ipc/host-schemas'

/** The host's log folder, and how it shows it. */
export interface HostLogFolder {
  readonly path: string
  /** Shows the folder in the file manager; false when the host cannot. */
  open(): Promise<boolean>
  /** Why the log file cannot be written now, and what to do; null while it is written. */
  problem(): string | null
}

/** What Settings is answered about `folder` (undefined: a host that writes no file). */
export function logFolderAnswer(folder: HostLogFolder | undefined, opened: boolean): LogFolder {
  return { path: folder?.path ?? null, opened, problem: folder?.problem() ?? null }
}
