/**
 * The exact two-photon sampler against two analytic limits of QED (references named per test):
 * the equivalent-photon approximation where both photons are nearly real, and the
 * deep-inelastic single-tag cross section with the photon structure functions F2 and FL where
 * one photon is far off shell (Q^2 up to several W^2, the region the EPA cannot describe).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { integrate } from "../../core/quadrature.ts";
import { stream } from "../../core/random.ts";
import { ALPHA_EM, GEV2_TO_FB, M_E, M_MU } from "../../core/units.ts";
import { eemumuDefinition } from "./eemumu.ts";
import { defaultFrame, makeProcess } from "./process.ts";
import { type TwoPhotonExactOptions, TwoPhotonExactSampler } from "./twoPhotonExact.ts";
import { breitWheelerSigma } from "./twoPhotonPair.ts";

const S = 10.58 * 10.58;
const A = ALPHA_EM;

/** Weighted MC cross section [fb] and its error with the sampler options given. */
function mcSigma(opts: TwoPhotonExactOptions, chunks: number, seed: number): { s: number; e: number } {
  const proc = makeProcess({
    ...eemumuDefinition,
    name: "eemumu-test",
    makeSampler: (f) => new TwoPhotonExactSampler(f, opts),
  });
  let sum = 0;
  let sum2 = 0;
  for (let k = 0; k < chunks; k++) {
    const { events } = proc.generateWeighted(100_000, stream(seed, k));
    for (let i = 0; i < events.nEvents; i++) {
      const w = events.weight[i]!;
      sum += w;
      sum2 += w * w;
    }
  }
  return { s: sum / chunks, e: Math.sqrt(sum2) / chunks };
}

/** Photon flux of a beam lepton integrated over Q^2 from its minimum to qc (Budnev et al. 1975, eq. 6.17). */
function flux(x: number, qc: number): number {
  const qm = (M_E * M_E * x * x) / (1 - x);
  return (A / Math.PI / x) * ((1 - x + 0.5 * x * x) * Math.log(qc / qm) - (1 - x) * (1 - qm / qc));
}

test("e e mu mu, both photons nearly real (Q^2 < 1e-3 GeV^2, W > 1 GeV): the exact matrix element gives the equivalent-photon cross section (Budnev flux x Breit-Wheeler; within 4 MC sigma + 0.5%)", () => {
  const qc = 1e-3;
  const wMin = 1;
  const tMin = (wMin * wMin) / S;
  // sigma = int dtau sigma_gg(tau s) int dln x1 n(x1) n(tau / x1)
  const inner = (tau: number) =>
    integrate((l) => flux(Math.exp(l), qc) * flux(tau / Math.exp(l), qc), Math.log(tau), 0, { epsrel: 1e-8 })
      .value * breitWheelerSigma(Math.sqrt(tau * S), M_MU);
  const epa = integrate(inner, tMin, 1, { epsrel: 1e-7 }).value * GEV2_TO_FB;
  const mc = mcSigma(
    {
      wMin,
      virtualities: [
        [0, qc],
        [0, qc],
      ],
      referenceFb: 1e6,
    },
    2,
    31,
  );
  assert.ok(mc.e < 0.01 * mc.s, `MC error ${mc.e}`);
  assert.ok(Math.abs(mc.s - epa) < 4 * mc.e + 0.005 * epa, `exact ${mc.s} +- ${mc.e} fb vs EPA ${epa} fb`);
});

test("e e mu mu, one photon far off shell: the exact matrix element gives the single-tag cross section with the LO QED structure functions F2 and FL of a real photon (PDG review 'Structure functions', photon section; within 4 MC sigma + 1%)", () => {
  // d sigma(e gamma -> e mu mu) / dx dQ^2 = 2 pi alpha^2 / (x Q^4) [(1 + (1-y)^2) F2 - y^2 FL],
  // F2 = (alpha/pi) x [(x^2 + (1-x)^2) ln(W^2/m^2) + 8x(1-x) - 1], FL = (alpha/pi) 4 x^2 (1-x),
  // W^2 = Q^2 (1-x)/x, y = Q^2/(x x2 s); the target photon from the e+ with Q2^2 < 1e-3 GeV^2
  // (flux above). Neglected: m_mu^2/W^2 <= 0.003 and P^2/Q^2 < 5e-4.
  const qc = 1e-3;
  const wMin = 2;
  const F2 = (x: number, W2: number) =>
    (A / Math.PI) * x * ((x * x + (1 - x) ** 2) * Math.log(W2 / (M_MU * M_MU)) + 8 * x * (1 - x) - 1);
  const FL = (x: number) => (A / Math.PI) * 4 * x * x * (1 - x);
  const singleTag = (qa: number, qb: number) => {
    const eGamma = (x2: number) =>
      integrate(
        (Q2) => {
          const xHi = Q2 / (Q2 + wMin * wMin);
          const xLo = Q2 / (x2 * S); // y <= 1
          if (!(xLo < xHi)) return 0;
          return integrate(
            (x) => {
              const y = Q2 / (x * x2 * S);
              const W2 = (Q2 * (1 - x)) / x;
              return (
                ((2 * Math.PI * A * A) / (x * Q2 * Q2)) * ((1 + (1 - y) ** 2) * F2(x, W2) - y * y * FL(x))
              );
            },
            xLo,
            xHi,
            { epsrel: 1e-7 },
          ).value;
        },
        qa,
        qb,
        { epsrel: 1e-6 },
      ).value;
    return integrate((x2) => flux(x2, qc) * eGamma(x2), 1e-4, 1 - 1e-6, { epsrel: 1e-5 }).value * GEV2_TO_FB;
  };
  for (const [qa, qb, seed] of [
    [2, 5, 41],
    [5, 15, 42], // mostly Q^2 > W^2
  ] as const) {
    const ref = singleTag(qa, qb);
    const mc = mcSigma(
      {
        wMin,
        virtualities: [
          [qa, qb],
          [0, qc],
        ],
        referenceFb: 1e4,
      },
      3,
      seed,
    );
    assert.ok(mc.e < 0.02 * mc.s, `MC error ${mc.e}`);
    assert.ok(
      Math.abs(mc.s - ref) < 4 * mc.e + 0.01 * ref,
      `Q^2 in [${qa}, ${qb}]: exact ${mc.s} +- ${mc.e} fb vs structure functions ${ref} fb`,
    );
  }
});

test("the virtuality ranges are refused with the focused sampler (one clear ConfigError)", () => {
  assert.throws(
    () =>
      new TwoPhotonExactSampler(defaultFrame(), {
        wMin: 0.5,
        focus: true,
        virtualities: [
          [0, 1],
          [0, 1],
        ],
      }),
    /virtualities cannot be combined with focus/,
  );
});
