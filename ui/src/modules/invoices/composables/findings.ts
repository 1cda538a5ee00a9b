/**
 * Findings and field errors name fields by path: "service_date", "lines[2].service_from",
 * "lines" or an XPath from the schematron. Map them to what the editor can highlight.
 */
import type { Finding } from './types'

export interface FieldRef {
  /** Index into invoice.lines (0-based, as the server counts), or null for the header. */
  line: number | null
  /** Field name within the header or line; null when the path names no editable field. */
  field: string | null
}

const LINE_PATH = /^(?:body\.)?lines\[(\d+)\](?:\.([a-z_]+))?$/
const HEADER_PATH = /^(?:body\.)?([a-z_]+)$/

export function fieldRef(path: string | null | undefined): FieldRef {
  if (!path) return { line: null, field: null }
  const line = LINE_PATH.exec(path)
  if (line) return { line: Number(line[1]), field: line[2] ?? null }
  const header = HEADER_PATH.exec(path)
  if (header) return { line: null, field: header[1] ?? null }
  return { line: null, field: null }
}

export interface FindingIndex {
  /** header field -> messages */
  header: Record<string, string[]>
  /** line index -> field -> messages ("" for the whole line) */
  lines: Record<number, Record<string, string[]>>
}

function push(map: Record<string, string[]>, key: string, message: string): void {
  ;(map[key] ??= []).push(message)
}

/** Groups findings by the field they point at, so rows and inputs can show their own messages. */
export function indexFindings(findings: Array<Pick<Finding, 'field' | 'message'>>): FindingIndex {
  const out: FindingIndex = { header: {}, lines: {} }
  for (const f of findings) {
    const ref = fieldRef(f.field)
    if (ref.line !== null) push((out.lines[ref.line] ??= {}), ref.field ?? '', f.message)
    else if (ref.field) push(out.header, ref.field, f.message)
  }
  return out
}

/** 1-based line number for the UI ("Position 3"), or null. */
export function lineNumber(path: string | null | undefined): number | null {
  const ref = fieldRef(path)
  return ref.line === null ? null : ref.line + 1
}
