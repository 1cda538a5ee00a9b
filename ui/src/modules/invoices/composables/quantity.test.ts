import { describe, expect, it } from 'vitest'
import { formatQuantity } from './quantity'

describe('formatQuantity', () => {
  it('shows each unit with its own decimals, like the PDF', () => {
    expect(formatQuantity('12.5000', 'HUR', 'de-DE')).toBe('12,50')
    expect(formatQuantity('1.0000', 'HUR', 'de-DE')).toBe('1,00')
    expect(formatQuantity('1.1250', 'HUR', 'de-DE')).toBe('1,125')
    expect(formatQuantity('3.0000', 'H87', 'de-DE')).toBe('3')
    expect(formatQuantity('-12.5000', 'HUR', 'en-GB')).toBe('-12.50')
  })
})
