"""Validates what a recording transport received against the generated JSON Schemas.

usage: validate_payloads.py SCHEMA_DIR [PAYLOADS.jsonl]
Every *.schema.json in SCHEMA_DIR must be a valid draft 2020-12 schema. Each line of
PAYLOADS.jsonl whose kind is "send" or "consent" must validate against the schema of
its event. Prints one line per problem; exit 1 if any.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

schema_dir = sys.argv[1]
schemas = {}
problems = []
for name in sorted(os.listdir(schema_dir)):
    if not name.endswith(".schema.json"):
        continue
    with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
        schema = json.load(f)
    try:
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # SchemaError
        problems.append(f"{name}: not a valid draft 2020-12 schema: {e}")
        continue
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        problems.append(f"{name}: $schema is {schema.get('$schema')!r}")
    schemas[schema["title"] if "title" in schema else name[: -len(".schema.json")]] = schema
    schemas[name[: -len(".schema.json")]] = schema

checked = 0
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            o = json.loads(line)
            if o.get("kind") not in ("send", "consent"):
                continue
            schema = schemas.get(o["event"])
            if schema is None:
                problems.append(f"line {n}: no schema for event {o['event']!r}")
                continue
            v = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            for e in v.iter_errors(o["properties"]):
                problems.append(f"line {n}: {o['event']}: {e.message} at {list(e.absolute_path)}")
            checked += 1

for p in problems:
    print(p)
print(f"schemas: {len(set(map(id, schemas.values())))}, payloads checked: {checked}, problems: {len(problems)}")
sys.exit(1 if problems else 0)
