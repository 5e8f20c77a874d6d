import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/** The stack under test; e2e/run.mjs always sets it. */
export const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '')

export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 390, height: 844 }

const ARTIFACTS = path.resolve(import.meta.dirname, '..', 'e2e-artifacts')

/** Debian's chromium package, never a downloaded browser. CHROMIUM_PATH overrides the lookup. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim()
  } catch {
    throw new Error('chromium is not installed: apt-get install -y chromium (never `playwright install`)')
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** `locale` is the browser's language, which the SPA starts in (English unless a test asks otherwise). */
export async function newSession(browser: Browser, viewport = DESKTOP, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale })
  const page = await context.newPage()
  return { context, page }
}

/** Saves e2e-artifacts/<name>-<width>.png (kept by CI as a test artifact). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const width = page.viewportSize()?.width ?? 0
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${String(width)}.png`), fullPage: true })
}

/** True when the page is wider than the window (a horizontal scrollbar at this width). */
export function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
}
