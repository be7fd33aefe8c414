/**
 * Test helper: the pyhf validation set in ../shared/validation/pyhf (README there). Loads
 * workspaces (with patches) and the reference numbers of expected_results.json.
 */
import { readFileSync } from "node:fs";
import { applyPatch } from "../workspace/applyPatch.ts";
import type { ModifierSettings, PatchOp, Workspace } from "../workspace/types.ts";

/** Folder of the pyhf validation set. */
export const PYHF_DIR = new URL("../../../../shared/validation/pyhf/", import.meta.url);

/** Read a JSON file under the validation folder. */
export function readJson<T = unknown>(rel: string): T {
  return JSON.parse(readFileSync(new URL(rel, PYHF_DIR), "utf8")) as T;
}

/** pyhf numbers of one model (a `pyhf_numbers_*` block). */
export interface PyhfNumbers {
  par_order: string[];
  par_names: string[];
  poi_index: number;
  channels: string[];
  samples: string[];
  suggested_init: number[];
  suggested_bounds: [number, number][];
  suggested_fixed: boolean[];
  auxdata: number[];
  data: number[];
  logpdf_at_init: number;
  expected_data_at_init: number[];
  perturbed_pars: number[];
  logpdf_at_perturbed: number;
  expected_data_at_perturbed: number[];
  mle: { pars: number[]; twice_nll: number };
  fixed_poi_fit: { poi: number; pars: number[]; twice_nll: number };
  hypotest: {
    q_mu1: { CLs_obs: number; CLsb_obs: number; CLb_obs: number; CLs_exp: number[] };
    qtilde_mu1: { CLs_obs: number; CLsb_obs: number; CLb_obs: number; CLs_exp: number[] };
    q0: { p0_obs: number; p0_exp: number[] };
    asymptotic_internal_qtilde: { teststat_returned: number; sqrt_qmuA: number; asimov_pars: number[] };
  };
  upper_limits?: Record<string, { level: number; obs: number; exp: number[] }>;
}

/** One validation case: its workspace and the model settings + numbers to compare with. */
export interface PyhfCase {
  group: string;
  name: string;
  ws: Workspace;
  settings: ModifierSettings;
  numbers: PyhfNumbers;
  reference?: { obs: number; exp: number[] };
  testStat?: string;
  muTest?: number;
}

const DEFAULT: ModifierSettings = { normsys: { interpcode: "code4" }, histosys: { interpcode: "code4p" } };

/** All model cases of expected_results.json (one per numbers block). */
export function pyhfCases(): PyhfCase[] {
  // biome-ignore lint/suspicious/noExplicitAny: free-form reference JSON
  type Any = any;
  const er = readJson<Any>("expected_results.json");
  const out: PyhfCase[] = [];
  for (const [name, c] of Object.entries<Any>(er.root_validated)) {
    if (!c.pyhf_numbers_code1_code0 && !c.pyhf_numbers_default_codes) continue;
    const ws = readJson<Workspace>(c.workspace);
    if (c.pyhf_numbers_code1_code0)
      out.push({
        group: "root_validated",
        name: `${name} (code1/code0)`,
        ws,
        settings: { normsys: { interpcode: "code1" }, histosys: { interpcode: "code0" } },
        numbers: c.pyhf_numbers_code1_code0,
        ...(c.modifier_settings.normsys.interpcode === "code1" ? { reference: c.reference } : {}),
        testStat: c.test_stat,
        muTest: c.mu_test,
      });
    if (c.pyhf_numbers_default_codes)
      out.push({
        group: "root_validated",
        name: `${name} (default codes)`,
        ws,
        settings: DEFAULT,
        numbers: c.pyhf_numbers_default_codes,
        ...(c.modifier_settings.normsys.interpcode === "code4" ? { reference: c.reference } : {}),
        testStat: c.test_stat,
        muTest: c.mu_test,
      });
  }
  for (const [name, c] of Object.entries<Any>(er.published)) {
    const bkg = readJson<Workspace>(c.bkgonly);
    const patch = readJson<PatchOp[]>(c.patch);
    out.push({
      group: "published",
      name,
      ws: applyPatch(bkg, patch),
      settings: DEFAULT,
      numbers: c.pyhf_numbers_default_codes,
      reference: c.reference,
      testStat: c.test_stat,
      muTest: c.mu_test,
    });
  }
  for (const [name, c] of Object.entries<Any>(er.simple)) {
    out.push({
      group: "simple",
      name,
      ws: readJson<Workspace>(c.workspace),
      settings: DEFAULT,
      numbers: c.pyhf_numbers_default_codes,
    });
  }
  return out;
}
