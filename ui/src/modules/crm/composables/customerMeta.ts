/** Enumerations of the CRM and how they look. */
import type { ActivityType, CustomerKind, CustomerStatus, ProjectStatus } from '@/api/types'

export const STATUSES: CustomerStatus[] = ['lead', 'active', 'inactive', 'blocked']
export const KINDS: CustomerKind[] = ['business', 'private', 'authority']
export const LOGGABLE_TYPES: Exclude<ActivityType, 'event'>[] = ['call', 'email', 'meeting', 'note']

export const STATUS_CLASSES: Record<CustomerStatus, string> = {
  lead: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
  active: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
  inactive: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  blocked: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200',
}

/** Chart / bar colours per status, matching the badges. */
export const STATUS_BAR: Record<CustomerStatus, string> = {
  lead: 'bg-amber-400',
  active: 'bg-emerald-500',
  inactive: 'bg-slate-400',
  blocked: 'bg-red-500',
}

export const PROJECT_STATUS_CLASSES: Record<ProjectStatus, string> = {
  planned: 'bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200',
  active: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200',
  on_hold: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200',
  completed: 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
  cancelled: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200',
}

/** Stroke icons (24x24) per activity type. */
export const ACTIVITY_ICONS: Record<ActivityType, string> = {
  call: 'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z',
  email: 'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zM22 6l-10 7L2 6',
  meeting: 'M8 2v4M16 2v4M3 10h18M5 4h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
  note: 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6M16 13H8M16 17H8',
  event: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM12 8v4M12 16h.01',
}

export const ACTIVITY_ICON_CLASSES: Record<ActivityType, string> = {
  call: 'bg-emerald-100 text-emerald-700 dark:bg-emerald-900/60 dark:text-emerald-300',
  email: 'bg-sky-100 text-sky-700 dark:bg-sky-900/60 dark:text-sky-300',
  meeting: 'bg-violet-100 text-violet-700 dark:bg-violet-900/60 dark:text-violet-300',
  note: 'bg-amber-100 text-amber-700 dark:bg-amber-900/60 dark:text-amber-300',
  event: 'bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300',
}

/** "a, b ,, c" -> ["a", "b", "c"], without duplicates. */
export function parseTags(input: string): string[] {
  return [...new Set(input.split(',').map((s) => s.trim()).filter(Boolean))]
}
