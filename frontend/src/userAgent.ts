import { i18n } from './i18n/i18n'

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:Headless)?Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
]

/** "Chrome 156 on Linux" from a User-Agent header; the raw text when it is not a known browser. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return i18n.t('account.unknownBrowser')
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))
  if (!browser) return userAgent.slice(0, 60)
  const version = browser[0].exec(userAgent)?.[1] ?? ''
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1]
  const name = `${browser[1]} ${version}`
  return system ? i18n.t('account.browserOn', { browser: name, system }) : name
}
