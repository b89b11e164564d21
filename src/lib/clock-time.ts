// The wall-clock time a widget's log stamps on each entry, in its own module so a widget that needs only this does not
// load another widget's words with it.

/** Hours, minutes, seconds and milliseconds: 09:05:07.042. The same in every language the site speaks. */
export function clockTime(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
