/**
 * Weekly availability, in the peer's own time zone: windows such as
 * `{ day: 1, from: '18:00', to: '21:30' }` (day 0 = Sunday … 6 = Saturday,
 * `to` may be `24:00`; a window never crosses midnight, so an overnight slot is
 * two windows). Pure functions: no clock and no I/O of their own.
 */
export interface AvailabilityWindow {
  day: number;
  from: string;
  to: string;
}

export const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minute of the week (0 = Sunday 00:00) at `now` in the time zone `tz`. */
export function localMinuteOfWeek(tz: string, now: Date): number {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(tz, f);
  }
  let day = 0;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(now)) {
    if (p.type === 'weekday') day = WEEKDAYS[p.value] ?? 0;
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return day * 1440 + hour * 60 + minute;
}

/** Whether a minute of the week falls inside one of the windows. */
export function isWithin(windows: readonly AvailabilityWindow[], minuteOfWeek: number): boolean {
  return windows.some((w) => {
    const start = w.day * 1440 + minutesOf(w.from);
    const end = w.day * 1440 + minutesOf(w.to);
    return minuteOfWeek >= start && minuteOfWeek < end;
  });
}

/** Minutes from `minuteOfWeek` until the next window opens (0 when inside one; null without windows). */
export function minutesUntilAvailable(windows: readonly AvailabilityWindow[], minuteOfWeek: number): number | null {
  if (!windows.length) return null;
  if (isWithin(windows, minuteOfWeek)) return 0;
  const WEEK = 7 * 1440;
  let best = Infinity;
  for (const w of windows) {
    const start = w.day * 1440 + minutesOf(w.from);
    const delta = (start - minuteOfWeek + WEEK) % WEEK;
    if (delta < best) best = delta;
  }
  return best;
}

/** The windows as a PostgreSQL int4multirange literal of local minutes of the week, e.g. `{[2520,2700)}`. */
export function toMinuteRanges(windows: readonly AvailabilityWindow[]): string {
  const ranges = windows.map((w) => `[${w.day * 1440 + minutesOf(w.from)},${w.day * 1440 + minutesOf(w.to)})`);
  return `{${ranges.join(',')}}`;
}
