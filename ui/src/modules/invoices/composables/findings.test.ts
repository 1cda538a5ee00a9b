import { describe, expect, it } from 'vitest'
import { fieldRef, indexFindings, lineNumber } from './findings'

describe('fieldRef', () => {
  it('maps line paths to a 0-based index and field', () => {
    expect(fieldRef('lines[2].service_from')).toEqual({ line: 2, field: 'service_from' })
    expect(fieldRef('body.lines[0].unit_price')).toEqual({ line: 0, field: 'unit_price' })
    expect(fieldRef('lines[4]')).toEqual({ line: 4, field: null })
  })

  it('maps header fields and ignores XPath and empty paths', () => {
    expect(fieldRef('service_date')).toEqual({ line: null, field: 'service_date' })
    expect(fieldRef('body.buyer_reference')).toEqual({ line: null, field: 'buyer_reference' })
    expect(fieldRef('/CrossIndustryInvoice[1]/SupplyChainTradeTransaction[1]')).toEqual({ line: null, field: null })
    expect(fieldRef(null)).toEqual({ line: null, field: null })
  })

  it('gives 1-based line numbers for display', () => {
    expect(lineNumber('lines[2].quantity')).toBe(3)
    expect(lineNumber('service_date')).toBeNull()
  })
})

describe('indexFindings', () => {
  it('groups messages by header field and by line', () => {
    const index = indexFindings([
      { field: 'lines[0].service_from', message: 'Line 1 has no service period' },
      { field: 'lines[0].service_from', message: 'second' },
      { field: 'lines[1]', message: 'whole line' },
      { field: 'buyer_reference', message: 'Leitweg-ID missing' },
      { field: '/CrossIndustryInvoice[1]', message: 'schematron' },
      { field: null, message: 'general' },
    ])
    expect(index.lines[0]).toEqual({ service_from: ['Line 1 has no service period', 'second'] })
    expect(index.lines[1]).toEqual({ '': ['whole line'] })
    expect(index.header).toEqual({ buyer_reference: ['Leitweg-ID missing'] })
  })
})
