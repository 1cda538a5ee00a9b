import { describe, expect, it } from 'vitest'
import { documentQuery, emptyFilters, isFiltered } from './documentQuery'

describe('documentQuery', () => {
  it('sorts a search by relevance unless a column was chosen', () => {
    expect(documentQuery('vertrag', '-created_at', emptyFilters()).sort).toBe('relevance')
    expect(documentQuery('vertrag', 'title', emptyFilters()).sort).toBe('title')
    expect(documentQuery('', '-created_at', emptyFilters()).sort).toBe('-created_at')
  })

  it('sends only the filters that are set', () => {
    const f = { ...emptyFilters(), tag: ['Miete'], linked_type: 'customer' as const, date_from: '2026-01-01', confidential: true }
    expect(documentQuery('', undefined, f)).toEqual({
      q: undefined, sort: undefined, category_id: undefined, tag: ['Miete'], linked_type: ['customer'],
      date_from: '2026-01-01', date_to: undefined, confidential: true,
    })
    expect(isFiltered('', emptyFilters())).toBe(false)
    expect(isFiltered('', f)).toBe(true)
  })
})
