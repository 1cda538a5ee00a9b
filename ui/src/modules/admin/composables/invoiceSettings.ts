/** Letterhead, bank and invoice defaults of the company settings: form state <-> API body. */
import type { CompanySettings, CompanySettingsUpdate } from '@/api/types'

export const LETTERHEAD_FIELDS = ['company_name', 'street', 'postcode', 'city', 'country', 'vat_id', 'tax_number', 'register_court', 'register_number', 'managing_directors', 'email', 'phone', 'website'] as const
export const BANK_FIELDS = ['bank_holder', 'iban', 'bic', 'bank_name'] as const
export const PATTERN_FIELDS = ['invoice_number_pattern', 'credit_note_number_pattern', 'quote_number_pattern'] as const
const TEXT_FIELDS = [...LETTERHEAD_FIELDS, ...BANK_FIELDS, 'invoice_intro_text', 'invoice_closing_text'] as const

type TextField = (typeof TEXT_FIELDS)[number]
type PatternField = (typeof PATTERN_FIELDS)[number]

export type InvoiceSettingsForm = Record<TextField | PatternField, string> & {
  small_business: boolean
  default_vat_rate: string
  skonto_percent: string
  skonto_days: number | null
  quote_validity_days: number | null
}

export function emptyInvoiceForm(): InvoiceSettingsForm {
  const text = Object.fromEntries([...TEXT_FIELDS, ...PATTERN_FIELDS].map((f) => [f, ''])) as Record<TextField | PatternField, string>
  return { ...text, country: 'DE', small_business: false, default_vat_rate: '19', skonto_percent: '', skonto_days: null, quote_validity_days: 30 }
}

/** "19.00" -> "19", "2.50" -> "2,5" (German input). */
function percentToInput(value: string | null, language: string): string {
  if (!value) return ''
  const n = value.replace(/\.?0+$/, '')
  return language === 'de' ? n.replace('.', ',') : n
}

export function invoiceFormFrom(s: CompanySettings, language: string): InvoiceSettingsForm {
  const form = emptyInvoiceForm()
  for (const f of TEXT_FIELDS) form[f] = (s[f] as string | null) ?? ''
  for (const f of PATTERN_FIELDS) form[f] = s[f]
  return {
    ...form,
    small_business: s.small_business,
    default_vat_rate: percentToInput(s.default_vat_rate, language),
    skonto_percent: percentToInput(s.skonto_percent, language),
    skonto_days: s.skonto_days,
    quote_validity_days: s.quote_validity_days,
  }
}

/** A local check's verdict in the API's words: an error code of `errors.field` and its params. */
export interface LocalError {
  field: string
  code: string
  params?: Record<string, string>
}

/** A percentage below 100 with at most two decimals ("19", "2,5 %"). */
function percent(input: string): { ok: true; value: string | null } | { ok: false; code: string; params?: Record<string, string> } {
  const v = input.trim().replace('%', '').trim().replace(',', '.')
  if (v === '') return { ok: true, value: null }
  if (/^-\d/.test(v)) return { ok: false, code: 'not_negative' }
  if (!/^\d+(\.\d+)?$/.test(v)) return { ok: false, code: 'invalid_decimal' }
  if (Number(v) >= 100) return { ok: false, code: 'less_than', params: { lt: '100' } }
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return { ok: false, code: 'decimal_max_places', params: { decimal_places: '2' } }
  return { ok: true, value: v }
}

export type InvoiceBody = { ok: true; body: CompanySettingsUpdate } | { ok: false; errors: LocalError[] }

export function bodyFromInvoiceForm(form: InvoiceSettingsForm): InvoiceBody {
  const vat = percent(form.default_vat_rate)
  const skonto = percent(form.skonto_percent)
  const errors: LocalError[] = []
  if (!vat.ok) errors.push({ field: 'default_vat_rate', code: vat.code, params: vat.params })
  else if (vat.value === null) errors.push({ field: 'default_vat_rate', code: 'required' })
  if (!skonto.ok) errors.push({ field: 'skonto_percent', code: skonto.code, params: skonto.params })
  if (errors.length || !vat.ok || !skonto.ok) return { ok: false, errors }
  const body: CompanySettingsUpdate = {
    small_business: form.small_business,
    default_vat_rate: vat.value,
    skonto_percent: skonto.value,
    skonto_days: skonto.value === null ? null : form.skonto_days,
    quote_validity_days: form.quote_validity_days,
  }
  for (const f of TEXT_FIELDS) body[f] = form[f].trim() || null
  body.country = form.country.trim().toUpperCase() || 'DE'
  body.iban = form.iban.replace(/\s+/g, '').toUpperCase() || null
  for (const f of PATTERN_FIELDS) body[f] = form[f].trim()
  return { ok: true, body }
}
