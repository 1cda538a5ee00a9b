/**
 * Quantities as the documents print them: one rule per unit (the backend's
 * invoices.pdf.i18n.QUANTITY_PLACES), more decimals only where the value has them (up to 4).
 */
const PLACES: Record<string, number> = { HUR: 2, DAY: 2, MON: 2, KMT: 1, H87: 0, LS: 0 }

export function formatQuantity(value: string, unit: string, locale: string): string {
  const n = Number(value)
  if (!Number.isFinite(n)) return value
  const decimals = (value.split('.')[1] ?? '').replace(/0+$/, '').length
  const min = PLACES[unit] ?? 0
  return new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: Math.max(min, Math.min(decimals, 4)) }).format(
    value as Intl.StringNumericLiteral,
  )
}
