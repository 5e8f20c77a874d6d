// Dates, times and numbers through `Intl` in the UI's language (docs/decisions/0011-spa-i18n.md).

import { currentLanguage, i18n } from './i18n/i18n'
import { intlLocale } from './i18n/language'

type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat
const formatters = new Map<string, Formatter>()

/** One formatter per locale and kind, made on first use. */
function cached<F extends Formatter>(kind: string, make: (locale: string) => F): F {
  const locale = intlLocale(currentLanguage())
  const key = `${kind}:${locale}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = make(locale)
    formatters.set(key, formatter)
  }
  return formatter as F
}

export function formatDateTime(iso: string): string {
  return cached('dateTime', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(iso))
}

/** A calendar date (YYYY-MM-DD, no time zone) as the locale writes it. */
export function formatDate(isoDate: string): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number)
  return cached('date', (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(
    new Date(Date.UTC(year, month - 1, day)),
  )
}

/** A calendar date (YYYY-MM-DD) as a short axis label: the month and the day ("Mar 14", "3月14日"). */
export function formatShortDate(isoDate: string): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number)
  return cached('shortDate', (locale) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' })).format(
    new Date(Date.UTC(year, month - 1, day)),
  )
}

export function formatHours(hours: number): string {
  const number = cached('hours', (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }))
  return i18n.t('common.hours', { hours: number.format(hours) })
}

export function formatPercent(percent: number): string {
  const number = cached('percent', (locale) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }))
  return number.format(percent / 100)
}

/** A percent without decimals, for a chart's axis ("40%"). */
export function formatWholePercent(percent: number): string {
  return cached('wholePercent', (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(percent / 100)
}

/** Items as a sentence lists them ("a, b, and c"; "a、b、c"). */
export function formatList(items: string[]): string {
  return cached('list', (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })).format(items)
}

/** A suite's date window, e.g. "Nov 1, 2026 – Nov 30, 2026". */
export function formatDateWindow(start: string | null, end: string | null): string {
  if (!start && !end) return i18n.t('common.noDates')
  const open = i18n.t('common.openEnded')
  return i18n.t('common.dateWindow', { start: start ? formatDate(start) : open, end: end ? formatDate(end) : open })
}

/** Today's calendar date (YYYY-MM-DD) in the organisation's time zone, where the server judges dates. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD: a value for the date input, not a text for people.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Why a delay names a time zone: the server counts the days past the end date from today there. */
export function delayCountedIn(timeZone: string): string {
  return i18n.t('delay.countedIn', { timeZone })
}

/** A count as the locale writes it (1,234); a dash while it is unknown. */
export function formatCount(count: number | undefined): string {
  if (count === undefined) return '–'
  return cached('count', (locale) => new Intl.NumberFormat(locale)).format(count)
}

/** A result's duration: milliseconds below a second, seconds (up to two decimals) above, in the locale's units. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) {
    return cached('milliseconds', (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' })).format(milliseconds)
  }
  const seconds = cached('seconds', (locale) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 2 }))
  return seconds.format(milliseconds / 1000)
}
