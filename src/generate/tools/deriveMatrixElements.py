#!/usr/bin/env python3
"""Derive the spin-summed |M|^2 of e+e- -> gamma* -> mu-(k1) mu+(k2) X(q), X = vector Z' or scalar S
radiated off either muon (physics.md 4.1), with full muon mass, keeping the beam direction.

Dirac traces are done with a small self-written engine (4 dimensions):
  * contracted index pairs are removed with  g^a X y g_a = 2 y X - (g^a X g_a) y,  g^a g_a = 4
    (follows from {g^a, y} = 2 y^a), applied recursively;
  * traces of slashed vectors with Tr(a1 .. an) = sum_k (-1)^k (a1.ak) Tr(a2 .. ^ak .. an).
The lepton tensor (m_e = 0) Tr[p2/ g_n p1/ g_n'] = 4 (p2_n p1_n' + p1_n p2_n' - g_nn' p1.p2) is
contracted by substitution. The Z' polarisation sum is -g (the q q / M^2 part drops: conserved
current). For the Z' -> mu mu spin correlation the generic contraction P^{aa'} A_a B_a' with two
free vectors A, B is also produced.

Output: `python3 deriveMatrixElements.py` writes the traces to /tmp/mumux-me.pkl (checked against
explicit Dirac matrices by checkMatrixElements.py); `python3 deriveMatrixElements.py ts` prints
TypeScript bodies that were pasted into src/generate/mumuXMatrixElement.ts and
zprimeSpinCorrelation.ts (then Math.pow(x, k) rewritten as products: 3x faster in V8).
Needs sympy (used only to collect and simplify coefficients).
"""
import itertools
import sys
from functools import lru_cache

import sympy as sp

# ------------------------------------------------------------------ algebra of items
# A monomial is (coeff, tuple(items)); an item is ('v', name) for a slashed vector or ('i', idx)
# for a gamma matrix with a Lorentz index. Identity/mass terms are dropped items with a coefficient.

DOT = {}


def dot(a, b):
    key = tuple(sorted((a, b)))
    return DOT[key]


def contract_pair(items, i, j):
    """g^a X g_a with items[i], items[j] the contracted pair; returns list of (c, items)."""
    X = items[i + 1 : j]
    pre = items[:i]
    post = items[j + 1 :]
    return [(c, pre + r + post) for c, r in gXg(tuple(X))]


@lru_cache(maxsize=None)
def gXg(X):
    if len(X) == 0:
        return ((sp.Integer(4), ()),)
    y = X[-1]
    Xp = X[:-1]
    out = [(sp.Integer(2), (y,) + Xp)]
    for c, r in gXg(Xp):
        out.append((-c, r + (y,)))
    return tuple(out)


def remove_indices(mono):
    """Recursively eliminate contracted index pairs; returns list of (coeff, vectors-only items)."""
    c, items = mono
    idx_pos = {}
    for p, it in enumerate(items):
        if it[0] == "i":
            if it[1] in idx_pos:
                i = idx_pos[it[1]]
                res = []
                for c2, r in contract_pair(items, i, p):
                    res.extend(remove_indices((c * c2, r)))
                return res
            idx_pos[it[1]] = p
    if idx_pos:
        raise ValueError("free index left: %s" % (items,))
    return [(c, items)]


@lru_cache(maxsize=None)
def trace_vectors(names):
    n = len(names)
    if n == 0:
        return sp.Integer(4)
    if n % 2:
        return sp.Integer(0)
    a = names[0]
    tot = sp.Integer(0)
    for k in range(1, n):
        sign = 1 if k % 2 == 1 else -1
        rest = names[1:k] + names[k + 1 :]
        tot += sign * dot(a, names[k]) * trace_vectors(rest)
    return sp.expand(tot)


def trace(factors):
    """factors: list of lists of (coeff, item-or-None). Returns the trace of the product."""
    total = sp.Integer(0)
    for combo in itertools.product(*factors):
        c = sp.Integer(1)
        items = []
        for cc, it in combo:
            c = c * cc
            if it is not None:
                items.append(it)
        if c == 0:
            continue
        for c2, its in remove_indices((c, tuple(items))):
            total += c2 * trace_vectors(tuple(it[1] for it in its))
    return sp.expand(total)


