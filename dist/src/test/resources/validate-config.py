#!/usr/bin/env python3
"""Validates YAML files against a JSON Schema (2020-12) with Debian's python3-jsonschema.

usage: validate-config.py SCHEMA FILE...
Prints one line per file: "valid FILE" or "invalid FILE: PATH: MESSAGE" (the first error), and exits 0.
"""
import json
import sys

import jsonschema
import yaml

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for name in sys.argv[2:]:
    with open(name, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        print(f"invalid {name}: {errors[0].json_path}: {errors[0].message}")
    else:
        print(f"valid {name}")
