/**
 * The frame every plot in this folder shares: axes with explicit domains (linear or log), a
 * physics-style theme (boxed frame, no grid, axis titles at the axis end as in ROOT), the
 * experiment label ("mumux simulation", luminosity) and a legend drawn inside the frame. The
 * default label names this program, not Belle II: "Belle II simulation" is the collaboration's label
 * for its own full simulation, and our events come from mumux's generators and fast simulation.
 * Plots of a user's own data pass their experiment name (`experiment`, `status`).
 *
 * A plot is marks plus data (architecture principle 6): each plot builder makes data layers whose
 * rows use the field names x, x2, y, y2 and hands them to {@link framePlot}, which adds the shared
 * x/y encodings and the annotation layers. Legend and label are drawn as pixel-positioned marks
 * rather than vega-lite legends so that fills, lines and data points can share one ROOT-like box.
 */
import { ConfigError } from "../core/errors.ts";
import type { VlSpec } from "./render.ts";

/** Experiment label drawn in the top-left corner, e.g. "mumux simulation", "∫L dt = 79.7 fb⁻¹". */
export interface ExperimentLabel {
  /** Bold part; default "mumux" (a user's data: their experiment, e.g. "Belle II"). */
  experiment?: string;
  /** Status after the experiment name; default "simulation" ("" for none, "preliminary", ...). */
  status?: string;
  /** Integrated luminosity in fb^-1 (printed as ∫L dt = ... fb⁻¹); omitted if undefined. */
  luminosityFb?: number;
  /** Free text for a further line, e.g. "e⁺e⁻ → μ⁺μ⁻ Z', Z' → invisible". */
  extra?: string;
}

/** One legend row: its symbol kind, colour and label. */
export interface LegendEntry {
  /** Text of the row. */
  label: string;
  /** "fill" (filled box), "line" (line segment, optionally dashed) or "marker" (data point with error bar). */
  kind: "fill" | "line" | "marker";
  /** Fill (box), stroke (line) or marker colour, any CSS colour. */
  color: string;
  /** Dash pattern in pixels for "line" entries, e.g. [6, 4]. */
  dash?: number[];
  /** Fill opacity for "fill" entries (default 1). */
  opacity?: number;
}

/** A corner of the plotting area. */
export type Corner = "top-right" | "top-left" | "bottom-right" | "bottom-left";

/** Options common to every plot. Titles should carry units, e.g. "M²_recoil [GeV²]". */
export interface FrameOptions {
  /** x-axis title with units. */
  xTitle: string;
  /** y-axis title with units. */
  yTitle: string;
  /** Log x axis (default false). */
  logX?: boolean;
  /** Log y axis (default depends on the plot). */
  logY?: boolean;
  /** x range; default from the data. Must be positive on a log axis. */
  xDomain?: [number, number];
  /** y range; default from the data. Must be positive on a log axis. */
  yDomain?: [number, number];
  /** Plotting-area size in pixels (default 600 x 420). */
  width?: number;
  /** Plotting-area height in pixels. */
  height?: number;
  /** Experiment label (default "mumux simulation"), or false for none. */
  label?: ExperimentLabel | false;
  /** Where the legend box goes (default "top-right"). */
  legendPosition?: Corner;
  /** Put the experiment label above the frame on one line instead of inside (default false). */
  labelAbove?: boolean;
  /** Extra room right of the frame in pixels (e.g. for a colour bar; default 24). */
  rightMargin?: number;
}

/**
 * Font list used everywhere: DejaVu Sans (has every glyph we use: σ, μ, ⁻, ², ∫) for resvg's PNGs,
 * common fallbacks for browsers showing the SVG.
 */
export const PLOT_FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Default plotting-area size in pixels. */
export const DEFAULT_SIZE = { width: 600, height: 420 } as const;