def V(name, c=1):
    return [(sp.Integer(c), ("v", name))]


def G(idx):
    return [(sp.Integer(1), ("i", idx))]


m, M, s, s1, s2, u1, u2 = sp.symbols("m M s s1 s2 u1 u2")
one = [(sp.Integer(1), None)]


def vsum(*terms):
    """terms: (coeff, name) or (coeff, None) for the identity."""
    return [(sp.sympify(c), ("v", n) if n else None) for c, n in terms]


# propagator numerators: S1 = k1/ + q/ + m, S2 = -k2/ - q/ + m (denominators kept apart)
S1 = vsum((1, "k1"), (1, "q"), (m, None))
S2 = vsum((-1, "k2"), (-1, "q"), (m, None))
K1 = vsum((1, "k1"), (m, None))
K2m = vsum((1, "k2"), (-m, None))


def set_dots(extra=None):
    DOT.clear()
    k1q = (s1 - m**2 - M**2) / 2
    k2q = (s2 - m**2 - M**2) / 2
    k1k2 = (s - s1 - s2 + M**2) / 2
    k1Q = m**2 + k1k2 + k1q
    k2Q = m**2 + k1k2 + k2q
    qQ = M**2 + k1q + k2q
    p1q = s / 2 - u1 - u2
    vals = {
        ("p1", "p1"): 0,
        ("p2", "p2"): 0,
        ("p1", "p2"): s / 2,
        ("k1", "k1"): m**2,
        ("k2", "k2"): m**2,
        ("q", "q"): M**2,
        ("k1", "q"): k1q,
        ("k2", "q"): k2q,
        ("k1", "k2"): k1k2,
        ("k1", "p1"): u1,
        ("k2", "p1"): u2,
        ("p1", "q"): p1q,
        ("k1", "p2"): k1Q - u1,
        ("k2", "p2"): k2Q - u2,
        ("p2", "q"): qQ - p1q,
    }
    if extra:
        vals.update(extra)
    for (a, b), v in vals.items():
        DOT[tuple(sorted((a, b)))] = sp.sympify(v)
    trace_vectors.cache_clear()


def hadronic(vertex_factors, lep_sub):
    """Tr[(k1/+m) O^n (k2/-m) Obar^n'] with n, n' replaced per lep_sub = (left, right) factor."""
    left, right = lep_sub
    # diagrams: O = V S1 g^n / D1 + g^n S2 V / D2 ; Obar = g^n' S1 Vbar / D1 + Vbar S2 g^n' / D2
    Vl, Vr = vertex_factors
    d1 = [Vl, S1, left]
    d2 = [left, S2, Vl]
    e1 = [right, S1, Vr]
    e2 = [Vr, S2, right]
    res = {}
    for (a, da), (b, db) in itertools.product([("1", d1), ("2", d2)], [("1", e1), ("2", e2)]):
        f = [K1] + [x for x in da if x is not None] + [K2m] + [x for x in db if x is not None]
        res[a + b] = trace(f)
    return res


def lepton_contracted(vertex_factors):
    """L_{nn'} H^{nn'} with L = 4 (p2_n p1_n' + p1_n p2_n' - g_nn' s/2), split by denominators."""
    t_a = hadronic(vertex_factors, (V("p2"), V("p1")))
    t_b = hadronic(vertex_factors, (V("p1"), V("p2")))
    t_c = hadronic(vertex_factors, (G("nu"), G("nu")))
    out = {}
    for key in t_a:
        out[key] = sp.expand(4 * (t_a[key] + t_b[key] - s / 2 * t_c[key]))
    return out


def combine(parts):
    D1 = s1 - m**2
    D2 = s2 - m**2
    return parts["11"] / D1**2 + (parts["12"] + parts["21"]) / (D1 * D2) + parts["22"] / D2**2


def ts(expr):
    e = sp.sstr(expr).replace("**", "^")
    return e


