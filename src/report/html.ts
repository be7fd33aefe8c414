/**
 * The self-contained HTML report: one file with inline SVG figures, tables, a block of key numbers
 * and the provenance of the run. No external URLs (no fonts, scripts or styles from the network:
 * the report must open offline and archive as one file).
 */
import { InputError } from "../core/errors.ts";
import { formatNumber } from "./formatNumber.ts";
import { escapeHtml, type Table, tableToHtml } from "./tables.ts";
import { writeFileAtomic } from "./writeFileAtomic.ts";

/** A figure: the SVG text (from renderSvg) and a caption. */
export interface ReportFigure {
  /** SVG document text, inlined. */
  svg: string;
  /** Caption under the figure. */
  caption?: string;
  /** Relative path of a PNG/SVG file next to the report, linked as "PNG" under the figure. */
  link?: string;
}

/** One section: a title, paragraphs, figures and tables, in that order. */
export interface ReportSection {
  /** Section title (also the anchor in the table of contents). */
  title: string;
  /** Paragraphs of plain text (escaped; blank lines not needed). */
  paragraphs?: readonly string[];
  figures?: readonly ReportFigure[];
  tables?: readonly Table[];
}

/** One key number of the summary block. */
export interface SummaryItem {
  /** What it is, e.g. "Minimum σ × B upper limit (observed)". */
  label: string;
  /** The number (formatted with `digits` significant digits) or text. */
  value: number | string;
  /** Units, e.g. "fb". */
  unit?: string;
  /** Significant digits for numbers (default 3). */
  digits?: number;
}

/** The whole report. */
export interface HtmlReport {
  /** Page and heading title. */
  title: string;
  /** A line under the title, e.g. the analysis and luminosity. */
  subtitle?: string;
  /** Key numbers shown first. */
  summary?: readonly SummaryItem[];
  sections: readonly ReportSection[];
  /**
   * Provenance as key -> value, e.g. { "mumux version": "0.1.0", seed: 1, "config hash": "sha256:..." }.
   * Passed in (never read from the clock or environment here) so the same inputs give the same bytes.
   */
  provenance: Readonly<Record<string, string | number>>;
}

const STYLE = `body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:2em auto;max-width:1100px;color:#111;line-height:1.4}
h1{margin-bottom:0.2em}h2{border-bottom:1px solid #ccc;padding-bottom:0.2em;margin-top:2em}
.subtitle{color:#555;margin-top:0}
.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:0.6em;margin:1em 0}
.summary div{border:1px solid #ddd;border-radius:4px;padding:0.5em 0.8em;background:#fafafa}
.summary .v{font-size:1.3em;font-weight:bold}.summary .l{color:#555;font-size:0.9em}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{color:#333;font-size:0.95em}
table.mumux-table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
table.mumux-table caption{text-align:left;font-weight:bold;margin-bottom:0.3em}
table.mumux-table th,table.mumux-table td{border:1px solid #ccc;padding:0.2em 0.6em}
table.mumux-table th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.provenance td{padding:0.1em 1em 0.1em 0;font-family:"DejaVu Sans Mono",monospace;font-size:0.9em}
nav ol{columns:2}`;

/** Anchor id of a section: "s1-upper-limits" (index keeps it unique, text keeps it readable). */
function anchor(i: number, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `s${i + 1}${slug ? `-${slug}` : ""}`;
}

/**
 * Prepare an SVG for inlining into HTML: drop an XML declaration and the namespace attributes (the
 * HTML parser puts <svg> in the SVG namespace itself; dropping them keeps the page free of URL
 * strings). InputError if it is not an SVG or refers to anything outside the document.
 */
function inlineSvg(svg: string, where: string): string {
  let s = svg.replace(/^<\?xml[^>]*>\s*/, "").trim();
  if (!s.startsWith("<svg")) throw new InputError("figure is not an SVG document", where);
  s = s.replace(/\s+xmlns(:\w+)?="[^"]*"/g, "");
  if (/(?:href|src)\s*=\s*"(?!#)/.test(s) || /url\((?!#)/.test(s))
    throw new InputError("figure refers to an external resource; the report must be self-contained", where);
  return s;
}

/**
 * The report as one HTML5 document (string). Deterministic: same input, same bytes.
 *
 * @example renderHtmlReport({ title: "Invisible Z'", sections: [{ title: "Limits", figures: [{ svg }] }], provenance: { seed: 1 } })
 */
export function renderHtmlReport(r: HtmlReport): string {
  const out: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(r.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    `<h1>${escapeHtml(r.title)}</h1>`,
  ];
  if (r.subtitle) out.push(`<p class="subtitle">${escapeHtml(r.subtitle)}</p>`);
  if (r.summary?.length) {
    out.push('<section class="summary" aria-label="Key numbers">');
    for (const s of r.summary) {
      const v = typeof s.value === "number" ? formatNumber(s.value, s.digits ?? 3) : s.value;
      const unit = s.unit ? ` ${escapeHtml(s.unit)}` : "";
      out.push(
        `<div><div class="v">${escapeHtml(v)}${unit}</div><div class="l">${escapeHtml(s.label)}</div></div>`,
      );
    }
    out.push("</section>");
  }
  if (r.sections.length > 1) {
    out.push("<nav><ol>");
    r.sections.forEach((s, i) => {
      out.push(`<li><a href="#${anchor(i, s.title)}">${escapeHtml(s.title)}</a></li>`);
    });
    out.push("</ol></nav>");
  }
  r.sections.forEach((s, i) => {
    out.push(`<section id="${anchor(i, s.title)}">`, `<h2>${escapeHtml(s.title)}</h2>`);
    for (const p of s.paragraphs ?? []) out.push(`<p>${escapeHtml(p)}</p>`);
    (s.figures ?? []).forEach((f, k) => {
      out.push("<figure>", inlineSvg(f.svg, `section "${s.title}" figure ${k + 1}`));
      const parts: string[] = [];
      if (f.caption) parts.push(escapeHtml(f.caption));
      if (f.link) {
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(f.link))
          throw new InputError(
            `link "${f.link}" is not a relative path`,
            `section "${s.title}" figure ${k + 1}`,
          );
        parts.push(`<a href="${escapeHtml(f.link)}">file</a>`);
      }
      if (parts.length) out.push(`<figcaption>${parts.join(" ")}</figcaption>`);
      out.push("</figure>");
    });
    for (const t of s.tables ?? []) out.push(tableToHtml(t).trimEnd());
    out.push("</section>");
  });
  out.push('<section id="provenance">', "<h2>Provenance</h2>", '<table class="provenance">');
  for (const [k, v] of Object.entries(r.provenance))
    out.push(`<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(String(v))}</td></tr>`);
  out.push("</table>", "</section>", "</body>", "</html>");
  return `${out.join("\n")}\n`;
}

/**
 * Render and write the report atomically to `path` (e.g. "mumux-out/invisible/report.html").
 *
 * @example writeHtmlReport("mumux-out/report.html", report)
 */
export function writeHtmlReport(path: string, r: HtmlReport): void {
  writeFileAtomic(path, renderHtmlReport(r));
}
