import assert from "node:assert/strict";
import { test } from "node:test";
import { bracketRoot, brent, type RootResult, toms748 } from "./roots.ts";

interface Problem {
  name: string;
  f: (x: number) => number;
  a: number;
  b: number;
  /** Exact root when known in closed form. */
  root?: number;
}

/**
 * Test functions from Alefeld, Potra & Shi, ACM TOMS 21 (1995) 327, table I (problem numbers in
 * the names), plus the classic x^3 - 2x - 5 (Wallis), exp(x) - 2 and a multiplicity-9 root.
 */
function problems(): Problem[] {
  const ps: Problem[] = [
    { name: "Wallis x^3 - 2x - 5", f: (x) => x ** 3 - 2 * x - 5, a: 2, b: 3 },
    { name: "exp(x) - 2", f: (x) => Math.exp(x) - 2, a: 0, b: 1, root: Math.LN2 },
    { name: "APS 1: sin x - x/2", f: (x) => Math.sin(x) - x / 2, a: Math.PI / 2, b: Math.PI },
    { name: "(x - 1)^9 (multiplicity 9)", f: (x) => (x - 1) ** 9, a: 0, b: 1.5, root: 1 },
    { name: "(x - 1)^3 + 1e-3 (x - 1)", f: (x) => (x - 1) ** 3 + 1e-3 * (x - 1), a: -1, b: 2.5, root: 1 },
  ];
  // APS 2: sum of poles, one root between consecutive poles i^2 and (i+1)^2
  for (let i = 1; i <= 10; i++) {
    const f = (x: number) => {
      let s = 0;
      for (let j = 1; j <= 20; j++) s += (2 * j - 5) ** 2 / (x - j * j) ** 3;
      return -2 * s;
    };
    ps.push({ name: `APS 2, i = ${i}`, f, a: i * i + 1e-9, b: (i + 1) * (i + 1) - 1e-9 });
  }
  // APS 4: x^n - a on [0, 5]
  for (const [n, a] of [
    [4, 0.2],
    [6, 0.2],
    [12, 1],
    [8, 1e-3],
  ] as const)
    ps.push({ name: `APS 4: x^${n} - ${a}`, f: (x) => x ** n - a, a: 0, b: 5, root: a ** (1 / n) });
  ps.push({ name: "APS 5: sin x - 1/2", f: (x) => Math.sin(x) - 0.5, a: 0, b: 1.5, root: Math.PI / 6 });
  // APS 6: 2x e^-n - 2 e^-nx + 1
  for (const n of [1, 5, 20, 100])
    ps.push({
      name: `APS 6, n = ${n}`,
      f: (x) => 2 * x * Math.exp(-n) - 2 * Math.exp(-n * x) + 1,
      a: 0,
      b: 1,
    });
  // APS 7: (1 + (1 - n)^2) x - (1 - n x)^2
  for (const n of [5, 20])
    ps.push({ name: `APS 7, n = ${n}`, f: (x) => (1 + (1 - n) ** 2) * x - (1 - n * x) ** 2, a: 0, b: 1 });
  // APS 8: x^2 - (1 - x)^n
  for (const n of [2, 10, 20])
    ps.push({ name: `APS 8, n = ${n}`, f: (x) => x * x - (1 - x) ** n, a: 0, b: 1 });
  // APS 10: e^-nx (x - 1) + x^n
  for (const n of [1, 5, 20])
    ps.push({ name: `APS 10, n = ${n}`, f: (x) => Math.exp(-n * x) * (x - 1) + x ** n, a: 0, b: 1 });
  // APS 11: (n x - 1) / ((n - 1) x)
  for (const n of [2, 15, 20])
    ps.push({ name: `APS 11, n = ${n}`, f: (x) => (n * x - 1) / ((n - 1) * x), a: 0.01, b: 1, root: 1 / n });
  // APS 12: x^(1/n) - n^(1/n)
  for (const n of [2, 6, 33])
    ps.push({ name: `APS 12, n = ${n}`, f: (x) => x ** (1 / n) - n ** (1 / n), a: 1, b: 100, root: n });
  // APS 14: n/20 (x/1.5 + sin x - 1) for x >= 0, -n/20 below (a kink and a flat part)
  for (const n of [1, 40])
    ps.push({
      name: `APS 14, n = ${n}`,
      f: (x) => (x >= 0 ? (n / 20) * (x / 1.5 + Math.sin(x) - 1) : -n / 20),
      a: -1e4,
      b: Math.PI / 2,
    });
  return ps;
}

function checkResult(p: Problem, r: RootResult, xtol: number, rtol: number, who: string): void {
  assert.ok(r.converged, `${who} ${p.name}: not converged after ${r.iterations} iterations`);
  const [lo, hi] = r.bracket;
  const [flo, fhi] = r.fBracket;
  assert.equal(flo, p.f(lo), `${who} ${p.name}: fBracket[0]`);
  assert.equal(fhi, p.f(hi), `${who} ${p.name}: fBracket[1]`);
  // the final bracket still contains a sign change (or is an exact zero) and is within tolerance
  assert.ok((flo <= 0 && fhi >= 0) || (flo >= 0 && fhi <= 0), `${who} ${p.name}: lost the sign change`);
  const tol = xtol + rtol * Math.max(Math.abs(lo), Math.abs(hi));
  assert.ok(hi - lo <= tol, `${who} ${p.name}: bracket width ${hi - lo} > ${tol}`);
  assert.ok(r.root >= lo && r.root <= hi, `${who} ${p.name}: root outside its bracket`);
  if (p.root !== undefined) {
    // multiplicity-9 root: f underflows to 0 within 1e-35 of the root, any such x is "a root"
    assert.ok(Math.abs(r.root - p.root) <= tol + 1e-15, `${who} ${p.name}: ${r.root} vs ${p.root}`);
  }
}

