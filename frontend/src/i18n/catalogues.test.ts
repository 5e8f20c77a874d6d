import { describe, expect, it } from 'vitest'
import en from './en.json'
import ja from './ja.json'

type Catalogue = { [key: string]: string | Catalogue }

/** "a.b.c" -> text, for every leaf of a catalogue. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>()
  for (const [key, value] of Object.entries(catalogue)) {
    const name = prefix + key
    if (typeof value === 'string') flat.set(name, value)
    else for (const [inner, text] of flatten(value, `${name}.`)) flat.set(inner, text)
  }
  return flat
}

/** The variables a text interpolates ({{name}} and {{count, number}} both name one). */
function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort()
}

const catalogues = { en: flatten(en), ja: flatten(ja) }

describe('the message catalogues', () => {
  it.each([
    ['en', 'ja'],
    ['ja', 'en'],
  ] as const)('every key of %s is in %s', (from, to) => {
    const missing = [...catalogues[from].keys()].filter((key) => !catalogues[to].has(key))
    expect(missing).toEqual([])
  })

  it('translates every text (none is empty) with the same variables in both languages', () => {
    for (const [key, english] of catalogues.en) {
      const japanese = catalogues.ja.get(key) ?? ''
      expect(english.trim(), key).not.toBe('')
      expect(japanese.trim(), key).not.toBe('')
      expect(variables(japanese), key).toEqual(variables(english))
    }
  })

  it('has both plural forms wherever a key is counted', () => {
    for (const key of catalogues.en.keys()) {
      const plural = /^(.*)_(one|other)$/.exec(key)
      if (plural) {
        expect(catalogues.en.has(`${plural[1] ?? ''}_one`), key).toBe(true)
        expect(catalogues.en.has(`${plural[1] ?? ''}_other`), key).toBe(true)
      }
    }
  })
})

// The app's own modules as text (generated GraphQL types and tests left out).
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../gql/**', '!../**/*.test.{ts,tsx}', '!../test/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

describe('the code', () => {
  // `tsc` already refuses unknown keys (src/i18n/i18next.d.ts); this also names the file.
  it('asks only for keys the catalogues have', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20)
    const unknown: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
        const key = match[1] ?? ''
        if (!catalogues.en.has(key) && !catalogues.en.has(`${key}_other`)) unknown.push(`${file}: ${key}`)
      }
    }
    expect(unknown).toEqual([])
  })
})
