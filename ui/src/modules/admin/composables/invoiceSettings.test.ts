import { describe, expect, it } from 'vitest'
import type { CompanySettings } from '@/api/types'
import { bodyFromInvoiceForm, emptyInvoiceForm, invoiceFormFrom } from './invoiceSettings'

describe('invoice settings form', () => {
  it('reads percentages for German input', () => {
    const s = { ...emptyInvoiceForm(), invoice_number_pattern: 'RE-{year}-{seq:5}', credit_note_number_pattern: 'GS', quote_number_pattern: 'AN', default_vat_rate: '19.00', skonto_percent: '2.50', skonto_days: 10, small_business: false, quote_validity_days: 30, company_name: 'ACME GmbH' } as unknown as CompanySettings
    const form = invoiceFormFrom(s, 'de')
    expect(form.default_vat_rate).toBe('19')
    expect(form.skonto_percent).toBe('2,5')
    expect(form.company_name).toBe('ACME GmbH')
    expect(form.street).toBe('')
  })

  it('builds the body: empty text -> null, IBAN compacted, Skonto days only with a percentage', () => {
    const form = { ...emptyInvoiceForm(), company_name: ' ACME GmbH ', iban: 'de89 3704 0044 0532 0130 00', skonto_percent: '', skonto_days: 10, invoice_number_pattern: 'RE-{seq:4}' }
    const r = bodyFromInvoiceForm(form)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.body.company_name).toBe('ACME GmbH')
    expect(r.body.street).toBeNull()
    expect(r.body.iban).toBe('DE89370400440532013000')
    expect(r.body.skonto_percent).toBeNull()
    expect(r.body.skonto_days).toBeNull()
    expect(r.body.default_vat_rate).toBe('19')
  })

  it('rejects malformed percentages', () => {
    expect(bodyFromInvoiceForm({ ...emptyInvoiceForm(), default_vat_rate: 'abc', skonto_percent: '2,555' })).toEqual({
      ok: false,
      errors: [
        { field: 'default_vat_rate', code: 'invalid_decimal', params: undefined },
        { field: 'skonto_percent', code: 'decimal_max_places', params: { decimal_places: '2' } },
      ],
    })
    // said the way a user understands it: a Skonto of 150 % must be below 100, -2 % not negative
    expect(bodyFromInvoiceForm({ ...emptyInvoiceForm(), skonto_percent: '150' })).toEqual({ ok: false, errors: [{ field: 'skonto_percent', code: 'less_than', params: { lt: '100' } }] })
    expect(bodyFromInvoiceForm({ ...emptyInvoiceForm(), skonto_percent: '-2' })).toEqual({ ok: false, errors: [{ field: 'skonto_percent', code: 'not_negative', params: undefined }] })
  })
})
