/**
 * Tables for reports: a table is named columns of equal length (numbers or text), rendered to
 * Markdown and HTML with a few significant digits for reading, or to CSV with full precision for
 * machines. {@link cutFlowTable} builds the cut-flow table (yields and efficiencies per sample).
 * Every renderer validates first: unequal column lengths or NaN are rejected with an InputError
 * naming the table and the column.
 */
import { InputError } from "../core/errors.ts";
import { formatNumber, fullPrecision } from "./formatNumber.ts";

/** One column: a name, optional units, values (numbers or text), optional significant digits. */
export interface TableColumn {
  /** Column name, e.g. "mass_GeV" for CSV or "M_Z'" with unit "GeV" for reading. */
  name: string;
  /** Units, printed as "name [unit]" in headers ("" or undefined for none). */
  unit?: string;
  /** The cells, one per row. NaN is rejected; ±Infinity is allowed (e.g. no limit). */
  values: ArrayLike<number | string>;
  /** Significant digits in Markdown/HTML (default 3). */
  digits?: number;
}

/** A named table. */
export interface Table {
  /** Name used in error messages, captions and file names, e.g. "cutflow_mumu". */
  name: string;
  /** Optional caption (Markdown/HTML only). */
  caption?: string;
  /** Columns, left to right. */
  columns: readonly TableColumn[];
}

/**
 * Check a table and return its number of rows. InputError (naming table and column) if there are no
 * columns, lengths differ, or a cell is NaN / neither number nor string.
 */
export function validateTable(t: Table): number {
  const where = `table "${t.name}"`;
  if (t.columns.length === 0) throw new InputError("has no columns", where);
  const n = t.columns[0]!.values.length;
  for (const c of t.columns) {
    if (c.values.length !== n)
      throw new InputError(
        `column "${c.name}" has ${c.values.length} rows, column "${t.columns[0]!.name}" has ${n}`,
        where,
      );
    for (let i = 0; i < n; i++) {
      const v = c.values[i];
      if (typeof v === "string") continue;
      if (typeof v !== "number")
        throw new InputError(`column "${c.name}" row ${i} is not a number or text`, where);
      if (Number.isNaN(v)) throw new InputError(`column "${c.name}" row ${i} is NaN`, where);
    }
  }
  return n;
}

/** "name [unit]" or "name". */
function header(c: TableColumn): string {
  return c.unit ? `${c.name} [${c.unit}]` : c.name;
}

/** A column is numeric (right-aligned) if all its cells are numbers. */
function isNumeric(c: TableColumn): boolean {
  for (let i = 0; i < c.values.length; i++) if (typeof c.values[i] !== "number") return false;
  return true;
}

function cellText(c: TableColumn, i: number): string {
  const v = c.values[i]!;
  return typeof v === "number" ? formatNumber(v, c.digits ?? 3) : v;
}

/**
 * GitHub-flavoured Markdown table (numbers right-aligned, `|` escaped), caption as a bold line above.
 *
 * @example tableToMarkdown({ name: "t", columns: [{ name: "cut", values: ["all"] }, { name: "N", values: [1234.5] }] })
 */
