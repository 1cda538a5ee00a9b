/**
 * Built-in roles come from the API with English default names ("Project lead"). Show them in the
 * UI language, unless an administrator has renamed the role: then the chosen name wins.
 */

/** builtin_key -> default name as created by the backend (auth/permissions.py DEFAULT_ROLES). */
export const BUILTIN_ROLE_NAMES: Record<string, string> = {
  admin: 'Admin',
  management: 'Management',
  accounting: 'Accounting',
  project_lead: 'Project lead',
  employee: 'Employee',
}

type Translate = (key: string) => string

interface RoleLike {
  name: string
  builtin_key?: string | null
}

function builtinKey(role: RoleLike): string | null {
  if (role.builtin_key !== undefined) {
    // full Role: trust the key, but only while the default name is unchanged
    return role.builtin_key && BUILTIN_ROLE_NAMES[role.builtin_key] === role.name ? role.builtin_key : null
  }
  // references ({id, name}) carry no key: recognise the default names
  return Object.keys(BUILTIN_ROLE_NAMES).find((k) => BUILTIN_ROLE_NAMES[k] === role.name) ?? null
}

export function roleLabel(role: RoleLike | null | undefined, t: Translate): string {
  if (!role) return '—'
  const key = builtinKey(role)
  return key ? t(`roles.builtin.${key}`) : role.name
}
