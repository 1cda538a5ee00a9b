/** Friendly aliases for generated schema types. Nothing here is written by hand. */
import type { components } from './schema'

type S = components['schemas']

export type Me = S['Me']
export type MeUpdate = S['MeUpdate']
export type Employee = S['EmployeeOut']
export type EmployeeCreate = S['EmployeeCreate']
export type EmployeeUpdate = S['EmployeeUpdate']
export type EmploymentType = Employee['employment_type']
export type Department = S['DepartmentOut']
export type DepartmentCreate = S['DepartmentCreate']
export type Role = S['RoleOut']
export type RoleCreate = S['RoleCreate']
export type Permission = S['PermissionOut']
export type ApiToken = S['TokenOut']
export type ApiTokenCreated = S['TokenCreated']
export type SearchHit = S['SearchHit']
export type Language = Me['language']
export type Theme = Me['theme']
