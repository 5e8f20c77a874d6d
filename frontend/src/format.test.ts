import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDateWindow,
  formatDuration,
  formatHours,
  formatList,
  formatPercent,
  formatShortDate,
  formatWholePercent,
  todayIn,
} from './format'
import { i18n } from './i18n/i18n'

describe('todayIn', () => {
  it("turns the day at midnight in the organisation's time zone, not at midnight UTC", () => {
    // 14:59:59 UTC is 23:59:59 in Tokyo (UTC+9); a second later it is the next day there.
    expect(todayIn('Asia/Tokyo', new Date('2026-11-30T14:59:59Z'))).toBe('2026-11-30')
    expect(todayIn('Asia/Tokyo', new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01')
    // Honolulu (UTC-10) is still on the 30th while UTC is on the 1st.
    expect(todayIn('Pacific/Honolulu', new Date('2026-12-01T09:59:59Z'))).toBe('2026-11-30')
    expect(todayIn('Pacific/Honolulu', new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-01')
    // Kiritimati (UTC+14) is first into the day.
    expect(todayIn('Pacific/Kiritimati', new Date('2026-11-30T10:00:00Z'))).toBe('2026-12-01')
    expect(todayIn('UTC', new Date('2026-11-30T23:59:59Z'))).toBe('2026-11-30')
  })
})

describe('numbers and dates in the chosen language', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('writes English as the browser writes it', () => {
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['en-US'])
    expect(formatHours(1.5)).toBe('1.5 h')
    expect(formatHours(1 / 3)).toBe('0.33 h')
    expect(formatDuration(850)).toBe('850 ms')
    expect(formatDuration(1234)).toBe('1.23 sec')
    expect(formatPercent(42.25)).toBe('42.3%')
    expect(formatCount(12345)).toBe('12,345')
    expect(formatDate('2026-11-28')).toBe('Nov 28, 2026')
    expect(formatDateWindow('2026-11-01', null)).toBe('Nov 1, 2026 – …')
    expect(formatDateWindow(null, null)).toBe('No dates set')
    expect(formatShortDate('2026-03-04')).toBe('Mar 4')
    expect(formatWholePercent(40)).toBe('40%')
    expect(formatList(['a', 'b', 'c'])).toBe('a, b, and c')
  })

  it('writes Japanese the Japanese way', async () => {
    await i18n.changeLanguage('ja')
    expect(formatHours(1.5)).toBe('1.5 時間')
    expect(formatDuration(1500)).toBe('1.5 秒')
    expect(formatPercent(100)).toBe('100.0%')
    expect(formatCount(12345)).toBe('12,345')
    expect(formatDate('2026-11-28')).toBe('2026/11/28')
    expect(formatDateWindow('2026-11-01', '2026-11-30')).toBe('2026/11/01 ～ 2026/11/30')
    expect(formatDateWindow(null, null)).toBe('日付未設定')
    expect(formatShortDate('2026-03-04')).toBe('3月4日')
    expect(formatWholePercent(40)).toBe('40%')
    expect(formatList(['a', 'b', 'c'])).toBe('a、b、c')
    // The time is the browser's local one, so only its shape is fixed here.
    expect(formatDateTime('2026-11-28T12:00:00Z')).toMatch(/^2026\/11\/2[789] \d{1,2}:\d{2}$/)
  })
})
