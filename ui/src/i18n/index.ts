import { createI18n } from 'vue-i18n'
import de from './de.json'
import en from './en.json'

export type Locale = 'de' | 'en'
export const LOCALES: Locale[] = ['de', 'en']
const STORAGE_KEY = 'workmate.locale'

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null
  if (stored === 'de' || stored === 'en') return stored
  return 'de'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'de',
  messages: { de, en },
  datetimeFormats: {
    de: { short: { year: 'numeric', month: '2-digit', day: '2-digit' }, long: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' } },
    en: { short: { year: 'numeric', month: 'short', day: 'numeric' }, long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } },
  },
  missingWarn: false,
  fallbackWarn: false,
})

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  document.documentElement.lang = locale
  localStorage.setItem(STORAGE_KEY, locale)
}

/** Modules bring their own message files; merged under their namespace. */
export function mergeModuleMessages(messages: Record<Locale, Record<string, unknown>>): void {
  for (const locale of LOCALES) i18n.global.mergeLocaleMessage(locale, messages[locale])
}