export function tableToMarkdown(t: Table): string {
  const n = validateTable(t);
  const esc = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines: string[] = [];
  if (t.caption) lines.push(`**${esc(t.caption)}**`, "");
  lines.push(`| ${t.columns.map((c) => esc(header(c))).join(" | ")} |`);
  lines.push(`|${t.columns.map((c) => (isNumeric(c) ? " ---: " : " :--- ")).join("|")}|`);
  for (let i = 0; i < n; i++) lines.push(`| ${t.columns.map((c) => esc(cellText(c, i))).join(" | ")} |`);
  return `${lines.join("\n")}\n`;
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * An HTML `<table class="mumux-table">` with caption, header row and numeric cells marked
 * `class="num"` (right-aligned by the report's stylesheet). Full-precision values go into a
 * `title` attribute, so hovering shows every digit.
 */
export function tableToHtml(t: Table): string {
  const n = validateTable(t);
  const out: string[] = ['<table class="mumux-table">'];
  if (t.caption) out.push(`<caption>${escapeHtml(t.caption)}</caption>`);
  out.push(`<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(header(c))}</th>`).join("")}</tr></thead>`);
  out.push("<tbody>");
  for (let i = 0; i < n; i++) {
    const cells = t.columns.map((c) => {
      const v = c.values[i]!;
      if (typeof v === "number")
        return `<td class="num" title="${fullPrecision(v)}">${escapeHtml(cellText(c, i))}</td>`;
      return `<td>${escapeHtml(v)}</td>`;
    });
    out.push(`<tr>${cells.join("")}</tr>`);
  }
  out.push("</tbody>", "</table>");
  return `${out.join("\n")}\n`;
}

/** RFC 4180 quoting: fields with comma, quote or newline are quoted, quotes doubled. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV with a header row (names, plus " [unit]" when given), numbers at full precision
 * (shortest round-trip text, inf/-inf), "\n" line ends, no caption.
 *
 * @example tableToCsv(limitsTable) // "mass_GeV,sigma_ul_obs_fb\n0.1,0.31234567\n..."
 */
export function tableToCsv(t: Table): string {
  const n = validateTable(t);
  const lines = [t.columns.map((c) => csvField(header(c))).join(",")];
  for (let i = 0; i < n; i++)
    lines.push(
      t.columns
        .map((c) => {
          const v = c.values[i]!;
          return csvField(typeof v === "number" ? fullPrecision(v) : v);
        })
        .join(","),
    );
  return `${lines.join("\n")}\n`;
}

/** Yields of one sample after each cut (same order as the cut names). */
export interface CutFlowSample {
  /** Sample name, e.g. "μμ(γ)". */
  name: string;
  /** Expected events (sum of weights) after each cut, cumulative; first entry is usually "generated". */
  yields: ArrayLike<number>;
}

/** Options of {@link cutFlowTable}. */
export interface CutFlowOptions {
  /** Table name (default "cutflow"). */
  name?: string;
  /** Caption, e.g. "Cut flow at 79.7 fb⁻¹". */
  caption?: string;
  /**
   * Efficiency columns per sample: "cumulative" (yield / first yield, default), "relative"
   * (yield / previous yield) or "none". In percent.
   */
  efficiency?: "cumulative" | "relative" | "none";
}

/**
 * Cut-flow table: one row per cut; per sample a yield column and (by default) a cumulative
 * efficiency column in percent. A zero denominator gives an efficiency of 0 (nothing to keep),
 * not NaN. InputError if a sample has a different number of yields than there are cuts.
 *
 * @example cutFlowTable(["generated", "2 muons", "photon veto"], [{ name: "μμ(γ)", yields: [1e6, 2e5, 1e4] }])
 */
export function cutFlowTable(
  cuts: readonly string[],
  samples: readonly CutFlowSample[],
  opts: CutFlowOptions = {},
): Table {
  const name = opts.name ?? "cutflow";
  const mode = opts.efficiency ?? "cumulative";
  const columns: TableColumn[] = [{ name: "Cut", values: cuts }];
  for (const s of samples) {
    if (s.yields.length !== cuts.length)
      throw new InputError(
        `sample "${s.name}" has ${s.yields.length} yields for ${cuts.length} cuts`,
        `table "${name}"`,
      );
    const y = Array.from(s.yields);
    columns.push({ name: s.name, values: y });
    if (mode === "none") continue;
    const eff = y.map((v, i) => {
      const d = mode === "cumulative" ? y[0]! : i === 0 ? v : y[i - 1]!;
      return d > 0 ? (100 * v) / d : 0;
    });
    columns.push({ name: `${s.name} eff.`, unit: "%", values: eff });
  }
  const t: Table = { name, columns };
  if (opts.caption) t.caption = opts.caption;
  return t;
}
