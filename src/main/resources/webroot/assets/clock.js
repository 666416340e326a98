/**
 * The page clock. Tests and screenshots fix it with `?now=2024-09-16T09:00:00`
 * in the address or by setting `window.TASKHOST_NOW` before the scripts run;
 * otherwise it is the browser's clock. A value without a zone is local time.
 */
function fixedNow() {
  const fromQuery = new URLSearchParams(window.location.search).get('now');
  const raw = fromQuery || window.TASKHOST_NOW;
  if (!raw) return null;
  const parsed = new Date(raw);
  if (Number.isNaN(parsed.getTime())) {
    console.warn(`Ignoring invalid clock value ${JSON.stringify(raw)}; expected e.g. 2024-09-16T09:00:00`);
    return null;
  }
  return parsed;
}

const fixed = fixedNow();

/** Returns the current time, or the fixed time when one is set. */
export function now() {
  return fixed ? new Date(fixed.getTime()) : new Date();
}

/** Returns true when the clock was fixed by the address or window.TASKHOST_NOW. */
export function isFixed() {
  return fixed !== null;
}

/** Formats a date as local `YYYY-MM-DD`, the form of a task's `due_date`. */
export function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Returns the whole days from `fromDay` to `toDay`, both `YYYY-MM-DD`. */
export function daysBetween(fromDay, toDay) {
  const toUtc = (day) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((toUtc(toDay) - toUtc(fromDay)) / 86_400_000);
}
