import { describe, expect, it } from 'vitest'
import { emptyFilters, hasFilters, invoiceQuery } from './invoiceQuery'

describe('invoiceQuery', () => {
  it('leaves out empty filters', () => {
    expect(invoiceQuery('', undefined, emptyFilters())).toEqual({})
    expect(hasFilters('', emptyFilters())).toBe(false)
  })

  it('passes every set filter', () => {
    const f = { ...emptyFilters(), kind: ['invoice' as const], status: ['overdue' as const, 'open' as const], customer_id: 'c1', customer_label: 'ACME', issue_from: '2026-01-01', due_to: '2026-12-31', amount_min: '100.00' }
    expect(invoiceQuery('RE-2026', '-due_date', f)).toEqual({
      q: 'RE-2026',
      sort: '-due_date',
      kind: ['invoice'],
      status: ['overdue', 'open'],
      customer_id: 'c1',
      issue_from: '2026-01-01',
      due_to: '2026-12-31',
      amount_min: '100.00',
    })
    expect(hasFilters('', f)).toBe(true)
  })

  it('copies arrays so later filter edits do not change a sent query', () => {
    const f = emptyFilters()
    f.status = ['paid']
    const q = invoiceQuery('', undefined, f)
    f.status.push('draft')
    expect(q.status).toEqual(['paid'])
  })
})
