/** Project form state <-> API bodies. Money and hours stay decimal strings. */
import { moneyInputError, moneyToInput, parseMoneyInput } from '@/composables/money'
import type { Project, ProjectStatus } from './types'

export const STATUSES: ProjectStatus[] = ['planned', 'active', 'on_hold', 'completed', 'cancelled']
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export const BILLING_TYPES = ['time_and_materials', 'fixed_price'] as const

export const STATUS_CLASSES: Record<ProjectStatus, string> = {
  planned: 'bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200',
  active: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
  on_hold: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
  completed: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  cancelled: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200',
}

export interface ProjectFormState {
  title: string
  customer_id: string | null
  customer_label: string
  lead_id: string | undefined
  priority: (typeof PRIORITIES)[number]
  billing_type: (typeof BILLING_TYPES)[number]
  start_date: string
  end_date: string
  deadline: string
  hourly_rate: string
  budget_hours: string
  budget_amount: string
  description: string
}

export function emptyForm(): ProjectFormState {
  return {
    title: '',
    customer_id: null,
    customer_label: '',
    lead_id: undefined,
    priority: 'normal',
    billing_type: 'time_and_materials',
    start_date: '',
    end_date: '',
    deadline: '',
    hourly_rate: '',
    budget_hours: '',
    budget_amount: '',
    description: '',
  }
}

export function formFromProject(p: Project, language: string): ProjectFormState {
  return {
    title: p.title,
    customer_id: p.customer_id,
    customer_label: p.customer.name,
    lead_id: p.lead_id ?? undefined,
    priority: p.priority as ProjectFormState['priority'],
    billing_type: p.billing_type as ProjectFormState['billing_type'],
    start_date: p.start_date ?? '',
    end_date: p.end_date ?? '',
    deadline: p.deadline ?? '',
    hourly_rate: moneyToInput(p.hourly_rate, language),
    budget_hours: moneyToInput(p.budget_hours, language),
    budget_amount: moneyToInput(p.budget_amount, language),
    description: p.description ?? '',
  }
}

export type BodyResult =
  | { ok: true; body: { title: string; customer_id: string; lead_id: string | null; priority: ProjectFormState['priority']; billing_type: ProjectFormState['billing_type']; start_date: string | null; end_date: string | null; deadline: string | null; hourly_rate?: string | null; budget_hours: string | null; budget_amount?: string | null; description: string | null } }
  | { ok: false; errors: Record<string, { code: 'invalid_amount' | 'not_negative' | 'required' | 'date_before_start'; params?: Record<string, string> }> }

/**
 * Validates decimal fields locally (string rules only) and builds the shared body of create/update.
 * Without `financials` (projects.financials) rate and budget amount are left out: they are not
 * shown, and sending them empty would clear them.
 */
export function bodyFromForm(f: ProjectFormState, { financials = true }: { financials?: boolean } = {}): BodyResult {
  const errors: Extract<BodyResult, { ok: false }>['errors'] = {}
  const decimals: Record<string, string | null> = {}
  for (const k of financials ? (['hourly_rate', 'budget_hours', 'budget_amount'] as const) : (['budget_hours'] as const)) {
    const r = parseMoneyInput(f[k])
    if (r.ok) decimals[k] = r.value
    else errors[k] = { code: moneyInputError(f[k]) }
  }
  if (!f.title.trim()) errors.title = { code: 'required' }
  if (!f.customer_id) errors.customer_id = { code: 'required' }
  // The server checks it too (422 date_before_start); saying it before sending is friendlier.
  for (const k of ['end_date', 'deadline'] as const) {
    if (f.start_date && f[k] && f[k] < f.start_date) errors[k] = { code: 'date_before_start', params: { start: f.start_date } }
  }
  if (Object.keys(errors).length) return { ok: false, errors }
  return {
    ok: true,
    body: {
      title: f.title.trim(),
      customer_id: f.customer_id as string,
      lead_id: f.lead_id ?? null,
      priority: f.priority,
      billing_type: f.billing_type,
      start_date: f.start_date || null,
      end_date: f.end_date || null,
      deadline: f.deadline || null,
      budget_hours: decimals.budget_hours ?? null,
      description: f.description.trim() || null,
      ...(financials ? { hourly_rate: decimals.hourly_rate ?? null, budget_amount: decimals.budget_amount ?? null } : {}),
    },
  }
}

/** "42.50" percent string -> bar width 0..100 (string math, no money involved). */
export function percentWidth(percent: string | null | undefined): number {
  if (!percent) return 0
  const n = Number.parseFloat(percent)
  return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : 0
}
