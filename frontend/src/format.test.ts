import { describe, expect, it } from 'vitest'
import { todayIn } from './format'

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
