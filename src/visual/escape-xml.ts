/**
 * Text for XML and HTML element content and attribute values (SVG, Graphviz HTML-like labels, the
 * HTML report): `& < > " '` as entities. @internal
 *
 * @example
 * ```ts
 * escapeXml(`a < "b" & 'c'`) // 'a &lt; &quot;b&quot; &amp; &#39;c&#39;'
 * ```
 */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
