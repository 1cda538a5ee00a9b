/** Friendly aliases for generated schema types. Nothing here is written by hand. */
import type { components } from './schema'

type S = components['schemas']

export type Me = S['Me']
export type MeUpdate = S['MeUpdate']
export type Employee = S['Employee']
export type EmployeeSummary = S['EmployeeSummary']
export type EmployeeCreate = S['EmployeeCreate']
export type EmployeeUpdate = S['EmployeeUpdate']
export type EmployeeSort = S['EmployeeSort']
export type EmploymentType = Employee['employment_type']
export type Department = S['Department']
export type DepartmentCreate = S['DepartmentCreate']
export type DepartmentSort = S['DepartmentSort']
export type Role = S['Role']
export type RoleCreate = S['RoleCreate']
export type Permission = S['PermissionInfo']
export type ApiToken = S['ApiTokenRead']
export type ApiTokenCreated = S['ApiTokenCreated']
export type SearchHit = S['SearchHit']
export type Language = Me['language']
export type Theme = Me['theme']
