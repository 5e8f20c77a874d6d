import { formatPercent } from '../format'

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const clamped = Math.min(100, Math.max(0, percent))
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={formatPercent(clamped)}
      >
        <div className="progress-fill" style={{ width: `${String(clamped)}%` }} />
      </div>
      <span className="progress-value">{formatPercent(clamped)}</span>
    </div>
  )
}
