/** Pure helpers for time entry: hour input parsing, durations, ISO week date math (local calendar dates). */

export { formatMinutes } from '@/composables/duration'

/**
 * What a person typed into a grid cell -> minutes, null for empty, or undefined when unreadable.
 * Accepts "1,5" / "1.5" (decimal hours), "1:30" (h:mm), "90m", "2h", "1h30", "1h 30m".
 */
export function parseHours(input: string | null | undefined): number | null | undefined {
  const s = (input ?? '').trim().toLowerCase().replace(/\s+/g, '')
  if (s === '') return null
  let m = /^(\d{1,3}):([0-5]\d)$/.exec(s)
  if (m) return Number(m[1]) * 60 + Number(m[2])
  m = /^(\d{1,4})(?:m|min)$/.exec(s)
  if (m) return Number(m[1])
  m = /^(\d{1,3})h(?:(\d{1,2})(?:m|min)?)?$/.exec(s)
  if (m) {
    const mins = Number(m[2] ?? '0')
    return mins < 60 ? Number(m[1]) * 60 + mins : undefined
  }
  m = /^(\d{0,3})(?:[.,](\d{1,2}))?$/.exec(s)
  if (m && (m[1] || m[2])) {
    const whole = Number(m[1] || '0')
    const frac = m[2] ?? ''
    // fraction of an hour without floats: "5" -> 50/100, "25" -> 25/100
    const hundredths = frac === '' ? 0 : Number(frac.padEnd(2, '0'))
    return whole * 60 + Math.round((hundredths * 60) / 100)
  }
  return undefined
}

/** Elapsed milliseconds -> "h:mm:ss". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
}

/** Local calendar date -> "YYYY-MM-DD". */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** "YYYY-MM-DD" -> local Date at noon (noon avoids DST edge surprises). */
export function parseIsoDate(s: string): Date {
  const [y, m, d] = s.split('-').map(Number)
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)
}

export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso)
  d.setDate(d.getDate() + days)
  return isoDate(d)
}

/** Monday of the ISO week containing `iso` (or a Date). */
export function mondayOf(value: string | Date): string {
  const d = typeof value === 'string' ? parseIsoDate(value) : new Date(value.getFullYear(), value.getMonth(), value.getDate(), 12)
  const weekday = (d.getDay() + 6) % 7 // Monday = 0
  d.setDate(d.getDate() - weekday)
  return isoDate(d)
}

/** The seven dates Monday..Sunday of the week starting `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

/** ISO week number of a date. */
export function isoWeekNumber(iso: string): number {
  const d = parseIsoDate(iso)
  const thursday = new Date(d)
  thursday.setDate(d.getDate() - ((d.getDay() + 6) % 7) + 3)
  const firstThursday = new Date(thursday.getFullYear(), 0, 4, 12)
  firstThursday.setDate(firstThursday.getDate() - ((firstThursday.getDay() + 6) % 7) + 3)
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86400000))
}
