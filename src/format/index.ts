/**
 * Reports of a diff: text for terminals, Markdown for pull requests, JSON for machines and one
 * self-contained HTML file, plus a Markdown data dictionary of one schema. Pure and browser-safe.
 *
 * @packageDocumentation
 */

export { formatHtml, type HtmlReportOptions } from './format-html.js'
export { formatJson, REPORT_FORMAT, type ReportDocument } from './format-json.js'
export { formatMarkdown } from './format-markdown.js'
export { formatSarif, type SarifInput, type SarifOptions, UNMODELLED_RULE } from './format-sarif.js'
export { formatSchemaMarkdown, type SchemaMarkdownOptions } from './format-schema-markdown.js'
export { formatText, type TextReportOptions } from './format-text.js'
export { reportJsonSchema } from './report-json-schema.js'
export type { ReportOptions, ReportSide, ReportUnmodelled } from './report-options.js'
export { type ReportSummary, type SummaryRow, summarizeReport } from './report-summary.js'