test("brent and toms748 (k = 1, 2) converge on the Alefeld-Potra-Shi test set to xtol = 2e-12, rtol = 4 eps", () => {
  const xtol = 2e-12;
  const rtol = 4 * 2.220446049250313e-16;
  let callsBrent = 0;
  let callsToms = 0;
  for (const p of problems()) {
    const rb = brent(p.f, p.a, p.b, { xtol, rtol, maxIter: 300 });
    checkResult(p, rb, xtol, rtol, "brent");
    const rt = toms748(p.f, p.a, p.b, { xtol, rtol });
    checkResult(p, rt, xtol, rtol, "toms748");
    const r1 = toms748(p.f, p.a, p.b, { xtol, rtol, k: 1 });
    checkResult(p, r1, xtol, rtol, "toms748 k=1");
    callsBrent += rb.fCalls;
    callsToms += rt.fCalls;
  }
  // APS table II reports fewer evaluations for 748 than for Brent over their set; we only ask
  // that it is not worse by more than 20 % in total
  assert.ok(callsToms < 1.2 * callsBrent, `toms748 ${callsToms} calls vs brent ${callsBrent}`);
});

test("toms748 with a loose rtol (1e-4, as the CLs upper-limit scan uses) stops early and within tolerance", () => {
  const f = (x: number) => Math.exp(x) - 200;
  const r = toms748(f, 0, 10, { xtol: 2e-12, rtol: 1e-4 });
  assert.ok(r.converged, "r.converged");
  assert.ok(
    Math.abs(r.root - Math.log(200)) <= 1e-4 * Math.log(200),
    "Math.abs(r.root - Math.log(200)) <= 1e-4 * Math.log(200)",
  );
  const tight = toms748(f, 0, 10);
  assert.ok(r.fCalls <= tight.fCalls, "r.fCalls <= tight.fCalls");
  assert.ok(
    Math.abs(tight.root - Math.log(200)) < 4e-15 * Math.log(200) + 2e-12,
    "Math.abs(tight.root - Math.log(200)) < 4e-15 * Math.log(200) + 2e-12",
  );
});

test("a bracket without a sign change throws a RangeError that names the bracket", () => {
  const f = (x: number) => x * x + 1;
  assert.throws(() => brent(f, -1, 2), /\[-1, 2\]/);
  assert.throws(() => toms748(f, -1, 2), /same sign at both ends of the bracket \[-1, 2\]/);
  assert.throws(() => toms748((x) => x, 1, 1), RangeError);
  assert.throws(() => toms748((x) => x, -1, 1, { rtol: 1e-17 }), /rtol/);
  assert.throws(() => brent(() => Number.NaN, -1, 1), /NaN/);
  // tiny values of the same sign must not pass as a sign change through underflow of fa * fb
  assert.throws(() => toms748(() => 1e-200, -1, 1), RangeError);
});

test("exact zeros at the ends or found on the way are returned with converged = true", () => {
  assert.equal(brent((x) => x, 0, 1).root, 0);
  assert.equal(toms748((x) => x - 1, 0, 1).root, 1);
  const r = toms748((x) => x, -1, 1);
  assert.equal(r.root, 0);
  assert.deepEqual(r.bracket, [0, 0]);
  assert.deepEqual(r.fBracket, [0, 0]);
  // reversed bracket is accepted
  assert.ok(
    Math.abs(toms748((x) => x - 0.3, 1, 0).root - 0.3) < 1e-12,
    "Math.abs(toms748((x) => x - 0.3, 1, 0).root - 0.3) < 1e-12",
  );
});

test("passing known fa, fb saves the two end-point calls", () => {
  const f = (x: number) => x * x - 2;
  const r1 = toms748(f, 0, 2);
  const r2 = toms748(f, 0, 2, { fa: -2, fb: 2 });
  assert.equal(r2.fCalls, r1.fCalls - 2);
  assert.equal(r2.root, r1.root);
});

test("non-convergence within maxIter is reported, not thrown", () => {
  const r = brent((x) => (x - 1) ** 9, 0, 1.5, { maxIter: 5 });
  assert.equal(r.converged, false);
  assert.equal(r.iterations, 5);
  const t = toms748((x) => Math.atan(x - 0.123), -1e6, 1e6, { maxIter: 1 });
  assert.equal(t.converged, false);
});

test("bracketRoot expands outward until a sign change, respecting lower/upper limits", () => {
  const f = (x: number) => x - 100;
  const br = bracketRoot(f, 0, 1);
  assert.ok(
    br.a <= 100 && br.b >= 100 && br.fa * br.fb <= 0,
    "br.a <= 100 && br.b >= 100 && br.fa * br.fb <= 0",
  );
  assert.ok(
    Math.abs(toms748(f, br.a, br.b, { fa: br.fa, fb: br.fb }).root - 100) < 1e-12,
    "Math.abs(toms748(f, br.a, br.b, { fa: br.fa, fb: br.fb }).root - 100) < 1e-12",
  );
  // root below the start, lower limit 0 (like a signal strength mu >= 0)
  const g = (x: number) => x - 0.01;
  const bg = bracketRoot(g, 1, 2, { lower: 0 });
  assert.ok(bg.a >= 0 && bg.a <= 0.01 && bg.b >= 0.01, "bg.a >= 0 && bg.a <= 0.01 && bg.b >= 0.01");
  // no root: RangeError naming the last interval
  assert.throws(
    () => bracketRoot((x) => x * x + 1, 0, 1, { maxIter: 10 }),
    /no sign change of f found in \[/,
  );
  assert.throws(() => bracketRoot((x) => x + 5, 0, 1, { lower: 0 }), /no sign change/);
});
