const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso))
}

export function formatHours(hours: number): string {
  return `${String(Math.round(hours * 100) / 100)} h`
}

export function formatPercent(percent: number): string {
  return `${percent.toFixed(1)}%`
}

/** A suite's date window, e.g. "2026-11-01 – 2026-11-30". */
export function formatDateWindow(start: string | null, end: string | null): string {
  if (!start && !end) return 'No dates set'
  return `${start ?? '…'} – ${end ?? '…'}`
}

/** Today's calendar date (YYYY-MM-DD) in the organisation's time zone, where the server judges dates. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Why a delay names a time zone: the server counts the days past the end date from today there. */
export function delayCountedIn(timeZone: string): string {
  return `Days past the suite's end date, counted in ${timeZone}`
}
