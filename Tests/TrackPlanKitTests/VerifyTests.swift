import Foundation
import Testing
@testable import TrackPlanKit

/// `trackplan verify`: captures with planted defects of every kind (each finding asserted
/// by line and rule), a HAR file of a page load, the capture mapping, coverage and the
/// verdict, --record feeding the release gate, output formats, and the JSON tape reader
/// checked against Foundation's JSONSerialization.
@Suite struct VerifyTests {
    static let dir: URL = TestPaths.fixtures.appendingPathComponent("verify")
    static let workspace: URL = dir.appendingPathComponent("workspace")
    static let env = ["TRACKPLAN_NOW": "2026-11-25T09:00:00Z", "NO_COLOR": "1", "TRACKPLAN_USER": "",
                      "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "HOME": "/nonexistent"]

    static func verify(_ args: [String], in dir: URL = workspace) throws -> CLI.Result {
        try CLI.run(["verify"] + args, in: dir, env: env)
    }

    static func findings(_ args: [String], in dir: URL = workspace) throws -> (result: CLI.Result, pairs: [String]) {
        let r = try verify(args + ["--format", "json"], in: dir)
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(r.out.utf8))
        guard case .object(let o) = doc, case .array(let list)? = o["findings"] else { return (r, []) }
        let pairs = list.compactMap { f -> String? in
            guard case .object(let f) = f, case .number(let line)? = f["line"], case .string(let rule)? = f["rule"],
                  case .string(let path)? = f["path"] else { return nil }
            return "\((path as NSString).lastPathComponent):\(Int(line)) \(rule)"
        }
        return (r, pairs)
    }

    static func sandbox(_ name: String) throws -> URL { try Sandbox.workspace("verify-\(name)", from: workspace) }

    // MARK: - Planted defects

    @Test func everyPlantedDefectIsFoundAtItsLine() throws {
        let (r, pairs) = try Self.findings(["../defects.jsonl"])
        #expect(r.code == 1)
        let expected = [
            "defects.jsonl:3 verify/unknown-event",
            "defects.jsonl:4 verify/terminal-not-planned",
            "defects.jsonl:5 verify/unknown-terminal",
            "defects.jsonl:6 verify/missing-parameter",          // position_index, required on android
            // line 7: the same on mini_program, where an override makes it optional: nothing
            "defects.jsonl:8 verify/wrong-type",                 // "3" for an integer
            "defects.jsonl:9 verify/enum-value",                 // "carousel"
            "defects.jsonl:9 verify/enum-value",                 // "2" for an integer enum
            "defects.jsonl:10 verify/length",
            "defects.jsonl:11 verify/pattern",
            "defects.jsonl:12 verify/format",                    // not a uuid
            "defects.jsonl:13 verify/out-of-range",
            "defects.jsonl:14 verify/unexpected-parameter",
            "defects.jsonl:15 verify/out-of-range",              // author.followers
            "defects.jsonl:15 verify/unexpected-parameter",      // author.name
            "defects.jsonl:15 verify/missing-parameter",         // author.id
            "defects.jsonl:15 verify/item-count",                // tags: []
            "defects.jsonl:16 verify/length",                    // tags[1]
            "defects.jsonl:16 verify/wrong-type",                // tags[2]
            "defects.jsonl:16 verify/out-of-range",              // score
            "defects.jsonl:16 verify/wrong-type",                // liked
            "defects.jsonl:17 verify/format",                    // user_email
            "defects.jsonl:17 verify/missing-common-parameter",  // page_view_id
            "defects.jsonl:18 verify/duplicate-event-id",
            "defects.jsonl:19 verify/duplicate-exposure",
            "defects.jsonl:20 verify/click-without-exposure",
            "defects.jsonl:21 verify/out-of-range",              // a negative timestamp
            "defects.jsonl:22 verify/wrong-type",                // a fractional timestamp
            "defects.jsonl:23 verify/no-event-name",
            "defects.jsonl:24 verify/malformed",                 // cut off; the next lines still checked
            // line 25: a Segment page call, skipped; line 26: blank
            "defects.jsonl:27 verify/missing-parameter",         // position_index: null on android
        ]
        #expect(pairs.sorted() == expected.sorted(), "\(pairs)")
        // Lines 1 and 2 are clean, and null for an optional parameter is fine.
        #expect(!pairs.contains { $0.hasPrefix("defects.jsonl:1 ") || $0.hasPrefix("defects.jsonl:2 ") })
    }

