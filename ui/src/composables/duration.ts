/**
 * Durations as people read them: h:mm wherever time is shown ("1:30", "811:13"). Decimal hours
 * appear only on invoices, with their unit written out ("12,50 Std.").
 */

/** Minutes -> "1:30" (h:mm); 0 -> "" when `blankZero`. */
export function formatMinutes(minutes: number | null | undefined, blankZero = false): string {
  if (minutes === null || minutes === undefined) return ''
  if (minutes === 0 && blankZero) return ''
  const sign = minutes < 0 ? '-' : ''
  const abs = Math.abs(Math.round(minutes))
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`
}

/** A decimal hours string from the API ("120.00", a budget) -> minutes, for `formatMinutes`. */
export function hoursToMinutes(hours: string | null | undefined): number | null {
  if (hours === null || hours === undefined || hours === '') return null
  const n = Number(hours)
  return Number.isFinite(n) ? Math.round(n * 60) : null
}
