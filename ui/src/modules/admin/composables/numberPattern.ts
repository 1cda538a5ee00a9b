/**
 * Live example of a number pattern, rendered the way the backend's numbering service does:
 * exactly one `{seq}` / `{seq:N}` (counter zero-padded to N digits) and optionally `{year}`.
 */
const SEQ = /\{seq(?::(\d{1,2}))?\}/g
const ALLOWED = /^[A-Za-z0-9\-_/.#{}: ]+$/

export type PatternProblem = 'characters' | 'seq_count' | 'unknown_placeholder' | 'seq_width'

export function patternProblem(pattern: string): PatternProblem | null {
  if (!ALLOWED.test(pattern)) return 'characters'
  const seqs = [...pattern.matchAll(SEQ)]
  if (seqs.length !== 1) return 'seq_count'
  const rest = pattern.replace(SEQ, '').replaceAll('{year}', '')
  if (rest.includes('{') || rest.includes('}')) return 'unknown_placeholder'
  const width = seqs[0]?.[1]
  if (width && (Number(width) < 1 || Number(width) > 12)) return 'seq_width'
  return null
}

/** "K-{seq:5}" -> "K-00001"; null when the pattern is not valid. */
export function renderNumberPattern(pattern: string, value = 1, year = new Date().getFullYear()): string | null {
  if (patternProblem(pattern)) return null
  return pattern
    .replaceAll('{year}', String(year).padStart(4, '0'))
    .replace(SEQ, (_m, width: string | undefined) => String(value).padStart(Number(width ?? 1), '0'))
}