/**
 * Wrap data layers (fields x, x2, y, y2) into a complete vega-lite spec with the frame's axes,
 * theme, label and legend. `xDomain`/`yDomain` are the resolved ranges (options override them).
 *
 * @example framePlot([lineLayer], [{ label: "observed", kind: "line", color: "black" }], opts, [0, 10], [0.1, 100])
 */
export function framePlot(
  layers: VlSpec[],
  legend: readonly LegendEntry[],
  opts: FrameOptions,
  xDomain: [number, number],
  yDomain: [number, number],
): VlSpec {
  const width = opts.width ?? DEFAULT_SIZE.width;
  const height = opts.height ?? DEFAULT_SIZE.height;
  const xd = opts.xDomain ?? xDomain;
  const yd = opts.yDomain ?? yDomain;
  const x = positionalEncoding("x", opts.xTitle, opts.logX ?? false, xd);
  const y = positionalEncoding("y", opts.yTitle, opts.logY ?? false, yd);
  const annotations = [
    ...(opts.label === false ? [] : labelLayers(opts.label ?? {}, opts.labelAbove ?? false)),
    ...legendLayers(legend, opts.legendPosition ?? "top-right", width, height),
  ];
  // Fixed margins instead of vega's autosize: vega sizes text with a rough width estimate (no
  // canvas), which left wide blank strips next to long legend labels.
  const padding = { left: 84, right: opts.rightMargin ?? 24, top: opts.labelAbove ? 36 : 14, bottom: 56 };
  return {
    width,
    height,
    autosize: { type: "none" },
    background: "white",
    padding,
    config: THEME,
    layer: [{ encoding: { x, y }, layer: layers }, ...annotations],
  };
}

/** The theme: boxed frame, black axes, no grid, ROOT-style axis titles at the far end. */
const THEME = {
  font: PLOT_FONT,
  view: { stroke: "black", strokeWidth: 1 },
  axis: {
    grid: false,
    domainColor: "black",
    tickColor: "black",
    labelColor: "black",
    titleColor: "black",
    labelFontSize: 12,
    titleFontSize: 14,
    titleFontWeight: "normal",
    tickSize: 6,
    labelFlush: false,
  },
  axisX: { titleAnchor: "end", titleAlign: "right" },
  axisY: { titleAnchor: "end", titleAlign: "right" },
} as const;

/** Shared x or y encoding on field `name` with an explicit, non-nice domain. */
function positionalEncoding(name: "x" | "y", title: string, log: boolean, domain: [number, number]): VlSpec {
  const [lo, hi] = domain;
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo))
    throw new ConfigError(`plot ${name} range [${lo}, ${hi}] is empty or not finite`);
  if (log && !(lo > 0))
    throw new ConfigError(`plot ${name} range [${lo}, ${hi}] must be positive on a log axis`);
  const axis: VlSpec = { title };
  if (log) Object.assign(axis, logTicks(lo, hi));
  return {
    field: name,
    type: "quantitative",
    scale: log
      ? { type: "log", domain: [lo, hi], nice: false, clamp: true }
      : { type: "linear", domain: [lo, hi], nice: false, zero: false, clamp: true },
    axis,
  };
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

