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

function percent(input: string): { ok: boolean; value: string | null } {
  const v = input.trim().replace('%', '').trim().replace(',', '.')
  if (v === '') return { ok: true, value: null }
  return /^\d{1,2}(\.\d{1,2})?$/.test(v) ? { ok: true, value: v } : { ok: false, value: null }
}

export type InvoiceBody = { ok: true; body: CompanySettingsUpdate } | { ok: false; errors: string[] }

export function bodyFromInvoiceForm(form: InvoiceSettingsForm): InvoiceBody {
  const vat = percent(form.default_vat_rate)
  const skonto = percent(form.skonto_percent)
  const errors = [...(vat.ok && vat.value !== null ? [] : ['default_vat_rate']), ...(skonto.ok ? [] : ['skonto_percent'])]
  if (errors.length) return { ok: false, errors }
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
