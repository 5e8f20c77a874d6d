import { useTranslation } from 'react-i18next'
import type { LiveState } from '../../api/useLiveUpdates'

const TEXT_KEY = {
  connecting: 'suite.liveConnecting',
  live: 'suite.liveOn',
  unavailable: 'suite.liveUnavailable',
} as const satisfies Record<LiveState, string>

export function LiveIndicator({ state }: { state: LiveState }) {
  const { t } = useTranslation()
  return (
    <p className={`live live-${state}`} role="status">
      {t(TEXT_KEY[state])}
    </p>
  )
}
