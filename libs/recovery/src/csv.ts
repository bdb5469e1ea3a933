/** One CSV field (RFC 4180), with spreadsheet formula injection defused for text cells. */
export function csvField(value: string | number | null | undefined, { text = false } = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A text cell starting with = + - @ (or tab/CR) would be run as a formula by spreadsheet software.
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (fields: string[]): string => `${fields.join(',')}\r\n`;
