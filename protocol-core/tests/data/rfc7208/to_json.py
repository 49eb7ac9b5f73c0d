#!/usr/bin/env python3
"""Writes rfc7208-tests.json from rfc7208-tests.yml, document by document, as
PyYAML reads it (no other change), so that the Rust test needs no YAML
parser. Run it again only when the .yml is replaced:
    python3 protocol-core/tests/data/rfc7208/to_json.py
"""
import json, os, yaml

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "rfc7208-tests.yml"), "rb") as f:
    docs = list(yaml.safe_load_all(f))
with open(os.path.join(here, "rfc7208-tests.json"), "w") as f:
    json.dump(docs, f, indent=1, sort_keys=False, ensure_ascii=False)
    f.write("\n")
print(f"{len(docs)} scenarios, {sum(len(d['tests']) for d in docs)} tests")
