/**
 * Decimal strings for quantities, prices and percentages, as the API sends them ("27.2500").
 * Like money.ts, values never pass through floats on their way to the server.
 */

/** "27.2500" -> "27,25" (German) / "27.25"; keeps at least `minPlaces` decimals. */
export function decimalToInput(value: string | null | undefined, language = 'de', minPlaces = 0): string {
  if (value === null || value === undefined || value === '') return ''
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(value.trim())
  if (!m) return value
  let frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length < minPlaces) frac = frac.padEnd(minPlaces, '0')
  const s = frac ? `${m[1]}.${frac}` : (m[1] ?? '')
  return language === 'de' ? s.replace('.', ',') : s
}

export type DecimalParse = { ok: true; value: string | null } | { ok: false }

/**
 * What a person typed -> API decimal string, or null for empty. Accepts a comma or dot as the
 * decimal separator and German thousands dots ("1.234,5"). `maxPlaces` limits the decimals.
 */
export function parseDecimalInput(input: string | null | undefined, maxPlaces = 4, allowNegative = false): DecimalParse {
  let s = (input ?? '').replace(/[\s\u00a0%€]/g, '')
  if (s === '') return { ok: true, value: null }
  let sign = ''
  if (s.startsWith('-')) {
    if (!allowNegative) return { ok: false }
    sign = '-'
    s = s.slice(1)
  }
  const lastComma = s.lastIndexOf(',')
  const lastDot = s.lastIndexOf('.')
  if (lastComma >= 0 && lastDot >= 0) {
    const decimalSep = lastComma > lastDot ? ',' : '.'
    s = s.split(decimalSep === ',' ? '.' : ',').join('').replace(decimalSep, '.')
  } else if (lastComma >= 0) {
    s = s.replace(',', '.')
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s)
  if (!m || (m[2] ?? '').length > maxPlaces) return { ok: false }
  const whole = (m[1] ?? '0').replace(/^0+(?=\d)/, '')
  return { ok: true, value: m[2] ? `${sign}${whole}.${m[2]}` : `${sign}${whole}` }
}

/** Local calendar date as YYYY-MM-DD (not UTC: 00:30 in Berlin is still "today"). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Why `parseDecimalInput` refused `input` (an error text key under `errors.field.`). */
export function decimalInputError(input: string | null | undefined, maxPlaces = 4): 'not_negative' | 'invalid_decimal' {
  const s = (input ?? '').trim()
  return s.startsWith('-') && parseDecimalInput(s.slice(1), maxPlaces).ok ? 'not_negative' : 'invalid_decimal'
}
