/**
 * ROC curves: signal efficiency vs background efficiency (log x by default, since B-factory
 * selections live at background efficiencies of 1e-3 and below), with the random-guess diagonal and
 * the area under the curve in the legend when given.
 */
import { LINE_COLORS, type LinesOptions, linesPlot } from "./linesPlot.ts";
import type { VlSpec } from "./render.ts";

/** One ROC curve (points in any order along the curve; drawn in the given order). */
export interface RocCurve {
  /** Legend label, e.g. "Punzi-net (test sample)". */
  name: string;
  /** Background efficiency (false-positive rate) per threshold, in [0, 1]. */
  backgroundEfficiency: ArrayLike<number>;
  /** Signal efficiency (true-positive rate) per threshold, in [0, 1]. */
  signalEfficiency: ArrayLike<number>;
  /** Area under the curve, printed in the legend as "AUC = 0.973". */
  auc?: number;
}

/**
 * Vega-lite spec of one or more ROC curves. Defaults: titles "Background efficiency" and
 * "Signal efficiency", logX true with x from the smallest positive background efficiency to 1.
 *
 * @example rocCurvePlot([{ name: "Punzi-net", backgroundEfficiency: fpr, signalEfficiency: tpr, auc }], {})
 */
export function rocCurvePlot(
  curves: readonly RocCurve[],
  opts: Partial<Pick<LinesOptions, "xTitle" | "yTitle">> & Omit<LinesOptions, "xTitle" | "yTitle">,
): VlSpec {
  const logX = opts.logX ?? true;
  let minX = 1;
  for (const c of curves)
    for (let i = 0; i < c.backgroundEfficiency.length; i++) {
      const v = c.backgroundEfficiency[i]!;
      if (v > 0 && v < minX) minX = v;
    }
  const x0 = logX ? Math.min(10 ** Math.floor(Math.log10(minX)), 0.1) : 0;
  // The random-guess line eff_S = eff_B, sampled densely enough to look straight on a log axis.
  const diag = Array.from({ length: 61 }, (_, k) => (logX ? x0 * (1 / x0) ** (k / 60) : k / 60));
  return linesPlot(
    [
      ...curves.map((c, k) => ({
        name: c.auc !== undefined ? `${c.name}, AUC = ${c.auc.toFixed(3)}` : c.name,
        x: c.backgroundEfficiency,
        y: c.signalEfficiency,
        style: { color: LINE_COLORS[(k + 1) % LINE_COLORS.length]!, width: 2 },
      })),
      { name: "Random guess", x: diag, y: diag, style: { color: "#888888", width: 1, dash: [3, 3] } },
    ],
    {
      ...opts,
      xTitle: opts.xTitle ?? "Background efficiency",
      yTitle: opts.yTitle ?? "Signal efficiency",
      logX,
      xDomain: opts.xDomain ?? [x0, 1],
      yDomain: opts.yDomain ?? [0, 1.02],
      // The curve fills the top-left corner: the label goes above the frame.
      labelAbove: opts.labelAbove ?? true,
      legendPosition: opts.legendPosition ?? "bottom-right",
    },
  );
}