/** "10⁻³" for k = -3. */
function powerOfTenLabel(k: number): string {
  return `10${[...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
}

/**
 * Tick values and labels for a log axis on [lo, hi]: decades labelled (plain numbers from 0.01 to
 * 1000, 10ⁿ outside), unlabelled ticks at 2..9 x 10ⁿ when there are at most 6 decades, and labels
 * on 2, 3, 5 x 10ⁿ too when the range spans less than two decades (else too few labels).
 * The labels are a literal lookup (a vega expression), so they are exact and deterministic.
 */
export function logTicks(lo: number, hi: number): { values: number[]; labelExpr: string } {
  const k0 = Math.floor(Math.log10(lo));
  const k1 = Math.ceil(Math.log10(hi));
  const decades = Math.log10(hi / lo);
  const values: number[] = [];
  const labels: [number, string][] = [];
  for (let k = k0; k <= k1; k++) {
    const mults = decades <= 6 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : [1];
    for (const m of mults) {
      // Parse the decimal text so 3e-3 is the double nearest 0.003, not 3 * 10^-3 with rounding.
      const v = Number(`${m}e${k}`);
      if (v < lo * (1 - 1e-12) || v > hi * (1 + 1e-12)) continue;
      values.push(v);
      const labelled = m === 1 || (decades < 2 && (m === 2 || m === 3 || m === 5));
      if (labelled)
        labels.push([
          v,
          k >= -2 && k <= 3 ? String(v) : m === 1 ? powerOfTenLabel(k) : `${m}×${powerOfTenLabel(k)}`,
        ]);
    }
  }
  let expr = "''";
  for (let i = labels.length - 1; i >= 0; i--) {
    const [v, text] = labels[i]!;
    expr = `datum.value === ${v} ? '${text}' : ${expr}`;
  }
  return { values, labelExpr: expr };
}

/** A one-item layer holding a single mark placed in pixel coordinates. */
function pixelMark(mark: VlSpec): VlSpec {
  return { data: { values: [{}] }, mark, encoding: {} };
}

/** A one-item rule layer between two pixel positions (rules take their ends from encodings). */
function pixelRule(x: number, y: number, x2: number, y2: number, mark: VlSpec): VlSpec {
  return {
    data: { values: [{}] },
    mark: { type: "rule", ...mark },
    encoding: { x: { value: x }, y: { value: y }, x2: { value: x2 }, y2: { value: y2 } },
  };
}

/**
 * Rough text width in pixels for DejaVu Sans, for placing marks next to text and sizing the legend
 * box: narrow glyphs count 0.32 em, wide ones (m, w, M, W: 0.82-0.97 em in DejaVu Sans, 0.92-1.10
 * bold) 0.9 em (1.0 bold), the rest 0.62 em (0.7 em bold).
 */
function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const c of text)
    em += /[ilIjtf.,:;'|! ]/.test(c) ? 0.32 : /[mwMW]/.test(c) ? (bold ? 1.0 : 0.9) : bold ? 0.7 : 0.62;
  return em * fontSize;
}

/** The experiment label as pixel-positioned text marks in the top-left corner of the frame. */
function labelLayers(label: ExperimentLabel, above: boolean): VlSpec[] {
  const experiment = label.experiment ?? "mumux";
  const status = label.status ?? "simulation";
  const x0 = above ? 0 : 10;
  let y = above ? -14 : 18;
  const out: VlSpec[] = [
    pixelMark({
      type: "text",
      x: x0,
      y,
      text: experiment,
      fontSize: 16,
      fontWeight: "bold",
      align: "left",
      baseline: "middle",
    }),
  ];
  if (status)
    out.push(
      pixelMark({
        type: "text",
        x: x0 + textWidth(experiment, 16, true) + 9,
        y,
        text: status,
        fontSize: 15,
        fontStyle: "italic",
        align: "left",
        baseline: "middle",
      }),
    );
  const lines: string[] = [];
  if (label.luminosityFb !== undefined) lines.push(`∫L dt = ${formatLumi(label.luminosityFb)} fb⁻¹`);
  if (label.extra) lines.push(label.extra);
  if (above) {
    // One line: "mumux simulation   ∫L dt = 79.7 fb⁻¹   extra".
    const x1 = x0 + textWidth(experiment, 16, true) + 9 + (status ? textWidth(status, 15) + 18 : 0);
    if (lines.length > 0)
      out.push(
        pixelMark({
          type: "text",
          x: x1,
          y,
          text: lines.join("   "),
          fontSize: 13,
          align: "left",
          baseline: "middle",
        }),
      );
    return out;
  }
  for (const text of lines) {
    y += 20;
    out.push(pixelMark({ type: "text", x: x0, y, text, fontSize: 13, align: "left", baseline: "middle" }));
  }
  return out;
}

/** Luminosity with up to 3 significant digits, no trailing zeros (79.7, 0.276, 1000). */
function formatLumi(l: number): string {
  return String(Number(l.toPrecision(3)));
}

/** Legend rows drawn inside the frame at `corner`; empty list -> no layers. */
function legendLayers(
  entries: readonly LegendEntry[],
  corner: Corner,
  width: number,
  height: number,
): VlSpec[] {
  if (entries.length === 0) return [];
  const rowH = 20;
  const symW = 26;
  const fontSize = 12;
  const boxW = symW + 8 + Math.max(...entries.map((e) => textWidth(e.label, fontSize))) + 16;
  const boxH = entries.length * rowH + 8;
  const left = corner.endsWith("left");
  const top = corner.startsWith("top");
  // The label occupies the top-left corner: a top-left legend starts below it.
  const x0 = left ? 10 : width - boxW - 6;
  const y0 = top ? (left ? 70 : 6) : height - boxH - 6;
  const out: VlSpec[] = [
    pixelMark({
      type: "rect",
      x: x0,
      y: y0,
      x2: x0 + boxW,
      y2: y0 + boxH,
      fill: "white",
      fillOpacity: 0.85,
      stroke: null,
    }),
  ];
  entries.forEach((e, i) => {
    const yc = y0 + 4 + rowH * (i + 0.5);
    const sx = x0 + 6;
    if (e.kind === "fill") {
      out.push(
        pixelMark({
          type: "rect",
          x: sx,
          y: yc - 6,
          x2: sx + symW,
          y2: yc + 6,
          fill: e.color,
          fillOpacity: e.opacity ?? 1,
          stroke: "#333333",
          strokeWidth: 0.5,
        }),
      );
    } else if (e.kind === "line") {
      const m: VlSpec = { stroke: e.color, strokeWidth: 2 };
      if (e.dash) m.strokeDash = e.dash;
      out.push(pixelRule(sx, yc, sx + symW, yc, m));
    } else {
      out.push(pixelRule(sx + symW / 2, yc - 7, sx + symW / 2, yc + 7, { stroke: e.color }));
      out.push(
        pixelMark({
          type: "point",
          x: sx + symW / 2,
          y: yc,
          shape: "circle",
          size: 30,
          filled: true,
          color: e.color,
          opacity: 1,
        }),
      );
    }
    out.push(
      pixelMark({
        type: "text",
        x: sx + symW + 8,
        y: yc,
        text: e.label,
        fontSize,
        align: "left",
        baseline: "middle",
      }),
    );
  });
  return out;
}

/**
 * Data range [min, max] of finite values (positive only when `positive`), or `fallback` if none.
 */
export function dataRange(
  arrays: readonly ArrayLike<number>[],
  positive: boolean,
  fallback: [number, number],
): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const a of arrays)
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (!Number.isFinite(v) || (positive && !(v > 0))) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  return lo <= hi ? [lo, hi] : fallback;
}

/**
 * A y range with headroom for the label and legend: linear [min(0, lo), hi * (1 + head)],
 * log [lo / 2, hi * 10^(decades * head)], so the top 30% or so of the frame stays free. On a log
 * axis at most `maxDecades` (default 7) are shown below the maximum: far tails (a Gaussian signal
 * at 1e-300) would otherwise squash everything else.
 */
export function paddedRange(
  range: [number, number],
  log: boolean,
  head = 0.45,
  maxDecades = 7,
): [number, number] {
  const [lo, hi] = range;
  if (log) {
    const l = Math.max(lo / 2, hi * 10 ** -maxDecades);
    const decades = Math.max(Math.log10(hi / l), 1);
    return [l, hi * 10 ** (decades * head)];
  }
  const l = Math.min(0, lo);
  const span = hi - l || Math.abs(hi) || 1;
  return [l, hi + span * head];
}
