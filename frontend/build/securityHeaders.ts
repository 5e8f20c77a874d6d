import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The site's security headers, defined once in security-headers.json (see its description). */
export interface SecurityHeadersFile {
  description: string
  headers: Record<string, string>
  keepOriginValue: string[]
}

export function loadSecurityHeaders(): SecurityHeadersFile {
  return JSON.parse(readFileSync(path.resolve(import.meta.dirname, '..', 'security-headers.json'), 'utf8')) as SecurityHeadersFile
}
