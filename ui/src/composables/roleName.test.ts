import { describe, expect, it } from 'vitest'
import { roleDescription, roleLabel } from './roleName'

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

describe('roleDescription', () => {
  it('translates the default description of a built-in role, keeps an edited one', () => {
    expect(roleDescription({ description: 'Logs own time and works in own projects.', builtin_key: 'employee' }, t)).toBe('T(roles.builtinDescription.employee)')
    expect(roleDescription({ description: 'Unsere Leute', builtin_key: 'employee' }, t)).toBe('Unsere Leute')
    expect(roleDescription({ description: null, builtin_key: 'admin' }, t)).toBe('')
  })
})
