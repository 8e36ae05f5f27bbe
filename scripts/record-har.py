#!/usr/bin/env python3
"""Records Tests/Fixtures/verify/page-load.har from a real page load.

Serves scripts/har-page/ on a local port, loads it in headless Chromium, listens to the
DevTools protocol's Network events (what Chrome's own "Save all as HAR" is built from) and
writes them as HAR 1.2. Needs chromium and `pip install websocket-client`. Run it again only
to refresh the fixture; the verify tests assert the findings' lines in the file it wrote.

usage: scripts/record-har.py OUT.har
"""
import datetime
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

import websocket

PAGE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "har-page")


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, body, mime):
        data = body.encode()
        self.send_response(200)
        self.send_header("content-type", mime)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        if path == "/":
            with open(os.path.join(PAGE_DIR, "index.html"), encoding="utf-8") as f:
                self.reply(f.read(), "text/html; charset=utf-8")
        elif path == "/static/app.css":
            self.reply("body { font-family: sans-serif; }\n", "text/css")
        else:
            self.reply("{}", "application/json")

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.reply('{"ok":true}', "application/json")


def main(out):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    profile = tempfile.mkdtemp(prefix="har-chromium-")
    chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=9333",
                               f"--user-data-dir={profile}", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen("http://127.0.0.1:9333/json/list"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        ws = websocket.create_connection(page["webSocketDebuggerUrl"])
        ids = iter(range(1, 10_000))

        def call(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            return i

        call("Network.enable")
        call("Page.enable")
        call("Page.navigate", url=f"http://127.0.0.1:{port}/")
        requests, order, pending_bodies = {}, [], {}
        deadline = time.time() + 20
        done = False
        while time.time() < deadline and not done:
            ws.settimeout(max(0.1, deadline - time.time()))
            msg = json.loads(ws.recv())
            m, p = msg.get("method"), msg.get("params", {})
            if m == "Network.requestWillBeSent":
                r = p["request"]
                requests[p["requestId"]] = {"request": r, "wallTime": p["wallTime"], "timestamp": p["timestamp"]}
                order.append(p["requestId"])
                if r.get("hasPostData") and "postData" not in r:
                    pending_bodies[call("Network.getRequestPostData", requestId=p["requestId"])] = p["requestId"]
            elif m == "Network.responseReceived" and p["requestId"] in requests:
                requests[p["requestId"]]["response"] = p["response"]
            elif m == "Network.loadingFinished" and p["requestId"] in requests:
                requests[p["requestId"]]["end"] = p["timestamp"]
                requests[p["requestId"]]["size"] = p.get("encodedDataLength", -1)
            elif "id" in msg and msg["id"] in pending_bodies:
                requests[pending_bodies[msg["id"]]]["request"]["postData"] = msg["result"]["postData"]
            elif m == "Page.loadEventFired":
                deadline = min(deadline, time.time() + 2)
            if any("/b?" in requests[i]["request"]["url"] and "end" in requests[i] for i in order):
                done = True
        ws.close()
    finally:
        chrome.terminate()
        chrome.wait()
        server.shutdown()

    entries = []
    for rid in order:
        r = requests[rid]
        req, res = r["request"], r.get("response", {})
        url = urllib.parse.urlparse(req["url"])
        started = datetime.datetime.fromtimestamp(r["wallTime"], datetime.timezone.utc)
        entry = {
            "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "time": round(((r.get("end") or r["timestamp"]) - r["timestamp"]) * 1000, 3),
            "request": {
                "method": req["method"], "url": req["url"], "httpVersion": res.get("protocol", "http/1.1"),
                "headers": [{"name": k, "value": v} for k, v in req.get("headers", {}).items()],
                "queryString": [{"name": k, "value": v} for k, v in urllib.parse.parse_qsl(url.query, keep_blank_values=True)],
                "cookies": [], "headersSize": -1, "bodySize": len(req.get("postData", "")),
            },
            "response": {
                "status": res.get("status", 0), "statusText": res.get("statusText", ""), "httpVersion": res.get("protocol", "http/1.1"),
                "headers": [{"name": k, "value": v} for k, v in res.get("headers", {}).items()], "cookies": [],
                "content": {"size": r.get("size", -1), "mimeType": res.get("mimeType", "")},
                "redirectURL": "", "headersSize": -1, "bodySize": r.get("size", -1),
            },
            "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0},
        }
        if "postData" in req:
            entry["request"]["postData"] = {"mimeType": req.get("headers", {}).get("Content-Type", "application/octet-stream"), "text": req["postData"]}
        entries.append(entry)
    har = {"log": {"version": "1.2", "creator": {"name": "trackplan scripts/record-har.py (Chromium DevTools protocol)", "version": "1"},
                   "pages": [], "entries": entries}}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(har, f, indent=2)
        f.write("\n")
    print(f"{out}: {len(entries)} requests")


if __name__ == "__main__":
    main(sys.argv[1])
