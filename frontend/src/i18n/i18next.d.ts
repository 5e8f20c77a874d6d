import 'i18next'
import type en from './en.json'

// Typed keys: asking `t` for a key that en.json lacks, or leaving out a variable its text needs, fails `tsc`.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
    strictKeyChecks: true
  }
}
