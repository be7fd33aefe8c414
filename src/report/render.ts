/**
 * Rendering of vega-lite plot specs: spec -> SVG (vega, headless, no canvas) -> PNG (resvg).
 *
 * Output is deterministic: vega numbers its clip paths and gradients with process-wide counters,
 * so {@link renderSvg} renumbers every `id` in order of appearance; text widths are vega's
 * font-independent estimate (no canvas package), so the SVG does not depend on installed fonts.
 * PNG text needs a real font: resvg loads the system fonts and prefers DejaVu Sans (Debian package
 * fonts-dejavu-core); without any font, text is silently missing from the PNG (the SVG is fine).
 */
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "./writeFileAtomic.ts";

/**
 * A vega-lite specification as plain JSON (what the plot builders in this folder return). Kept
 * loose on purpose: the builders assemble marks plus data, vega-lite validates when compiling.
 */
export type VlSpec = Record<string, unknown>;

/** PNG size: an output width in pixels, or a zoom factor on the SVG's own size (default 2). */
export type PngSize = { width: number } | { scale: number };

/**
 * Render a vega-lite spec to an SVG document (string). Deterministic for the same spec.
 *
 * @example const svg = await renderSvg(brazilBandPlot(limits, { xTitle: "M_Z' [GeV]" }))
 */
export async function renderSvg(spec: VlSpec): Promise<string> {
  const vgSpec = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return stableIds(svg);
  } finally {
    view.finalize();
  }
}

/**
 * Renumber `id="..."` definitions and their `url(#...)` / `href="#..."` references in order of
 * first appearance, so the same plot gives the same bytes whatever was rendered before it.
 */
function stableIds(svg: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!map.has(id)) map.set(id, `d${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_s, id: string) => `id="${map.get(id) ?? id}"`)
    .replace(/url\(#([^)]+)\)/g, (_s, id: string) => `url(#${map.get(id) ?? id})`)
    .replace(/href="#([^"]+)"/g, (_s, id: string) => `href="#${map.get(id) ?? id}"`);
}

/**
 * Rasterise an SVG to PNG bytes with resvg, on a white background. Size: `{ width }` in pixels or
 * `{ scale }` times the SVG size (default `{ scale: 2 }`, good for slides).
 *
 * @example writeFileSync("limits.png", svgToPng(svg, { width: 1200 }))
 */
export function svgToPng(svg: string, size: PngSize = { scale: 2 }): Buffer {
  const fitTo =
    "width" in size
      ? ({ mode: "width", value: Math.round(size.width) } as const)
      : ({ mode: "zoom", value: size.scale } as const);
  const r = new Resvg(svg, {
    fitTo,
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    logLevel: "off",
  });
  return r.render().asPng();
}

/**
 * Render a spec and write `<pathWithoutExt>.svg` and `<pathWithoutExt>.png` atomically (parent
 * directories created). Returns the two paths.
 *
 * @example await writePlot("mumux-out/invisible/plots/m2recoil_stack", stackedHistogramPlot(...))
 */
export async function writePlot(
  pathWithoutExt: string,
  spec: VlSpec,
  size: PngSize = { scale: 2 },
): Promise<{ svg: string; png: string }> {
  const svgText = await renderSvg(spec);
  const svg = `${pathWithoutExt}.svg`;
  const png = `${pathWithoutExt}.png`;
  writeFileAtomic(svg, svgText);
  writeFileAtomic(png, svgToPng(svgText, size));
  return { svg, png };
}
