import type { LiveState } from './useSuiteLiveUpdates'

const TEXT: Record<LiveState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: changes by others appear here',
  unavailable: 'Live updates unavailable: reload to see changes by others',
}

export function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <p className={`live live-${state}`} role="status">
      {TEXT[state]}
    </p>
  )
}
