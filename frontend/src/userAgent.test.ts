import { describe, expect, it } from 'vitest'
import { describeUserAgent } from './userAgent'

describe('describeUserAgent', () => {
  it('names the browser, its major version and the system', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'
    expect(describeUserAgent(chrome)).toBe('Chrome 156 on Linux')
    const safari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
    expect(describeUserAgent(safari)).toBe('Safari 18 on iOS')
  })

  it('falls back to the raw text, or says it is unknown', () => {
    expect(describeUserAgent('curl/7.88.1')).toBe('curl/7.88.1')
    expect(describeUserAgent(null)).toBe('Unknown browser')
  })
})
