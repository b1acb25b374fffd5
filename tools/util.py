"""Small shared helpers for tools/lda_bench.py (copied from the development cases' tools)."""
import json, os, platform, subprocess, time, math
import numpy as np

PY_PACKAGES = ["numpy", "scipy", "sklearn", "gensim"]


def machine_info():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    vers = {}
    for m in PY_PACKAGES:
        try:
            vers[m] = __import__(m).__version__
        except Exception:
            vers[m] = None
    return {
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "packages": vers,
        "note": "timings are single measurements on a shared 2-core VM; treat as +-30% noisy",
    }


def _clean(o, digits=7):
    if isinstance(o, dict):
        return {str(k): _clean(v, digits) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_clean(v, digits) for v in o]
    if isinstance(o, np.ndarray):
        return _clean(o.tolist(), digits)
    if isinstance(o, (np.floating,)):
        o = float(o)
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.bool_,)):
        return bool(o)
    if isinstance(o, float):
        if math.isnan(o) or math.isinf(o):
            return None
        return float(f"{o:.{digits}g}")
    return o


def write_json(path, obj, digits=7):
    """floats are written with `digits` significant digits"""
    with open(path, "w") as f:
        json.dump(_clean(obj, digits), f, indent=1)
        f.write("\n")


def read_json(path):
    with open(path) as f:
        return json.load(f)


def fmt(v):
    """compact float formatting for data files"""
    return f"{float(v):.6g}"


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(fmt(v) if isinstance(v, (float, np.floating)) else str(v) for v in r) + "\n")


def write_regression_jsonl(path, key, X, y, ids=None):
    """one event per line: {"key":..,"i":..,"x":[..],"y":..}"""
    with open(path, "w") as f:
        for j in range(X.shape[0]):
            i = int(ids[j]) if ids is not None else j
            yv = y[j]
            yv = int(yv) if float(yv).is_integer() and abs(yv) < 2 else float(fmt(yv))
            xs = ",".join(fmt(v) for v in X[j])
            f.write('{"key":"%s","i":%d,"x":[%s],"y":%s}\n' % (key, i, xs, json.dumps(yv)))


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *a):
        self.s = time.perf_counter() - self.t0
