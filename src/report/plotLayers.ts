/**
 * Small mark builders shared by the plot kinds: each turns plain arrays into one vega-lite layer
 * whose rows use the fields x, x2, y, y2 expected by {@link framePlot}. Values that a log axis cannot
 * show (zero, negative) are clamped to the axis floor or dropped, never passed to vega as NaN.
 */
import type { VlSpec } from "./render.ts";

/** Line style: colour, width in pixels, optional dash pattern. */
export interface LineStyle {
  /** CSS colour. */
  color: string;
  /** Stroke width in pixels (default 2). */
  width?: number;
  /** Dash pattern in pixels, e.g. [6, 4] for dashed, [2, 3] for dotted. */
  dash?: number[];
}

/** Rows {x, y} of the finite pairs (and y > 0 when `positiveY`, x > 0 when `positiveX`). */
export function xyRows(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  positiveY = false,
  positiveX = false,
): { x: number; y: number }[] {
  const n = Math.min(x.length, y.length);
  const rows: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    if ((positiveY && !(yi > 0)) || (positiveX && !(xi > 0))) continue;
    rows.push({ x: xi, y: yi });
  }
  return rows;
}

/**
 * A polyline layer through `rows` in the given order (`sort: null` keeps it: a ROC curve or a
 * step outline is not a function sorted by x). Rows with a `run` field are drawn as separate
 * polylines, one per run.
 */
export function lineLayer(
  rows: { x: number; y: number; run?: number }[],
  style: LineStyle,
  interpolate = "linear",
): VlSpec {
  const mark: VlSpec = { type: "line", stroke: style.color, strokeWidth: style.width ?? 2, interpolate };
  if (style.dash) mark.strokeDash = style.dash;
  const runs = rows.some((r) => r.run !== undefined);
  const encoding: VlSpec = { order: { field: "i", type: "quantitative" } };
  if (runs) encoding.detail = { field: "run", type: "nominal" };
  return {
    data: {
      values: rows.map((r, i) => (runs ? { x: r.x, y: r.y, run: r.run, i } : { x: r.x, y: r.y, i })),
    },
    mark,
    encoding,
  };
}

/** Rows for a histogram outline drawn with interpolate "step-after": (edge_i, v_i) then (edge_n, v_n-1). */
export function stepRows(
  edges: ArrayLike<number>,
  values: ArrayLike<number>,
  floor = Number.NEGATIVE_INFINITY,
): { x: number; y: number }[] {
  const n = values.length;
  const rows: { x: number; y: number }[] = [];
  for (let i = 0; i < n; i++) rows.push({ x: edges[i]!, y: Math.max(values[i]!, floor) });
  if (n > 0) rows.push({ x: edges[n]!, y: Math.max(values[n - 1]!, floor) });
  return rows;
}

/**
 * A histogram outline (interpolate "step-after") drawn only over the runs of consecutive bins with
 * values at or above `floor`, each run closed by vertical edges down to the floor; bins below it
 * are left empty. One {@link lineLayer}, one polyline per run.
 */
export function stepRunsLayer(
  edges: ArrayLike<number>,
  values: ArrayLike<number>,
  floor: number,
  style: LineStyle,
): VlSpec {
  const rows: { x: number; y: number; run: number }[] = [];
  const n = values.length;
  let run = 0;
  for (let a = 0; a < n; ) {
    if (!(values[a]! >= floor)) {
      a++;
      continue;
    }
    let b = a;
    while (b < n && values[b]! >= floor) b++;
    rows.push({ x: edges[a]!, y: floor, run });
    for (let k = a; k < b; k++) rows.push({ x: edges[k]!, y: values[k]!, run });
    rows.push({ x: edges[b]!, y: values[b - 1]!, run });
    rows.push({ x: edges[b]!, y: floor, run });
    run++;
    a = b;
  }
  return lineLayer(rows, style, "step-after");
}

/**
 * A filled band between lo(x) and hi(x): rows {x, y: lo, y2: hi}; non-finite points (and x <= 0
 * when `positiveX`, for a log x axis) are skipped, and values below `floor` (the bottom of a log y
 * axis) are raised to it. A skipped point is bridged, not left as a gap.
 */
export function bandLayer(
  x: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  color: string,
  opacity = 1,
  floor = Number.NEGATIVE_INFINITY,
  positiveX = false,
): VlSpec {
  const rows: { x: number; y: number; y2: number }[] = [];
  const n = Math.min(x.length, lo.length, hi.length);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const a = lo[i]!;
    const b = hi[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (positiveX && !(xi > 0)) continue;
    rows.push({ x: xi, y: Math.max(a, floor), y2: Math.max(b, floor) });
  }
  return {
    data: { values: rows },
    mark: { type: "area", fill: color, fillOpacity: opacity, stroke: null, orient: "vertical" },
    encoding: { y2: { field: "y2" } },
  };
}

/** Horizontal reference lines at the given y values (e.g. 3σ), thin and dotted by default. */
export function hruleLayer(ys: readonly number[], style: LineStyle): VlSpec {
  const mark: VlSpec = { type: "rule", stroke: style.color, strokeWidth: style.width ?? 1 };
  if (style.dash) mark.strokeDash = style.dash;
  return {
    data: { values: ys.map((y) => ({ y })) },
    mark,
    encoding: { x: { value: 0 }, x2: { value: "width" } },
  };
}

/** Vertical reference lines at the given x values (e.g. a classifier cut). */
export function vruleLayer(xs: readonly number[], style: LineStyle): VlSpec {
  const mark: VlSpec = { type: "rule", stroke: style.color, strokeWidth: style.width ?? 1 };
  if (style.dash) mark.strokeDash = style.dash;
  return {
    data: { values: xs.map((x) => ({ x })) },
    mark,
    encoding: { y: { value: 0 }, y2: { value: "height" } },
  };
}
