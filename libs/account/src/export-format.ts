/*
 * Pure formatting for the personal-data export: JSON (one row per line) and a
 * readable HTML page. Both are produced a chunk at a time.
 */

export const EXPORT_FORMAT = 'hearth-export/1';

/** JSON of a row; bigint and Buffer values become strings. */
export function rowJson(row: unknown): string {
  return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A cell: text as written, dates in ISO form, lists and objects as JSON; always escaped. */
export function cellHtml(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return escapeHtml(v.toISOString());
  if (typeof v === 'object') return escapeHtml(rowJson(v));
  return escapeHtml(String(v));
}

/** `recoveryCheckIns` → `Recovery check ins`. */
export function sectionTitle(section: string): string {
  const words = section.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function htmlHead(username: string, exportedAt: string, sections: string[]): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Hearth: everything held about ${escapeHtml(username)}</title>` +
    `<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}table{border-collapse:collapse;margin:0 0 2rem;font-size:.9rem}` +
    `th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap;word-break:break-word}th{background:#f3f3f3}</style>` +
    `</head><body><h1>Everything Hearth holds about ${escapeHtml(username)}</h1>` +
    `<p>Exported at ${escapeHtml(exportedAt)}. The same data is available as JSON.</p>` +
    `<nav><ul>${sections.map((s) => `<li><a href="#${escapeHtml(s)}">${escapeHtml(sectionTitle(s))}</a></li>`).join('')}</ul></nav>\n`
  );
}

export const htmlSectionStart = (section: string) => `<section><h2 id="${escapeHtml(section)}">${escapeHtml(sectionTitle(section))}</h2>\n`;

export function htmlTableHead(row: Record<string, unknown>): string {
  return `<table><thead><tr>${Object.keys(row).map((k) => `<th>${escapeHtml(k)}</th>`).join('')}</tr></thead><tbody>\n`;
}

export function htmlRow(columns: string[], row: Record<string, unknown>): string {
  return `<tr>${columns.map((k) => `<td>${cellHtml(row[k])}</td>`).join('')}</tr>\n`;
}

export const htmlSectionEnd = (rows: number) => (rows ? `</tbody></table><p>${rows} ${rows === 1 ? 'entry' : 'entries'}</p></section>\n` : `<p>Nothing held.</p></section>\n`);

export const htmlFoot = () => `</body></html>\n`;
