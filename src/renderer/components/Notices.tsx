/** The short notices of the moment ("Taken by another expert: …"), in a polite live region. */
import { useNotices, useServices } from '../store/context'
import { TheirWords } from './TheirWords'

/** The notice stack. */
export function Notices() {
  const notices = useNotices()
  const { notices: store } = useServices()
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span className="notice-text">
            <TheirWords text={notice.parts} />
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
