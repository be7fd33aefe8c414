/**
 * Typed pyhf JSON workspace (schema v1.0.0, scikit-hep/pyhf `schemas/1.0.0/*.json`), as produced
 * by {@link parseWorkspace} after validation. Field names are pyhf's, so a workspace round-trips.
 */

export type ModifierType =
  | "normfactor"
  | "shapefactor"
  | "normsys"
  | "histosys"
  | "lumi"
  | "staterror"
  | "shapesys";

export interface NormsysData {
  hi: number;
  lo: number;
}
export interface HistosysData {
  hi_data: number[];
  lo_data: number[];
}

export type Modifier =
  | { name: string; type: "normfactor"; data: null }
  | { name: string; type: "shapefactor"; data: null }
  | { name: string; type: "lumi"; data: null }
  | { name: string; type: "normsys"; data: NormsysData }
  | { name: string; type: "histosys"; data: HistosysData }
  | { name: string; type: "staterror"; data: number[] }
  | { name: string; type: "shapesys"; data: number[] };

export interface Sample {
  name: string;
  data: number[];
  modifiers: Modifier[];
}

export interface Channel {
  name: string;
  samples: Sample[];
}

/** Per-parameter-set overrides in a measurement (`config.parameters[]`). */
export interface ParameterConfig {
  name: string;
  inits?: number[];
  bounds?: [number, number][];
  auxdata?: number[];
  factors?: number[];
  sigmas?: number[];
  fixed?: boolean;
}

export interface Measurement {
  name: string;
  config: { poi: string; parameters: ParameterConfig[] };
}

export interface Observation {
  name: string;
  data: number[];
}

export interface Workspace {
  channels: Channel[];
  measurements: Measurement[];
  observations: Observation[];
  version: string;
}

/** Interpolation codes per modifier type, pyhf's `modifier_settings`. */
export interface ModifierSettings {
  normsys: { interpcode: "code1" | "code4" };
  histosys: { interpcode: "code0" | "code2" | "code4p" };
}

/** pyhf defaults (pyhf >= 0.7): normsys code4, histosys code4p. */
export const DEFAULT_MODIFIER_SETTINGS: ModifierSettings = {
  normsys: { interpcode: "code4" },
  histosys: { interpcode: "code4p" },
};

/** One RFC 6902 operation. */
export type PatchOp =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; from: string; path: string };
