/**
 * Test and benchmark helper: the one-bin counting experiment with a known background, as a pyhf
 * workspace: signal mu x 1 event, background b events without nuisance parameters, n observed.
 * Its CLs limits have closed forms (Read, J. Phys. G 28 (2002) 2693), which the toy-based tests
 * compare to.
 */
import type { Workspace } from "../workspace/types.ts";

/** One bin, background `b` known exactly, `n` observed; POI "mu" in [0, muMax]. */
export function countingWorkspace(b: number, n: number, muMax = 60): Workspace {
  return {
    version: "1.0.0",
    channels: [
      {
        name: "sr",
        samples: [
          { name: "signal", data: [1], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
          { name: "background", data: [b], modifiers: [] },
        ],
      },
    ],
    observations: [{ name: "sr", data: [n] }],
    measurements: [{ name: "m", config: { poi: "mu", parameters: [{ name: "mu", bounds: [[0, muMax]] }] } }],
  } as Workspace;
}
