import { describe, expect, it } from 'vitest'
import { customerQuery, emptyFilters, exportFileName } from './customerQuery'

describe('customerQuery', () => {
  it('leaves out empty filters', () => {
    expect(customerQuery('', 'name', emptyFilters())).toEqual({ q: undefined, sort: 'name', status: undefined, kind: undefined, tag: undefined, archived: false })
  })

  it('passes multi-value filters as arrays', () => {
    const f = { status: ['lead' as const], kind: ['authority' as const, 'business' as const], tag: ['Wartung'], archived: true }
    expect(customerQuery('Anna', '-city', f)).toMatchObject({ q: 'Anna', sort: '-city', status: ['lead'], kind: ['authority', 'business'], tag: ['Wartung'], archived: true })
  })
})

describe('exportFileName', () => {
  it('takes the server name or builds a dated one', () => {
    expect(exportFileName('attachment; filename="customers-2026-11-23.csv"')).toBe('customers-2026-11-23.csv')
    expect(exportFileName("attachment; filename*=UTF-8''kunden%20neu.csv")).toBe('kunden neu.csv')
    expect(exportFileName(null, new Date(2026, 0, 5))).toBe('kunden-2026-01-05.csv')
  })
})
