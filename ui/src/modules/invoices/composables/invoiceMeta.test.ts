import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import de from '../i18n/de.json'
import { documentLabel, statusBadge, vatKey, vatLabel, VAT_OPTIONS } from './invoiceMeta'

const i18n = createI18n({ legacy: false, locale: 'de', messages: { de } })
const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

const doc = (over: Partial<Parameters<typeof statusBadge>[0]> = {}) => ({ kind: 'invoice' as const, status: 'finalized' as const, overdue: false, days_overdue: 0, ...over })

describe('statusBadge', () => {
  it('translates statuses', () => {
    expect(statusBadge(doc({ status: 'partially_paid' }), t).label).toBe('Teilweise bezahlt')
    expect(statusBadge(doc({ status: 'paid' }), t).label).toBe('Bezahlt')
    expect(statusBadge(doc({ status: 'cancelled' }), t).label).toBe('Storniert')
  })

  it('shows overdue invoices in red with the days', () => {
    const b = statusBadge(doc({ status: 'sent', overdue: true, days_overdue: 5 }), t)
    expect(b.key).toBe('overdue')
    expect(b.label).toBe('Überfällig seit 5 Tagen')
    expect(b.classes).toContain('bg-red-600')
    expect(statusBadge(doc({ overdue: true, days_overdue: 1 }), t).label).toBe('Überfällig seit 1 Tag')
  })

  it('never marks quotes, paid or cancelled documents overdue', () => {
    expect(statusBadge(doc({ kind: 'quote', overdue: true, days_overdue: 3 }), t).key).toBe('finalized')
    expect(statusBadge(doc({ kind: 'quote' }), t).label).toBe('Erstellt')
    expect(statusBadge(doc({ status: 'paid', overdue: true, days_overdue: 3 }), t).key).toBe('paid')
  })
})

describe('VAT options', () => {
  it('matches server rates to picker values', () => {
    expect(vatKey('standard', '19.00')).toBe('standard:19')
    expect(vatKey('standard', '7.00')).toBe('standard:7')
    expect(vatKey('reverse_charge', '0.00')).toBe('reverse_charge:0')
    for (const o of VAT_OPTIONS) expect(vatKey(o.category, o.rate)).toBe(o.value)
  })

  it('labels rates and categories', () => {
    expect(vatLabel('standard', '19.00', t)).toBe('19 % USt.')
    expect(vatLabel('small_business', '0', t)).toBe('0 % Kleinunternehmer (§ 19 UStG)')
  })
})

describe('documentLabel', () => {
  it('uses the number or names the draft', () => {
    expect(documentLabel({ kind: 'invoice', number: 'RE-2026-00001' }, t)).toBe('RE-2026-00001')
    expect(documentLabel({ kind: 'quote', number: null }, t)).toBe('Angebotsentwurf')
  })
})
