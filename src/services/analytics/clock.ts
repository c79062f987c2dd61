/**
 * The analytics clock: what "today" is for events, rollups and the open day. Tests move it across
 * a day boundary; everything else reads the real time.
 */
let override: (() => Date) | null = null

export const now = () => (override ? override() : new Date())

export function setClock(clock: (() => Date) | null) {
  override = clock
}

/** `YYYY-MM-DD` of an instant, in UTC (analytics days are UTC days). */
export const dayOf = (at: Date | string) => new Date(at).toISOString().slice(0, 10)

/** The instant a UTC day starts. */
export const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`)

export const addDays = (day: string, days: number) =>
  dayOf(new Date(startOfDay(day).getTime() + days * 86_400_000))
