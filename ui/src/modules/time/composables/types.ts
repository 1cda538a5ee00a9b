/** Aliases of generated schema types used by the time module. */
import type { components } from '@/api/schema'

type S = components['schemas']
export type TimeEntry = S['TimeEntry']
export type TimeEntryUpdate = S['TimeEntryUpdate']
export type TimeEntryPage = S['TimeEntryPage']
export type Sums = S['Sums']
export type SummaryRow = S['SummaryRow']
export type Week = S['Week']
export type PendingWeek = S['PendingWeek']
export type PendingWeekSort = S['PendingWeekSort']
export type ProjectSummary = S['ProjectSummary']
export type EntryStatus = TimeEntry['status']
