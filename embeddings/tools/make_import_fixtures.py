#!/usr/bin/env python3
"""Writes the committed .npy fixtures of the vector importer's tests with NumPy itself (so the Java
reader is tested against what numpy.save really writes), into
embeddings/src/test/resources/fixtures/import/. Deterministic; re-run after changing it:

    python3 embeddings/tools/make_import_fixtures.py
"""
import json
import pathlib

import numpy as np
from numpy.lib import format as npformat

out = pathlib.Path(__file__).resolve().parent.parent / "src/test/resources/fixtures/import"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(17)
good = rng.standard_normal((6, 8)).astype(np.float32)

np.save(out / "good-f32.npy", good)
np.save(out / "good-f16.npy", good.astype(np.float16))
np.save(out / "good-be.npy", good.astype(">f4"))
with open(out / "good-v2.npy", "wb") as f:
    npformat.write_array(f, good, version=(2, 0))
np.save(out / "fortran.npy", np.asfortranarray(good))
np.save(out / "int32.npy", (good * 100).astype(np.int32))
np.save(out / "three-d.npy", good.reshape(2, 3, 8))
np.save(out / "float64.npy", good.astype(np.float64))
with open(out / "truncated.npy", "wb") as f:
    f.write((out / "good-f32.npy").read_bytes()[:-10])

# rows with problems: 0 good, 1 NaN, 2 zero, 3 +inf, 4 good, 5 good (its id repeats row 4's)
problems = good.copy()
problems[1, 3] = np.nan
problems[2, :] = 0
problems[3, 0] = np.inf
np.save(out / "problems.npy", problems)

expected = {
    "f32": good.tolist(),
    "f16": good.astype(np.float16).astype(np.float32).tolist(),
}
(out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
print("wrote", sorted(p.name for p in out.iterdir()))