    @Test func textOutputNamesCaptureAndPlanPlaces() throws {
        let r = try Self.verify(["../defects.jsonl"])
        #expect(r.code == 1)
        #expect(r.out.contains("../defects.jsonl:11:1: error: 'feed_card_exposure'.card_id = \"x5\" does not match ^c[0-9]+$ (plan: plans/feed.yaml:18:7) [verify/pattern]"), "\(r.out)")
        #expect(r.out.contains("../defects.jsonl:3:1: error: event 'feed_card_clik' is not in any plan (did you mean 'feed_card_click'?)"))
        #expect(r.out.contains("\nFAIL: "))
        // From a sub-folder, plan places are written from there.
        let r3 = try Self.verify(["../../defects.jsonl"], in: Self.workspace.appendingPathComponent("plans"))
        #expect(r3.out.contains("(plan: ../plans/feed.yaml:18:7) [verify/pattern]"), "\(r3.out.prefix(600))")
    }

    // MARK: - Coverage and the verdict

    @Test func aCleanCaptureOfEveryEventPasses() throws {
        let d = try Self.sandbox("pass")
        defer { try? FileManager.default.removeItem(at: d) }
        let capture = d.appendingPathComponent("good.jsonl")
        try Data(Self.goodLines(terminals: ["ios", "android", "web"]).utf8).write(to: capture)
        let r = try Self.verify(["good.jsonl"], in: d)
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("PASS: every event matches the plan and every planned event was seen."))
        #expect(r.out.contains("No problems in 1 file."))
    }

    /// One exposure and one click per terminal, in order, all clean.
    static func goodLines(terminals: [String], skipClick: Bool = false, firstID: Int = 0) -> String {
        var lines: [String] = []
        var n = firstID
        for t in terminals {
            n += 1
            let pv = "pv-\(t)"
            lines.append(#"{"event":"feed_card_exposure","properties":{"event_id":"00000000-0000-4000-8000-0000000002\#(String(format: "%02d", n))","page_view_id":"\#(pv)","client_ts":1732406400000,"card_id":"c1","position_index":0},"context":{"terminal":"\#(t)"}}"#)
            if !skipClick {
                n += 1
                lines.append(#"{"event":"feed_card_click","properties":{"event_id":"00000000-0000-4000-8000-0000000002\#(String(format: "%02d", n))","page_view_id":"\#(pv)","client_ts":1732406400001,"card_id":"c1","position_index":0},"context":{"terminal":"\#(t)"}}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aPlannedEventNeverSeenFailsAtItsPlace() throws {
        let d = try Self.sandbox("unseen")
        defer { try? FileManager.default.removeItem(at: d) }
        try Data(Self.goodLines(terminals: ["ios"], skipClick: true).utf8).write(to: d.appendingPathComponent("c.jsonl"))
        let r = try Self.verify(["c.jsonl"], in: d)
        #expect(r.code == 1)
        #expect(r.out.contains("plans/feed.yaml:24:11: error: 'feed_card_click' was never seen on ios in the capture [verify/never-seen]"), "\(r.out)")
        #expect(r.out.contains("feed  feed_card_click     ios  never seen"))
        #expect(r.out.contains("FAIL: 1 planned event never seen."))
        // --terminal covers a terminal the capture does not name: its events must be seen too.
        let r2 = try Self.verify(["c.jsonl", "--terminal", "android", "--format", "json"], in: d)
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(r2.out.utf8))
        guard case .object(let o) = doc, case .object(let s)? = o["summary"], case .array(let unseen)? = s["unseen"] else {
            Issue.record("no summary"); return
        }
        #expect(unseen.count == 3, "\(unseen)")  // click on ios; exposure and click on android
        #expect(o["passed"] == .bool(false))
    }

    @Test func anEmptyCaptureIsNotAPass() throws {
        let d = try Self.sandbox("empty")
        defer { try? FileManager.default.removeItem(at: d) }
        try Data().write(to: d.appendingPathComponent("empty.jsonl"))
        let r = try Self.verify(["empty.jsonl"], in: d)
        #expect(r.code == 1)
        #expect(r.out.contains("FAIL: no planned events in the capture."))
    }

    // MARK: - Inputs

    /// Tests/Fixtures/verify/page-load.har was recorded from a real page load in headless
    /// Chromium by scripts/record-har.py (the page is scripts/har-page/index.html).
    @Test func harFileOfAPageLoad() throws {
        let (r, pairs) = try Self.findings(["../page-load.har"])
        #expect(r.code == 1)
        // The GraphQL call, the favicon and the page call are not events; the click's index
        // is a string, and the beacon repeats an exposure the batch already sent.
        #expect(pairs == ["page-load.har:242 verify/wrong-type", "page-load.har:394 verify/duplicate-exposure"], "\(pairs)")
        let text = try Self.verify(["../page-load.har"])
        #expect(text.out.contains("HAR entry 4 (POST http://127.0.0.1:37171/e)"))
        #expect(text.out.contains("(first at line 162)"))
        #expect(text.out.contains("4 events checked in 3 payloads, 1 skipped"))
    }

    /// A session of 3,000 events (scripts/make-session-capture.py) with defects planted at
    /// known lines: every one is found there, and nothing else.
    @Test func aSessionOfThreeThousandEvents() throws {
        let (r, pairs) = try Self.findings(["../session-3000.jsonl"])
        #expect(r.code == 1)
        var expected: [String] = []
        for i in stride(from: 250, through: 3000, by: 250) { expected.append("session-3000.jsonl:\(i) verify/wrong-type") }
        for i in stride(from: 400, through: 3000, by: 400) { expected.append("session-3000.jsonl:\(i) verify/duplicate-event-id") }
        let lines = try String(contentsOf: Self.dir.appendingPathComponent("session-3000.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3000)
        for i in stride(from: 600, through: 3000, by: 600) where lines[i - 1].contains("\"feed_card_click\"") {
            expected.append("session-3000.jsonl:\(i) verify/click-without-exposure")
        }
        #expect(pairs.sorted() == expected.sorted(), "\(pairs.sorted())")
        let summary = try JSONDecoder().decode(JSONValue.self, from: Data(r.out.utf8))
        guard case .object(let o) = summary, case .object(let s)? = o["summary"] else { Issue.record("no summary"); return }
        #expect(s["events"] == .number(3000))
        #expect(s["unseen"] == .array([]))
    }

    @Test func jsonArrayAndPrettyDocumentInputs() throws {
        let d = try Self.sandbox("array")
        defer { try? FileManager.default.removeItem(at: d) }
        let lines = Self.goodLines(terminals: ["web"]).split(separator: "\n")
        try Data(("[\n  " + lines.joined(separator: ",\n  ") + "\n]\n").utf8).write(to: d.appendingPathComponent("a.json"))
        var r = try Self.verify(["a.json", "--terminal", "web"], in: d)
        #expect(r.code == 0, "\(r.out)")
        // A defect in the second element is reported at its line.
        let broken = lines[1].replacingOccurrences(of: "\"card_id\":\"c1\"", with: "\"card_id\":\"bad\"")
        try Data(("[\n  " + lines[0] + ",\n  " + broken + "\n]").utf8).write(to: d.appendingPathComponent("b.json"))
        r = try Self.verify(["b.json"], in: d)
        #expect(r.out.contains("b.json:3:1: error: 'feed_card_click'.card_id = \"bad\" does not match"), "\(r.out)")
        // One pretty-printed event.
        let pretty = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(lines[0].utf8)), options: [.prettyPrinted])
        try pretty.write(to: d.appendingPathComponent("one.json"))
        r = try Self.verify(["one.json", "--plan", "feed", "--format", "json"], in: d)
        #expect(r.out.contains("\"events\" : 1"), "\(r.out)")
    }

    @Test func flatPayloadsWithACaptureMapping() throws {
        let d = try Self.sandbox("mapping")
        defer { try? FileManager.default.removeItem(at: d) }
        let settings = d.appendingPathComponent("trackplan.yaml")
        try Data((try String(contentsOf: settings, encoding: .utf8) + "capture:\n  event: name\n  terminal: platform\n  parameters: \"\"\n").utf8).write(to: settings)
        let line = #"{"name":"feed_card_exposure","platform":"ios","event_id":"00000000-0000-4000-8000-000000000301","page_view_id":"p","client_ts":1,"card_id":"c1","position_index":0,"extra":1}"#
        try Data((line + "\n").utf8).write(to: d.appendingPathComponent("flat.jsonl"))
        let (r, pairs) = try Self.findings(["flat.jsonl"], in: d)
        #expect(r.code == 1)
        // Only the undeclared key: name and platform are the envelope, not parameters.
        #expect(pairs.filter { !$0.contains("never-seen") } == ["flat.jsonl:1 verify/unexpected-parameter"], "\(pairs)")
    }

    @Test func hostileCapturesAreReportedNotFatal() throws {
        let d = try Self.sandbox("hostile")
        defer { try? FileManager.default.removeItem(at: d) }
        var bytes = Data()
        bytes.append(Data((String(repeating: "[", count: 100_000) + "\n").utf8))                       // deep nesting
        bytes.append(Data([0x7B, 0x22, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]))             // invalid UTF-8
        bytes.append(Data(("{\"event\":\"" + String(repeating: "x", count: 2_000_000) + "\"}\n").utf8))   // a huge line
        bytes.append(Data("{\"event\":\"feed_card_exposure\",\"properties\":{\"card_id\":\"\\ud800\"}}\n".utf8)) // a lone surrogate
        try bytes.write(to: d.appendingPathComponent("hostile.jsonl"))
        let (r, pairs) = try Self.findings(["hostile.jsonl"], in: d)
        #expect(r.code == 1)
        #expect(pairs.contains("hostile.jsonl:1 verify/malformed"))
        #expect(pairs.contains("hostile.jsonl:2 verify/malformed"))
        #expect(pairs.contains("hostile.jsonl:3 verify/unknown-event"))
        #expect(pairs.contains { $0.hasPrefix("hostile.jsonl:4 ") })
        let missing = try Self.verify(["nope.jsonl"], in: d)
        #expect(missing.code == 2)
        #expect(missing.err.contains("nope.jsonl: no such file"))
        // A workspace that does not load cleanly is refused, with the place of the error.
        let broken = try Sandbox.workspace("verify-broken", from: Self.workspace)
        let plan = broken.appendingPathComponent("plans/feed.yaml")
        try Data(try String(contentsOf: plan, encoding: .utf8).replacingOccurrences(of: "    parameters:\n      card_id: { type: string, required: true, pattern", with: "    paramaters:\n      card_id: { type: string, required: true, pattern").utf8).write(to: plan)
        let refused = try Self.verify([Self.dir.appendingPathComponent("defects.jsonl").path], in: broken)
        #expect(refused.code == 2)
        #expect(refused.err.contains("plans/feed.yaml:") && refused.err.contains("nothing verified"), "\(refused.err)")
        let folder = try Self.verify(["plans"], in: d)
        #expect(folder.code == 2)
        #expect(folder.err.contains("plans is a folder"))
    }

    // MARK: - Formats

    @Test func machineReadableFormats() throws {
        var r = try Self.verify(["../defects.jsonl", "--format", "github"])
        #expect(r.code == 1)
        #expect(r.out.contains("::error file=../defects.jsonl,line=11,col=1,"), "\(r.out.prefix(400))")
        r = try Self.verify(["../defects.jsonl", "--format", "junit"])
        #expect(r.out.contains("<testsuites"))
        #expect(r.out.contains("verify/pattern"))
        r = try Self.verify(["../defects.jsonl", "--format", "sarif"])
        #expect(r.out.contains("\"version\" : \"2.1.0\"") || r.out.contains("\"version\": \"2.1.0\""))
        r = try Self.verify(["../defects.jsonl", "--format", "yaml"])
        #expect(r.code == 2)
        r = try Self.verify(["../defects.jsonl", "--plan", "nope"])
        #expect(r.code == 2)
        #expect(r.err.contains("no plan 'nope'"))
    }

    // MARK: - --record and the release gate

    @Test func recordFeedsTheReleaseGate() throws {
        let d = try Self.sandbox("record")
        defer { try? FileManager.default.removeItem(at: d) }
        func tp(_ args: String...) throws -> CLI.Result { try CLI.run(args, in: d, env: Self.env) }

        // A failing capture, recorded: the gate refuses.
        var r = try CLI.run(["verify", Self.dir.appendingPathComponent("defects.jsonl").path, "--record", "--as", "qa@example.com"], in: d, env: Self.env)
        #expect(r.code == 1)
        #expect(r.err.contains("feed: verification failed recorded"), "\(r.err)")
        var plan = try String(contentsOf: d.appendingPathComponent("plans/feed.yaml"), encoding: .utf8)
        #expect(plan.contains("verification:\n  result: failed\n"), "\(plan)")
        r = try tp("advance", "feed", "--as", "a@example.com")
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.err.contains("verification"), "\(r.err)")

        // A passing capture, recorded: the gate opens.
        try Data(Self.goodLines(terminals: ["ios", "android", "web"]).utf8).write(to: d.appendingPathComponent("good.jsonl"))
        try Data(Self.goodLines(terminals: ["mini_program"], skipClick: true, firstID: 50).utf8).write(to: d.appendingPathComponent("mini.jsonl"))
        r = try CLI.run(["verify", "good.jsonl", "mini.jsonl", "--record", "--as", "qa@example.com", "--note", "build 4.2.0"], in: d, env: Self.env)
        #expect(r.code == 0, "\(r.out)\(r.err)")
        plan = try String(contentsOf: d.appendingPathComponent("plans/feed.yaml"), encoding: .utf8)
        #expect(plan.contains("  result: passed\n"))
        #expect(plan.contains("  by: qa@example.com\n"))
        #expect(plan.contains("  note: build 4.2.0\n"))
        #expect(plan.contains("  input: sha256:"))
        let digest = ContentDigest.of(plan: try #require(WorkspaceLoader().load(root: d.path).plans.first).node)
        #expect(plan.contains("  digest: \(digest)\n"))
        r = try tp("advance", "feed", "--as", "a@example.com")
        #expect(r.code == 0, "\(r.out)\(r.err)")

        // Without an identity, --record is refused and nothing is written.
        let before = try Data(contentsOf: d.appendingPathComponent("plans/feed.yaml"))
        r = try CLI.run(["verify", "good.jsonl", "--record"], in: d, env: Self.env)
        #expect(r.code == 2)
        #expect(try Data(contentsOf: d.appendingPathComponent("plans/feed.yaml")) == before)
    }

    /// Remembered event ids are bounded: a repeat within the window is caught, memory stops
    /// growing, and the oldest generation is forgotten.
    @Test func seenTableIsBounded() {
        var table = SeenTable(maxSlots: 64)
        for i in 0 ..< 10_000 {
            var h = Fingerprint()
            h.mix(UInt64(i))
            #expect(table.firstLine(of: h.value, orInsertAt: i) == nil, "key \(i) reported as seen")
            #expect(table.count <= 65, "\(table.count) keys held")  // two generations of at most 32 + 1
            // The last 32 keys (half the slots) are always remembered.
            if i >= 32 {
                var back = Fingerprint()
                back.mix(UInt64(i - 31))
                #expect(table.value(of: back.value) == i - 31)
            }
        }
        var first = Fingerprint()
        first.mix(0)
        #expect(table.value(of: first.value) == nil, "the first key should have been forgotten")
        // Unbounded by default up to its limit: 262,144 keys are all kept.
        var big = SeenTable()
        for i in 0 ..< 262_144 { _ = big.firstLine(of: UInt64(i) &* 0x9E37_79B9_7F4A_7C15 | 1, orInsertAt: i) }
        #expect(big.value(of: 0 &* 0x9E37_79B9_7F4A_7C15 | 1) == 0)
    }

    // MARK: - The JSON tape reader

    static let validJSON: [String] = [
        "{}", "[]", "0", "-0", "1.5", "-12.5e3", "1E+2", "1e-2", "123456789012345678", "true", "false", "null",
        "\"\"", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u4e2d\\ud83d\\ude00\"", "\"中文 😀\"",
        "{\"a\":[1,2,{\"b\":null}],\"c\":{\"d\":\"e\"}}", " \n\t[ 1 , 2 ] \r\n", "[[[[[[[[[[]]]]]]]]]]",
        "{\"a\":1,\"a\":2}", "{\"\":0}",
    ]
    static let invalidJSON: [String] = [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{a:1}", "{'a':1}", "01", "1.", ".5", "-", "+1", "1e", "0x10",
        "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"a\u{01}b\"", "[1 2]", "{\"a\" 1}", "1 2",
        "[\"a\",]", "{\"a\":}", "\"\\", "[", "[1,", "{\"a\":1",
    ]

    @Test func tapeAgreesWithFoundation() throws {
        var rng = SeededRandom(seed: 7)
        var docs = Self.validJSON
        for _ in 0 ..< 300 { docs.append(Self.randomJSON(&rng, depth: 0)) }
        for doc in docs {
            let bytes = Array(doc.utf8)
            var tape = JSONTape()
            let parsed: Bool = bytes.withUnsafeBufferPointer { b in (try? tape.parse(b)) != nil }
            #expect(parsed, "tape rejected valid \(doc)")
            guard parsed else { continue }
            let foundation = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
            let mine = bytes.withUnsafeBufferPointer { b in Self.value(tape, 0, b) }
            #expect(Self.same(mine, foundation), "differs on \(doc)")
        }
        for doc in Self.invalidJSON {
            var tape = JSONTape()
            let parsed: Bool = Array(doc.utf8).withUnsafeBufferPointer { b in (try? tape.parse(b)) != nil }
            #expect(!parsed, "tape accepted invalid \(doc.debugDescription)")
        }
        // Invalid UTF-8 and overlong forms are refused.
        for bad: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            var tape = JSONTape()
            #expect(bad.withUnsafeBufferPointer { b in (try? tape.parse(b)) == nil }, "accepted \(bad)")
        }
        // Depth is capped, without recursion trouble.
        var tape = JSONTape(maxDepth: 64)
        let deep = Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8)
        #expect(deep.withUnsafeBufferPointer { b in (try? tape.parse(b)) == nil })
    }

    static func value(_ t: JSONTape, _ i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Any {
        switch t.nodes[i].kind {
        case .null: return NSNull()
        case .true: return true
        case .false: return false
        case .number: return t.int(i, in: b).map { $0 as Any } ?? t.double(i, in: b)
        case .string: return t.string(i, in: b)
        case .array: return t.elements(i).map { value(t, $0, b) }
        case .object:
            var o: [String: Any] = [:]
            for (k, v) in t.members(i) { o[t.string(k, in: b)] = value(t, v, b) }
            return o
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case (is NSNull, is NSNull): return true
        case let (x as Bool, y as Bool): return x == y
        case let (x as Bool, y as NSNumber): return x == y.boolValue
        case let (x as Int, y as NSNumber): return Double(x) == y.doubleValue
        case let (x as Double, y as NSNumber): return x == y.doubleValue || abs(x - y.doubleValue) <= abs(x) * 1e-15
        case let (x as String, y as String): return x == y
        case let (x as [Any], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x as [String: Any], y as [String: Any]):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { same(v, $0) } ?? false }
        default: return false
        }
    }

    static func randomJSON(_ rng: inout SeededRandom, depth: Int) -> String {
        let pick = depth > 4 ? rng.next(5) : rng.next(7)
        switch pick {
        case 0: return "null"
        case 1: return rng.next(2) == 0 ? "true" : "false"
        case 2: return String(Int(rng.next(2_000_000)) - 1_000_000)
        case 3: return String(Double(rng.next(1_000_000)) / 1000.0 * (rng.next(2) == 0 ? -1 : 1))
        case 4:
            let alphabet = ["a", "Z", "0", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "中", "😀", "/", "\\/", "\\t"]
            return "\"" + (0 ..< rng.next(8)).map { _ in alphabet[rng.next(alphabet.count)] }.joined() + "\""
        case 5: return "[" + (0 ..< rng.next(4)).map { _ in randomJSON(&rng, depth: depth + 1) }.joined(separator: ",") + "]"
        default:
            return "{" + (0 ..< rng.next(4)).map { i in "\"k\(i)\":" + randomJSON(&rng, depth: depth + 1) }.joined(separator: ", ") + "}"
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(max(bound, 1)))
    }
}
