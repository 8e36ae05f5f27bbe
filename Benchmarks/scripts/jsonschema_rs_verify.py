"""The comparison for `trackplan verify` in `make bench`: validate the same captured
events with jsonschema-rs (Rust, via Python) against the JSON Schemas that
`trackplan generate jsonschema` wrote. Prints one line: events, invalid, seconds, events/s.

usage: jsonschema_rs_verify.py SCHEMA_DIR CAPTURE.jsonl
"""
import json
import os
import sys
import time

import jsonschema_rs

schema_dir, capture = sys.argv[1], sys.argv[2]
validators = {}
for name in os.listdir(schema_dir):
    if name.endswith(".schema.json"):
        with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
            schema = json.load(f)
        validators[schema["title"]] = jsonschema_rs.validator_for(schema)

start = time.perf_counter()
events = invalid = 0
with open(capture, "rb") as f:
    for line in f:
        o = json.loads(line)
        v = validators.get(o.get("event"))
        events += 1
        if v is None or not v.is_valid(o.get("properties", {})):
            invalid += 1
seconds = time.perf_counter() - start
print(f"{events} {invalid} {seconds:.3f} {events / seconds:.0f}")
