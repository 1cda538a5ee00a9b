import { describe, expect, it } from 'vitest'
import { familyName, letterOpening } from './salutation'

const t = (key: string, values?: Record<string, unknown>) => `${key}(${values?.name ?? ''})`

describe('letterOpening', () => {
  it('opens like the invoice PDF does', () => {
    expect(letterOpening({ name: 'Anna Weber', salutation: 'ms', title: 'Dr.' }, t)).toBe('records.openings.ms(Dr. Weber)')
    expect(letterOpening({ name: 'Jan van der Berg', salutation: 'mr', title: null }, t)).toBe('records.openings.mr(van der Berg)')
    expect(letterOpening({ name: 'Alex Weber', salutation: null, title: null }, t)).toBe('records.openings.byName(Alex Weber)')
    expect(letterOpening({ name: '', salutation: 'ms', title: null }, t)).toBe('records.openings.neutral()')
    expect(familyName('Hans-Peter Müller')).toBe('Müller')
  })
})
