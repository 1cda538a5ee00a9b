import { describe, expect, it } from 'vitest'
import { roleLabel } from './roleName'

const t = (key: string) => `T(${key})`

describe('roleLabel', () => {
  it('translates built-in roles by key', () => {
    expect(roleLabel({ name: 'Project lead', builtin_key: 'project_lead' }, t)).toBe('T(roles.builtin.project_lead)')
  })

  it('keeps a renamed built-in role and custom roles as named', () => {
    expect(roleLabel({ name: 'Chefs', builtin_key: 'management' }, t)).toBe('Chefs')
    expect(roleLabel({ name: 'Admin', builtin_key: null }, t)).toBe('Admin')
  })

  it('recognises default names on plain references', () => {
    expect(roleLabel({ name: 'Employee' }, t)).toBe('T(roles.builtin.employee)')
    expect(roleLabel({ name: 'Werkstudenten' }, t)).toBe('Werkstudenten')
    expect(roleLabel(null, t)).toBe('—')
  })
})
