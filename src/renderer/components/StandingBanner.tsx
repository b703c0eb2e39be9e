/**
 * One line while the expert's standing is at risk (the review average below the platform's
 * threshold, or a recent chargeback), saying what happened and what to do, as the platform's
 * help text does: poor reviews and chargebacks can lead to removal.
 */
import { standingBannerWords } from '../../shared/rules/standing'
import { useAppState } from '../store/context'

/** The banner, or nothing while the standing is good. */
export function StandingBanner() {
  const { expert } = useAppState()
  const words = standingBannerWords(expert?.stats.reviews ?? null)
  if (words === null) return null
  return (
    <p className="standing-banner" role="status">
      <strong>{words.title}</strong> {words.body}
    </p>
  )
}
