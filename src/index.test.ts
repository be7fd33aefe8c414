import assert from "node:assert/strict";
import { test } from "node:test";
import * as mumux from "./index.ts";

test("the public API loads and a pyhf workspace goes through it to a 95% CL limit (simple counting: s=5, b=50, n=50)", () => {
  const ws = mumux.parseWorkspace({
    channels: [
      {
        name: "SR",
        samples: [
          { name: "sig", data: [5], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
          { name: "bkg", data: [50], modifiers: [] },
        ],
      },
    ],
    observations: [{ name: "SR", data: [50] }],
    measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
    version: "1.0.0",
  });
  const model = mumux.compileModel(ws);
  const lim = mumux.upperLimit(new mumux.Hypotester(new mumux.ModelFitter(model), model.data(), "qtilde"), {
    level: 0.05,
  });
  // Asymptotic CLs for a background-only observation: median expected = observed (n = b), and
  // the limit on s is about 1.96 * sqrt(b) / s ~ 2.8 in mu (Cowan et al., arXiv:1007.1727, eq. 89)
  assert.ok(Math.abs(lim.obs - lim.exp[2]!) < 1e-3 * lim.obs, `${lim.obs} vs ${lim.exp[2]}`);
  assert.ok(lim.obs > 2 && lim.obs < 4, `limit ${lim.obs}`);
  assert.equal(typeof mumux.MUMUX_VERSION, "string");
});
