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

/** builtin_key -> default description as created by the backend. */
export const BUILTIN_ROLE_DESCRIPTIONS: Record<string, string> = {
  admin: 'Full access, including system settings and roles.',
  management: 'Sees and manages everything in the business, not the system settings.',
  accounting: 'Invoices, payments, expenses and finance; reads projects and time.',
  project_lead: "Runs projects and customers, approves the team's time.",
  employee: 'Logs own time and works in own projects.',
}

/** The description of a role in the UI language while it is the built-in default, else as written. */
export function roleDescription(role: { description?: string | null; builtin_key?: string | null } | null | undefined, t: Translate): string {
  if (!role?.description) return ''
  const key = role.builtin_key
  return key && BUILTIN_ROLE_DESCRIPTIONS[key] === role.description ? t(`roles.builtinDescription.${key}`) : role.description
}
