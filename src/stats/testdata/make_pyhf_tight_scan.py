"""Converged pyhf CLs (mu = 1, qtilde, asymptotics) for some Belle II-like scan patches.

See make_pyhf_tight.py for why and how to run (same environment). Produced pyhfTight.scan.json:
    PYTHONPATH=<pyhf>/src /usr/bin/python3 make_pyhf_tight_scan.py mZp_5p6429 mZp_5p1122 mZp_2p4592 mZp_1p0000 > pyhfTight.scan.json
"""
import json, logging, sys, time, warnings
import pyhf
warnings.filterwarnings("ignore"); logging.disable(logging.CRITICAL)
V = "/work/shared/validation/pyhf/belle2_like/"
base = json.load(open(V + "zprime_invisible_staterror.json"))
patches = {p["metadata"]["name"]: p["patch"] for p in json.load(open(V + "zprime_invisible_scan_patches.json"))["patches"]}
pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-14))
out = {}
for name in sys.argv[1:]:
    t0 = time.time()
    ws = pyhf.Workspace(base)
    m = ws.model(patches=[patches[name]])
    data = ws.data(m)
    o, e = pyhf.infer.hypotest(1.0, data, m, test_stat="qtilde", return_expected_set=True)
    out[name] = {"obs": float(o), "exp": [float(x) for x in e], "seconds": time.time() - t0}
    print(name, out[name], file=sys.stderr, flush=True)
json.dump({"pyhf": pyhf.__version__, "optimizer": "scipy SLSQP tolerance=1e-14", "what": "hypotest mu=1 qtilde asymptotics", "results": out}, sys.stdout, indent=1)
