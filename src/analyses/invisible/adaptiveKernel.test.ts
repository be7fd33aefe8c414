/**
 * Adaptive kernel widths (adaptiveKernel.ts) and the smoothed templates made with them
 * (templates.ts fillTemplate with `kernel`): widths against the analytic k-th-neighbour distance
 * of an evenly spaced sample, neighbours counted per theta cell, clamping, and the purpose of the
 * whole thing: from a sample of few events per bin, smoothed templates are closer to the true
 * expectation (known analytically here) than the plain histogram, and keep a resolution-width peak.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigError } from "../../core/errors.ts";
import { stream } from "../../core/random.ts";
import { normalCdf } from "../../core/special.ts";
import { adaptiveKernelWidths } from "./adaptiveKernel.ts";
import { fillTemplate, fillTemplate1D, type SelectedEvents, windowAxes } from "./templates.ts";

const WIDE = { minWidth: () => 1e-6, maxWidth: () => 1e6 };

test("kernel widths of an evenly spaced sample (spacing d): interior events get ceil(K/2) d / 2, the K-th neighbour alternating sides", () => {
  const d = 0.1;
  const n = 200;
  const ev: SelectedEvents = {
    m2: Float64Array.from({ length: n }, (_, i) => i * d),
    thetaCm: new Float64Array(n).fill(1),
    weight: new Float64Array(n).fill(1),
  };
  for (const K of [1, 4, 7, 10]) {
    const h = adaptiveKernelWidths(ev, [0, Math.PI], { neighbours: K, ...WIDE });
    for (let i = K; i < n - K; i++)
      assert.ok(Math.abs(h[i]! - (Math.ceil(K / 2) * d) / 2) < 1e-12, `K = ${K}, event ${i}: ${h[i]}`);
    // at the ends all K neighbours lie on one side
    assert.ok(Math.abs(h[0]! - (K * d) / 2) < 1e-12);
  }
});

test("kernel widths: neighbours count only within the event's theta cell; clamps apply; cells with <= K events and events outside the cells get the largest width", () => {
  const n = 100;
  // cell 0 (theta < 1): spacing 0.1; cell 1: the same M2 values, so mixing cells would halve the distances
  const ev: SelectedEvents = {
    m2: Float64Array.from({ length: 2 * n }, (_, i) => Math.floor(i / 2) * 0.1),
    thetaCm: Float64Array.from({ length: 2 * n }, (_, i) => (i % 2 ? 1.5 : 0.5)),
    weight: new Float64Array(2 * n).fill(1),
  };
  const h = adaptiveKernelWidths(ev, [0, 1, 2], { neighbours: 4, ...WIDE });
  for (let i = 20; i < 2 * n - 20; i++) assert.ok(Math.abs(h[i]! - 0.1) < 1e-12, `event ${i}: ${h[i]}`);
  const c = adaptiveKernelWidths(ev, [0, 1, 2], {
    neighbours: 4,
    minWidth: () => 0.15,
    maxWidth: (m2) => (m2 > 5 ? 0.16 : 1),
  });
  for (let i = 0; i < 2 * n; i++) {
    const want = Math.min(ev.m2[i]! > 5 ? 0.16 : 1, Math.max(0.15, h[i]!));
    if (i >= 20 && i < 2 * n - 20)
      assert.ok(Math.abs(c[i]! - want) < 1e-12, `event ${i}: ${c[i]} vs ${want}`);
    assert.ok(c[i]! >= 0.15 - 1e-12 && c[i]! <= (ev.m2[i]! > 5 ? 0.16 : 1) + 1e-12);
  }
  // K = 12: 0.3 unclamped, so the upper clamp bites above M2 = 5
  const up = adaptiveKernelWidths(ev, [0, 1, 2], {
    neighbours: 12,
    minWidth: () => 0.15,
    maxWidth: (m2) => (m2 > 5 ? 0.16 : 1),
  });
  for (let i = 30; i < 2 * n - 30; i++)
    assert.ok(Math.abs(up[i]! - (ev.m2[i]! > 5 ? 0.16 : 0.3)) < 1e-12, `event ${i}: ${up[i]}`);
  const few = adaptiveKernelWidths(
    { m2: Float64Array.of(1, 2, 3), thetaCm: Float64Array.of(0.5, 0.5, 3), weight: Float64Array.of(1, 1, 1) },
    [0, 1, 2],
    { neighbours: 4, minWidth: () => 0.1, maxWidth: () => 0.7 },
  );
  assert.deepEqual(Array.from(few), [0.7, 0.7, 0.7]);
  assert.throws(() => adaptiveKernelWidths(ev, [0, 2], { neighbours: 0, ...WIDE }), ConfigError);
  assert.throws(
    () => adaptiveKernelWidths(ev, [0, 2], { neighbours: 3, minWidth: () => 1, maxWidth: () => 0.5 }),
    ConfigError,
  );
});

test("smoothed template (K = 20, widths 0.5-4 resolutions) from ~5 events per bin: on the continuum half the histogram's mean squared error against the true expectation, no worse on a resolution-width peak whose yield is kept within 5%, sum kept (rel. 1e-9)", () => {
  // truth on M2 in [0, 40): an exponential continuum plus a Gaussian peak of one bin width
  // (a resolution-width background structure); 400 bins of 0.1; ~2000 events per sample
  const tau = 10;
  const fPeak = 0.15;
  const mu = 3;
  const sig = 0.1;
  const edges = Float64Array.from({ length: 401 }, (_, k) => 0.1 * k);
  const cdf = (x: number) =>
    (1 - fPeak) * ((1 - Math.exp(-x / tau)) / (1 - Math.exp(-40 / tau))) + fPeak * normalCdf((x - mu) / sig);
  const N = 2000;
  const truth = Array.from({ length: 400 }, (_, j) => N * (cdf(edges[j + 1]!) - cdf(edges[j]!)));
  const axes = windowAxes(edges, { first: 0, end: 400, m2: 20 }, [0, Math.PI]);
  const rng = stream(31, 0);
  // squared errors summed over the continuum (M2 > 3.5) and over the peak region (2.5-3.5)
  let mseRaw = 0;
  let mseSmooth = 0;
  let msePeakRaw = 0;
  let msePeakSmooth = 0;
  let peakRaw = 0;
  let peakSmooth = 0;
  const R = 20;
  for (let r = 0; r < R; r++) {
    const m2: number[] = [];
    for (let i = 0; i < N; i++) {
      if (rng.uniform() < fPeak) {
        m2.push(mu + sig * rng.normal());
      } else {
        // inverse cdf of the truncated exponential
        m2.push(-tau * Math.log(1 - rng.uniform() * (1 - Math.exp(-40 / tau))));
      }
    }
    m2.sort((a, b) => a - b);
    const ev: SelectedEvents = {
      m2: Float64Array.from(m2),
      thetaCm: new Float64Array(N).fill(1),
      weight: new Float64Array(N).fill(1),
    };
    const raw = fillTemplate(ev, axes).values();
    ev.kernel = adaptiveKernelWidths(ev, [0, Math.PI], {
      neighbours: 20,
      minWidth: () => 0.5 * sig,
      maxWidth: () => 4 * sig,
    });
    const smooth = fillTemplate(ev, axes);
    const sv = smooth.values();
    // the 1D fill spreads identically
    const s1 = fillTemplate1D(ev, axes).values();
    for (let j = 0; j < 400; j++) assert.ok(Math.abs(s1[j]! - sv[j]!) < 1e-9);
    let inside = 0;
    for (let j = 0; j < 400; j++) {
      if (edges[j]! >= 3.5 - 1e-9) {
        mseRaw += (raw[j]! - truth[j]!) ** 2;
        mseSmooth += (sv[j]! - truth[j]!) ** 2;
      } else if (edges[j]! >= 2.5 - 1e-9) {
        msePeakRaw += (raw[j]! - truth[j]!) ** 2;
        msePeakSmooth += (sv[j]! - truth[j]!) ** 2;
      }
      inside += sv[j]!;
      if (edges[j]! >= mu - 2 * sig - 1e-9 && edges[j + 1]! <= mu + 2 * sig + 1e-9) {
        peakRaw += raw[j]!;
        peakSmooth += sv[j]!;
      }
    }
    // what leaves [0, 40) is the kernel mass of events within a few widths of the ends
    let leak = 0;
    for (let i = 0; i < N; i++) {
      const h = ev.kernel[i]!;
      leak += normalCdf((0 - m2[i]!) / h) + 1 - normalCdf((40 - m2[i]!) / h);
    }
    assert.ok(Math.abs(inside + leak - N) < 1e-9 * N, `sum ${inside} + ${leak} vs ${N}`);
  }
  assert.ok(mseSmooth < mseRaw / 2, `continuum: MSE smoothed ${mseSmooth / R} vs histogram ${mseRaw / R}`);
  assert.ok(
    msePeakSmooth < msePeakRaw,
    `peak: MSE smoothed ${msePeakSmooth / R} vs histogram ${msePeakRaw / R}`,
  );
  assert.ok(
    Math.abs(peakSmooth / peakRaw - 1) < 0.05,
    `peak +-2 sigma: smoothed ${peakSmooth}, histogram ${peakRaw}`,
  );
});
