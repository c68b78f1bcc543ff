/**
 * Escape text for HTML element content and double- or single-quoted attribute values: `& < > " '`.
 * Every string a display helper puts into HTML goes through this.
 * @example escapeHtml(`<b class="x">&</b>`) // "&lt;b class=&quot;x&quot;&gt;&amp;&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
