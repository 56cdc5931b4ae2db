// The inline stylesheet and script of the HTML report. Kept as constants (no build step, no external
// files) so the report stays one self-contained file that also works offline and from file://.

/**
 * The report's stylesheet (light and dark). @internal
 *
 * @example
 * ```ts
 * `<style>${REPORT_CSS}</style>`
 * ```
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --added: #1a7f37; --added-bg: #dafbe1; --removed: #cf222e; --removed-bg: #ffebe9; --changed: #9a6700; --changed-bg: #fff8c5;
  --renamed: #0969da; --renamed-bg: #ddf4ff; --info: #0969da; --info-bg: #ddf4ff; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
  --added: #3fb950; --added-bg: #12261e; --removed: #f85149; --removed-bg: #25171c; --changed: #d29922; --changed-bg: #272115;
  --renamed: #4493f8; --renamed-bg: #121d2f; --info: #4493f8; --info-bg: #121d2f; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
nav a { color: var(--renamed); margin-right: 14px; text-decoration: none; } nav a:hover { text-decoration: underline; }
.summary { color: var(--muted); margin: 0 0 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 0 0 12px; list-style: none; }
.counts li { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
.n-added { color: var(--added); } .n-removed { color: var(--removed); } .n-changed { color: var(--changed); } .n-renamed { color: var(--renamed); }
.badge { display: inline-block; min-width: 64px; text-align: center; border-radius: 999px; padding: 0 8px; font-size: 11px;
  font-weight: 600; text-transform: uppercase; letter-spacing: .03em; border: 1px solid currentColor; }
.badge.danger { color: var(--removed); background: var(--removed-bg); } .badge.warning { color: var(--changed); background: var(--changed-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.suppressed { color: var(--muted); background: transparent; border: 1px dashed currentColor; }
.finding[data-suppressed] { opacity: 0.75; } p.suppressed { font-style: italic; }
.filters { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; background: var(--panel); border: 1px solid var(--line);
  border-radius: 6px; padding: 10px 12px; margin-bottom: 12px; }
.filters input[type=search] { flex: 1 1 240px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--fg); }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 12px; }
.filters output { color: var(--muted); margin-left: auto; }
#change-list { list-style: none; padding: 0; margin: 0; }
#change-list > li { border: 1px solid var(--line); border-left-width: 4px; border-radius: 6px; padding: 6px 10px; margin-bottom: 6px; }
#change-list > li[hidden] { display: none; }
.s-added { border-left-color: var(--added) !important; } .s-removed { border-left-color: var(--removed) !important; }
.s-changed { border-left-color: var(--changed) !important; } .s-renamed { border-left-color: var(--renamed) !important; }
.mark { display: inline-block; width: 1.4em; text-align: center; font-weight: 700; border-radius: 4px; margin-right: 6px; }
.m-added { color: var(--added); background: var(--added-bg); } .m-removed { color: var(--removed); background: var(--removed-bg); }
.m-changed { color: var(--changed); background: var(--changed-bg); } .m-renamed { color: var(--renamed); background: var(--renamed-bg); }
.where { color: var(--muted); margin-right: 6px; }
.details, .inline-findings { list-style: none; margin: 4px 0 0 2em; padding: 0; color: var(--muted); }
.details .hint { font-style: italic; }
.inline-findings li { color: var(--fg); margin-top: 2px; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin-bottom: 10px; }
.finding h3 { font-size: 14px; margin: 0 0 6px; font-weight: 600; } .finding p { margin: 4px 0; }
.finding .path { color: var(--muted); }
.code { position: relative; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 12px; overflow: auto; margin: 6px 0; }
button.copy { position: absolute; top: 6px; right: 6px; font: inherit; font-size: 12px; padding: 3px 10px; border-radius: 6px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); cursor: pointer; }
.tree { overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #ffffff; }
.tree svg { display: block; }
details summary { cursor: pointer; margin: 8px 0; }
.empty { color: var(--muted); }
table.unmodelled { border-collapse: collapse; width: 100%; } table.unmodelled th, table.unmodelled td { text-align: left;
  vertical-align: top; border-bottom: 1px solid var(--line); padding: 4px 8px; } table.unmodelled th { color: var(--muted); font-weight: 600; }
footer { color: var(--muted); font-size: 12px; margin-top: 40px; }
`

/**
 * The report's script: the change filter and the copy buttons. Nothing is fetched. @internal
 *
 * @example
 * ```ts
 * `<script>${REPORT_JS}</script>`
 * ```
 */
export const REPORT_JS = `
(() => {
  const text = document.getElementById('filter-text');
  const onlyFindings = document.getElementById('filter-findings');
  const boxes = Array.from(document.querySelectorAll('input[name="status"]'));
  const rows = Array.from(document.querySelectorAll('#change-list > li'));
  const count = document.getElementById('filter-count');
  const none = document.getElementById('no-match');
  function apply() {
    const words = text ? text.value.toLowerCase().split(/\\s+/).filter(Boolean) : [];
    const statuses = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    let shown = 0;
    for (const row of rows) {
      const ok = statuses.has(row.dataset.status)
        && (!onlyFindings || !onlyFindings.checked || row.dataset.findings !== '0')
        && words.every((w) => row.dataset.search.includes(w));
      row.hidden = !ok;
      if (ok) shown++;
    }
    if (count) count.textContent = shown + ' of ' + rows.length + ' shown';
    if (none) none.hidden = shown > 0;
  }
  if (text) text.addEventListener('input', apply);
  if (onlyFindings) onlyFindings.addEventListener('change', apply);
  for (const b of boxes) b.addEventListener('change', apply);
  function fallbackCopy(value) {
    const area = document.createElement('textarea');
    area.value = value;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    area.remove();
  }
  for (const button of document.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', () => {
      const source = document.getElementById(button.dataset.copy);
      const value = source ? source.textContent : '';
      const done = () => {
        button.textContent = 'Copied';
        setTimeout(() => { button.textContent = 'Copy'; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(value).then(done, () => { fallbackCopy(value); done(); });
      } else {
        fallbackCopy(value);
        done();
      }
    });
  }
  apply();
})();
`
