/** HTML for people from templates that are ordinary files: the Linked Data record page, the development sign-in pages. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Fills a template: `{{name}}` is text and escaped, `{{{name}}}` is markup the caller built (from escaped parts)
 * and goes in as it is; a name without a value leaves nothing.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_m, raw: string | undefined, text: string | undefined) =>
    raw ? (values[raw] ?? '') : escapeHtml(values[text!] ?? ''));
}
