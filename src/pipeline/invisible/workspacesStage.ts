/**
 * Stage 6 of analysis A: one pyhf JSON workspace per scanned mass hypothesis, written to
 * `workspaces/window-NNNN.json` (NNNN = index in the scanned list; the masses are in the stage's
 * result.json). Each window: 20 M2 bins centred on M^2 times the theta (c.m.) bins of its M2
 * region; signal template for sigma x B = 1 fb, one template per background that has events in the
 * window, the pseudo-data summed from the shared grid, the paper's systematics (analyses/invisible
 * workspace.ts). Existing window files are kept on a rerun (resume).
 */
import { existsSync } from "node:fs";
import { searchWindow, thetaEdgesAt } from "../../analyses/invisible/binning.ts";
import {
  fillTemplate,
  mcEventWeight,
  signalTemplate,
  windowAxes,
} from "../../analyses/invisible/templates.ts";
import { NO_SYSTEMATICS, PAPER_SYSTEMATICS, windowWorkspace } from "../../analyses/invisible/workspace.ts";
import type { Progress } from "../../core/progress.ts";
import { deg } from "../../core/units.ts";
import type { RunConfig } from "../runConfig.ts";
import { type Stage, writeJsonAtomic } from "../stage.ts";
import type { AnalysisInputs, TemplatesResult } from "./templatesStage.ts";
import { windowData } from "./windowData.ts";

/** Result of the workspaces stage. */
export interface WorkspacesResult {
  windows: {
    index: number;
    mass: number;
    file: string;
    bins: number;
    nTheta: number;
    backgrounds: string[];
  }[];
}

/** File name of window i. */
export function windowFile(i: number): string {
  return `window-${String(i).padStart(4, "0")}.json`;
}

/** Run (or resume) the workspaces stage. */
export function runWorkspacesStage(
  cfg: RunConfig,
  stage: Stage<WorkspacesResult>,
  inputs: AnalysisInputs,
  templates: TemplatesResult,
  progress?: (label: string, total: number) => Progress,
): WorkspacesResult {
  if (stage.result) return stage.result;
  const { m2Edges, theta, signal, backgrounds } = inputs;
  const union = templates.thetaUnionDeg.map(deg);
  const counts = templates.pseudoData.counts;
  const syst = cfg.scan.systematics === "paper" ? PAPER_SYSTEMATICS : NO_SYSTEMATICS;
  const weights = backgrounds.map((b) => mcEventWeight(b.events));
  const bar = progress?.("workspaces", templates.masses.length);
  const windows: WorkspacesResult["windows"] = [];
  templates.masses.forEach((mass, i) => {
    const m2 = mass * mass;
    const w = searchWindow(m2Edges, m2);
    const th = thetaEdgesAt(theta, m2);
    const axes = windowAxes(m2Edges, w, th);
    const nT = th.length - 1;
    const bkgs = backgrounds.map((b, k) => ({
      name: b.name,
      hist: fillTemplate(b.events, axes),
      weight: weights[k],
    }));
    let kept = bkgs.filter((b) => b.hist.integral() > 0);
    if (kept.length === 0) kept = bkgs.slice(0, 1);
    const file = windowFile(i);
    windows.push({
      index: i,
      mass,
      file,
      bins: (w.end - w.first) * nT,
      nTheta: nT,
      backgrounds: kept.map((b) => b.name),
    });
    if (existsSync(stage.path(file))) {
      bar?.tick();
      return;
    }
    // pseudo-data: sum the union cells whose centre lies in each theta bin
    const data = windowData(counts, union, w, th);
    const ws = windowWorkspace({
      mass,
      signal: signalTemplate(signal, mass, axes, cfg.luminosity_fb, 1),
      backgrounds: kept,
      data,
      systematics: syst,
    });
    writeJsonAtomic(stage.path(file), ws);
    bar?.tick();
  });
  bar?.done();
  return stage.finish({ windows });
}
