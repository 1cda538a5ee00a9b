import { describe, expect, it } from 'vitest'
import { bodyFromForm, emptyForm, percentWidth } from './projectForm'

describe('bodyFromForm', () => {
  it('requires title and customer and validates amounts', () => {
    const r = bodyFromForm({ ...emptyForm(), hourly_rate: 'abc' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual({ hourly_rate: { code: 'invalid_amount' }, title: { code: 'required' }, customer_id: { code: 'required' } })
  })
  it('says a negative amount must not be negative and an end before the start is wrong', () => {
    const r = bodyFromForm({ ...emptyForm(), title: 'X', customer_id: 'c1', budget_amount: '-5', start_date: '2026-05-01', end_date: '2026-04-30' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors).toEqual({ budget_amount: { code: 'not_negative' }, end_date: { code: 'date_before_start', params: { start: '2026-05-01' } } })
  })
  it('builds decimal strings from German input', () => {
    const r = bodyFromForm({ ...emptyForm(), title: ' Neu ', customer_id: 'c1', hourly_rate: '95,5', budget_hours: '120', budget_amount: '1.234,50' })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.body.title).toBe('Neu')
      expect(r.body.hourly_rate).toBe('95.50')
      expect(r.body.budget_hours).toBe('120.00')
      expect(r.body.budget_amount).toBe('1234.50')
      expect(r.body.start_date).toBeNull()
    }
  })
})

describe('percentWidth', () => {
  it('clamps to 0..100', () => {
    expect(percentWidth('42.5')).toBe(42.5)
    expect(percentWidth('140.00')).toBe(100)
    expect(percentWidth(null)).toBe(0)
  })
})
