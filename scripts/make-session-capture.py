#!/usr/bin/env python3
"""Writes Tests/Fixtures/verify/session-3000.jsonl: a 3,000-event capture of the verify
test workspace's feed, as a real session would send it (each page view exposes cards,
then some are clicked), with planted defects at known places:
  - every 250th event sends position_index as a string      -> 12 verify/wrong-type
  - every 400th event reuses the previous event's event_id  ->  7 verify/duplicate-event-id
  - a click at every 600th event comes in a page view with no exposure -> 5 verify/click-without-exposure
Deterministic: no randomness, so the tests can assert every count.

usage: scripts/make-session-capture.py OUT.jsonl
"""
import json
import sys

terminals = ["ios", "android", "web", "mini_program"]
lines = []
n = 0
view = 0
while n < 3000:
    view += 1
    terminal = terminals[view % 4]
    cards = [f"c{(view * 7 + k) % 500}" for k in range(3)]
    for k, card in enumerate(cards):
        if n >= 3000:
            break
        lines.append(("feed_card_exposure", terminal, f"pv{view}", card, k))
        n += 1
    if terminal != "mini_program" and n < 3000:
        lines.append(("feed_card_click", terminal, f"pv{view}", cards[0], 0))
        n += 1

out = []
for i, (event, terminal, pv, card, index) in enumerate(lines, start=1):
    event_id = f"00000000-0000-4000-8000-{i:012d}"
    if i % 400 == 0:
        event_id = f"00000000-0000-4000-8000-{i - 1:012d}"
    if event == "feed_card_click" and i % 600 == 0:
        pv = f"pv-orphan-{i}"
    props = {"event_id": event_id, "page_view_id": pv, "client_ts": 1732406400000 + i * 250, "card_id": card,
             "position_index": str(index) if i % 250 == 0 else index}
    if event == "feed_card_exposure":
        props["layout"] = "grid" if i % 2 else "list"
    else:
        props["score"] = round((i % 100) / 100, 2)
        props["tags"] = ["new"]
    out.append(json.dumps({"type": "track", "event": event, "properties": props, "context": {"terminal": terminal}}, separators=(",", ":")))

with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
print(f"{sys.argv[1]}: {len(out)} events")