if __name__ == "__main__" and (len(sys.argv) < 2 or sys.argv[1] != "ts"):
    set_dots()
    mode = sys.argv[1] if len(sys.argv) > 1 else "all"
    results = {}
    # vector, polarisation sum -g_{aa'}: -Tr[... g^a ... g_a ...]
    vec = lepton_contracted((G("al"), G("al")))
    vec = {k: sp.expand(-v) for k, v in vec.items()}
    sca = lepton_contracted((None, None))
    results["vector"] = vec
    results["scalar"] = sca
    # generic contraction P^{aa'} A_a B_a' (vector), A and B free vectors
    A_names = ["p1", "p2", "k1", "k2", "q"]
    extra = {}
    syms = {}
    for n in A_names:
        syms[("A", n)] = sp.Symbol("A_" + n)
        syms[("B", n)] = sp.Symbol("B_" + n)
        extra[("A", n)] = syms[("A", n)]
        extra[("B", n)] = syms[("B", n)]
    extra[("A", "B")] = sp.Symbol("A_B")
    extra[("A", "A")] = sp.Symbol("A_A")
    extra[("B", "B")] = sp.Symbol("B_B")
    set_dots(extra)
    vab = lepton_contracted((V("A"), V("B")))
    results["vectorAB"] = vab
    import pickle

    with open("/tmp/mumux-me.pkl", "wb") as fh:
        pickle.dump({k: {kk: sp.srepr(vv) for kk, vv in v.items()} for k, v in results.items()}, fh)
    for name, parts in results.items():
        for key, val in parts.items():
            print(name, key, len(sp.Add.make_args(val)), "terms")


# ------------------------------------------------------------------ TypeScript code generation
def emit_ts():
    """Print TS bodies: coefficients of T = c0 + c1 u1 + c2 u2 + c11 u1^2 + c12 u1 u2 + c22 u2^2,
    with T = L_{nn'} H^{nn'} (polarisation-summed, e^4 g^2 / s^2 stripped) and u_i = p1.k_i."""
    import pickle

    d = pickle.load(open("/tmp/mumux-me.pkl", "rb"))
    m2, M2, D1, D2 = sp.symbols("m2 M2 D1 D2")
    ns = {"Symbol": sp.Symbol, "Integer": sp.Integer, "Rational": sp.Rational, "Add": sp.Add,
          "Mul": sp.Mul, "Pow": sp.Pow}

    def load(name):
        parts = {k: sp.sympify(eval(v, ns)) for k, v in d[name].items()}
        e = parts["11"] / D1**2 + (parts["12"] + parts["21"]) / (D1 * D2) + parts["22"] / D2**2
        # s1 = D1 + m^2, s2 = D2 + m^2: express in propagator denominators (better cancellation)
        e = e.subs({s1: D1 + m**2, s2: D2 + m**2})
        e = sp.expand(e).subs({m: sp.sqrt(m2), M: sp.sqrt(M2)})
        return sp.expand(e)

    for name in ("vector", "scalar"):
        e = load(name)
        poly = sp.Poly(e, u1, u2)
        coeffs = []
        for mon in [(0, 0), (1, 0), (0, 1), (2, 0), (1, 1), (0, 2)]:
            c = poly.coeff_monomial(u1 ** mon[0] * u2 ** mon[1])
            coeffs.append(sp.collect(sp.expand(c), [D1, D2]))
        repl, red = sp.cse(coeffs, symbols=sp.numbered_symbols("t"))
        print("// ----", name)
        for sym, val in repl:
            print(f"const {sym} = {sp.jscode(val)};")
        for i, val in enumerate(red):
            print(f"out[{i}] = {sp.jscode(val)};")
    # spin-correlation contraction P^{aa'} A_a B_a'
    e = load("vectorAB")
    repl, red = sp.cse([e], symbols=sp.numbered_symbols("t"))
    print("// ---- vectorAB")
    for sym, val in repl:
        print(f"const {sym} = {sp.jscode(val)};")
    print(f"return {sp.jscode(red[0])};")


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "ts":
    emit_ts()
