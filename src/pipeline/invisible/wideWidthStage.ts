/**
 * The wide-width benchmark of analysis A (Gamma = 0.1 M_Z', alpha_D = 2.9; spec "Fit"): 1D
 * M2_recoil templates, the signal a Breit-Wigner convolved with the resolution
 * (analyses/invisible/wideWidth.ts), windows widened by the line shape. Workspaces go to
 * OUT/invisible/wide/window-NNNN.json; the fits reuse the scan stage (scanStage.ts) in the stage
 * `wide-fits`. Pseudo-data: the same shared grid as the narrow scan, summed over theta.
 */
import { existsSync } from "node:fs";
import { fillTemplate1D, mcEventWeight, windowAxes } from "../../analyses/invisible/templates.ts";
import { wideWidthSignalTemplate, wideWidthWindow } from "../../analyses/invisible/wideWidth.ts";
import { NO_SYSTEMATICS, PAPER_SYSTEMATICS, windowWorkspace } from "../../analyses/invisible/workspace.ts";
import type { Progress } from "../../core/progress.ts";
import { deg } from "../../core/units.ts";
import type { RunConfig } from "../runConfig.ts";
import { type Stage, writeJsonAtomic } from "../stage.ts";
import type { AnalysisInputs, TemplatesResult } from "./templatesStage.ts";
import { windowData } from "./windowData.ts";
import { type WorkspacesResult, windowFile } from "./workspacesStage.ts";

/** Build (or reuse) the wide-width workspaces of every `massStep`-th scanned mass. */
export function runWideWidthWorkspaces(
  cfg: RunConfig,
  stage: Stage<WorkspacesResult>,
  inputs: AnalysisInputs,
  templates: TemplatesResult,
  progress?: (label: string, total: number) => Progress,
): WorkspacesResult {
  if (stage.result) return stage.result;
  const ww = cfg.scan.wideWidth!;
  const opts = { gammaOverM: ww.gammaOverM };
  const masses = templates.masses.filter((_, i) => i % ww.massStep === 0);
  const union = templates.thetaUnionDeg.map(deg);
  const nU = union.length - 1;
  const counts = templates.pseudoData.counts;
  const syst = cfg.scan.systematics === "paper" ? PAPER_SYSTEMATICS : NO_SYSTEMATICS;
  const weights = inputs.backgrounds.map((b) => mcEventWeight(b.events));
  const bar = progress?.("wide-width workspaces", masses.length);
  const windows: WorkspacesResult["windows"] = [];
  masses.forEach((mass, i) => {
    const w = wideWidthWindow(inputs.m2Edges, mass, inputs.resolution, opts);
    const axes = windowAxes(inputs.m2Edges, w, [0, Math.PI]);
    const bkgs = inputs.backgrounds.map((b, k) => ({
      name: b.name,
      hist: fillTemplate1D(b.events, axes),
      weight: weights[k],
    }));
    let kept = bkgs.filter((b) => b.hist.integral() > 0);
    if (kept.length === 0) kept = bkgs.slice(0, 1);
    const file = windowFile(i);
    windows.push({
      index: i,
      mass,
      file,
      bins: w.end - w.first,
      nTheta: 1,
      backgrounds: kept.map((b) => b.name),
    });
    if (!existsSync(stage.path(file))) {
      // 1D: one theta bin spanning the whole union
      const data = windowData(counts, union, w, [union[0]!, union[nU]!]);
      const ws = windowWorkspace({
        mass,
        signal: wideWidthSignalTemplate(inputs.signal, mass, axes, cfg.luminosity_fb, opts),
        backgrounds: kept,
        data,
        systematics: syst,
      });
      writeJsonAtomic(stage.path(file), ws);
    }
    bar?.tick();
  });
  bar?.done();
  return stage.finish({ windows });
}
