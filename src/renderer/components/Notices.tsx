/** The short notices of the moment ("Taken by another expert: …"), in a polite live region. */
import { Fragment } from 'react'
import { useNotices, useServices } from '../store/context'

/** The notice stack. */
export function Notices() {
  const notices = useNotices()
  const { notices: store } = useServices()
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span className="notice-text">
            {notice.parts.map((part, i) =>
              typeof part === 'string' ? (
                <Fragment key={i}>{part}</Fragment>
              ) : (
                <bdi key={i}>{part.theirs}</bdi>
              ),
            )}
          </span>
          <button
            type="button"
            className="notice-close"
            aria-label={`Dismiss: ${notice.text}`}
            onClick={() => store.dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
