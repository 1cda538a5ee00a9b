/**
 * Money as decimal strings ("120.00"), the way the API sends and accepts it.
 * Amounts never pass through binary floats: Intl formats the string itself (ECMA-402 accepts
 * numeric strings exactly), and user input is normalised by string rules only.
 */

const FORMATTERS = new Map<string, Intl.NumberFormat>()

/** BCP 47 tag for an app language; amounts are euros in a German company either way. */
export function moneyLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'de-DE'
}

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`
  let f = FORMATTERS.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency })
    FORMATTERS.set(key, f)
  }
  return f
}

const DECIMAL = /^-?\d+(\.\d+)?$/

/** "1234.5" -> "1.234,50 €". Null, empty or malformed input gives `fallback`. */
export function formatMoney(value: string | null | undefined, locale = 'de-DE', fallback = '—', currency = 'EUR'): string {
  if (value === null || value === undefined) return fallback
  const v = value.trim()
  if (!DECIMAL.test(v)) return fallback
  return formatter(locale, currency).format(v as Intl.StringNumericLiteral)
}

/** API decimal -> what an input shows: "120.00" -> "120,00" in German, unchanged in English. */
export function moneyToInput(value: string | null | undefined, language = 'de'): string {
  if (!value) return ''
  return language === 'de' ? value.replace('.', ',') : value
}

export type MoneyParse = { ok: true; value: string | null } | { ok: false }

/**
 * What a person typed -> API decimal string with two places, or null for empty.
 * Accepts "120", "120,5", "120.50", "1.234,50", "1,234.50", "€ 95" and "95 €".
 * A lone dot followed by exactly three digits ("1.234") is read the German way, as thousands.
 */
export function parseMoneyInput(input: string | null | undefined): MoneyParse {
  let s = (input ?? '').replace(/[\s\u00a0€]|EUR/gi, '')
  if (s === '') return { ok: true, value: null }
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalSep = lastComma > lastDot ? ',' : '.'
    const groupSep = decimalSep === ',' ? '.' : ','
    s = s.split(groupSep).join('').replace(decimalSep, '.')
  } else if (lastComma >= 0) {
    s = /^\d{1,3}(,\d{3}){2,}$/.test(s) ? s.split(',').join('') : s.replace(',', '.')
  } else if (lastDot >= 0 && /^\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.split('.').join('')
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return { ok: false }
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '')
  const cents = (m[2] ?? '').padEnd(2, '0')
  return { ok: true, value: `${whole}.${cents}` }
}

/**
 * Why `parseMoneyInput` refused `input`, as an error text key under `errors.field.`: a negative
 * amount says so ("Darf nicht negativ sein."), anything else asks for an amount like 120,00.
 */
export function moneyInputError(input: string | null | undefined): 'not_negative' | 'invalid_amount' {
  const s = (input ?? '').trim()
  return s.startsWith('-') && parseMoneyInput(s.slice(1)).ok ? 'not_negative' : 'invalid_amount'
}
