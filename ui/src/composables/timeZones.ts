/** IANA time zones known to the browser, with a fallback for old engines. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] }
  const zones = intl.supportedValuesOf?.('timeZone') ?? []
  const list = zones.length ? [...zones] : ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/London', 'UTC']
  if (!list.includes('UTC')) list.push('UTC')
  return list
}
