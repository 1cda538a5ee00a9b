/** Aliases of generated schema types used by the projects module. */
import type { components } from '@/api/schema'

type S = components['schemas']
export type Project = S['Project']
export type ProjectSummary = S['ProjectSummary']
export type ProjectCreate = S['ProjectCreate']
export type ProjectUpdate = S['ProjectUpdate']
export type ProjectSort = S['ProjectSort']
export type ProjectStatus = Project['status']
export type ProjectStats = S['ProjectStats']
export type Member = S['Member']
export type CustomerSummary = S['CustomerSummary']
