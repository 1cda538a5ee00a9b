import { describe, expect, it } from 'vitest'
import { formatMoney, moneyToInput, parseMoneyInput } from './money'

const nbsp = (s: string) => s.replace(/\u00a0/g, ' ')

describe('formatMoney', () => {
  it('formats decimal strings in German euros', () => {
    expect(nbsp(formatMoney('120.00'))).toBe('120,00 €')
    expect(nbsp(formatMoney('1234.5'))).toBe('1.234,50 €')
    expect(nbsp(formatMoney('0'))).toBe('0,00 €')
  })

  it('keeps precision a float would lose', () => {
    expect(nbsp(formatMoney('90071992547409.93'))).toBe('90.071.992.547.409,93 €')
  })

  it('uses the fallback for empty or malformed values', () => {
    expect(formatMoney(null)).toBe('—')
    expect(formatMoney('')).toBe('—')
    expect(formatMoney('abc', 'de-DE', '')).toBe('')
  })

  it('formats English with the euro sign first', () => {
    expect(formatMoney('95.5', 'en-GB')).toBe('€95.50')
  })
})

describe('parseMoneyInput', () => {
  it.each([
    ['120', '120.00'],
    ['120,5', '120.50'],
    ['120.50', '120.50'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1.234', '1234.00'],
    ['€ 95', '95.00'],
    ['95 €', '95.00'],
    ['007,10', '7.10'],
  ])('%s -> %s', (input, expected) => {
    expect(parseMoneyInput(input)).toEqual({ ok: true, value: expected })
  })

  it('returns null for empty input', () => {
    expect(parseMoneyInput('  ')).toEqual({ ok: true, value: null })
    expect(parseMoneyInput(null)).toEqual({ ok: true, value: null })
  })

  it.each(['abc', '1,2,3', '12.345,678', '-5', '1.5.5'])('rejects %s', (input) => {
    expect(parseMoneyInput(input)).toEqual({ ok: false })
  })
})

describe('moneyToInput', () => {
  it('shows a German decimal comma', () => {
    expect(moneyToInput('120.00')).toBe('120,00')
    expect(moneyToInput('120.00', 'en')).toBe('120.00')
    expect(moneyToInput(null)).toBe('')
  })
})
