import Foundation
import Testing
@testable import TrackPlanKit

/// `trackplan generate`: the generated code is compiled by the real compilers (swiftc,
/// kotlinc, javac, tsc --strict, python3 -m py_compile), run against a recording
/// transport, and what the transport received is checked against the plan and against
/// the generated JSON Schemas.
@Suite struct CodegenTests {
    /// How one language's output is compiled and its harness run.
    struct Language: CustomTestStringConvertible, Sendable {
        var target: String
        var file: String
        var harness: String
        /// Commands that compile the generated file together with the harness.
        var build: [[String]]
        /// The command that runs the harness.
        var run: [String]
        /// Commands that compile the generated file alone (the hostile workspace).
        var compileOnly: [[String]]
        var testDescription: String { target }
    }

    static let languages: [Language] = [
        Language(target: "swift", file: "TrackPlanEvents.swift", harness: "main.swift",
                 build: [["swiftc", "-warnings-as-errors", "-o", "run", "TrackPlanEvents.swift", "main.swift"]], run: ["./run"],
                 compileOnly: [["swiftc", "-warnings-as-errors", "-parse-as-library", "-emit-library", "-o", "libevents.so", "TrackPlanEvents.swift"]]),
        Language(target: "kotlin", file: "TrackPlanEvents.kt", harness: "Main.kt",
                 build: [["kotlinc", "-Werror", "TrackPlanEvents.kt", "Main.kt", "-include-runtime", "-d", "run.jar"]], run: ["java", "-jar", "run.jar"],
                 compileOnly: [["kotlinc", "-Werror", "TrackPlanEvents.kt", "-d", "out"]]),
        Language(target: "java", file: "TrackPlanEvents.java", harness: "Main.java",
                 build: [["javac", "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-d", "out", "TrackPlanEvents.java", "Main.java"]], run: ["java", "-cp", "out", "Main"],
                 compileOnly: [["javac", "-encoding", "UTF-8", "-Xlint:all", "-Werror", "-d", "out", "TrackPlanEvents.java"]]),
        Language(target: "typescript", file: "trackplanEvents.ts", harness: "main.ts",
                 build: [["tsc", "--strict", "--noUnusedLocals", "--target", "es2019", "--module", "commonjs", "--outDir", "out", "main.ts", "trackplanEvents.ts"]],
                 run: ["node", "out/main.js"],
                 compileOnly: [["tsc", "--strict", "--noUnusedLocals", "--target", "es2019", "--module", "commonjs", "--outDir", "out", "trackplanEvents.ts"]]),
        Language(target: "python", file: "trackplan_events.py", harness: "main.py",
                 build: [["python3", "-W", "error", "-m", "py_compile", "trackplan_events.py"]], run: ["python3", "main.py"],
                 compileOnly: [["python3", "-W", "error", "-m", "py_compile", "trackplan_events.py"]]),
    ]

    static let codegen: URL = TestPaths.fixtures.appendingPathComponent("codegen")
    static let hostile: URL = codegen.appendingPathComponent("hostile")
    /// Workspaces built to break generated code: hostile names, and the smallest shapes
    /// (no common parameters, an event without parameters, an empty object and enum).
    static let oddWorkspaces = ["hostile", "minimal"]

    /// Runs a tool found on PATH; a missing compiler fails the test (CI installs them all:
    /// see `.ci/run`), it is never skipped.
    static func tool(_ argv: [String], in dir: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let exe: URL
        if argv[0].hasPrefix("./") {
            exe = dir.appendingPathComponent(String(argv[0].dropFirst(2)))
        } else {
            exe = try #require(Proc.which(argv[0]), "\(argv[0]) is not installed: run `make test-deps` (what .ci/run does)", sourceLocation: sourceLocation)
        }
        return try Proc.run(exe, Array(argv.dropFirst()), in: dir)
    }

    static func generate(_ target: String, workspace: URL = TestPaths.repository, out: URL, _ extra: [String] = []) throws {
        let r = try CLI.run(["generate", target, "--out", out.path] + extra, in: workspace)
        #expect(r.code == 0, "generate \(target): \(r.err)")
    }

    static func lines(_ text: String) throws -> [JSONValue] {
        try text.split(separator: "\n").map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
    }

    // MARK: - Runtime: the example workspace, compiled and called

    @Test(arguments: languages) func generatedCodeRunsAndSendsWhatThePlanSays(_ lang: Language) throws {
        let dir = try Sandbox.folder(lang.target)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate(lang.target, out: dir)
        try FileManager.default.copyItem(at: Self.codegen.appendingPathComponent("harness/\(lang.harness)"),
                                         to: dir.appendingPathComponent(lang.harness))
        for command in lang.build {
            let r = try Self.tool(command, in: dir)
            try #require(r.code == 0, "\(command.joined(separator: " ")) failed:\n\(r.out)\(r.err)")
        }
        let r = try Self.tool(lang.run, in: dir)
        try #require(r.code == 0, "\(lang.run.joined(separator: " ")) failed:\n\(r.out)\(r.err)")

        // The same calls give the same payloads, return values and rejections in every language.
        let expectedText = try String(contentsOf: Self.codegen.appendingPathComponent("expected-run.jsonl"), encoding: .utf8)
        let actual = try Self.lines(r.out)
        let expected = try Self.lines(expectedText)
        #expect(actual.count == expected.count, "\(r.out)")
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            #expect(a == e, "line \(i + 1): got \(a), expected \(e)")
        }

        // What was sent agrees with the plan itself ...
        let workspace = WorkspaceLoader().load(root: TestPaths.repository.path)
        try Self.checkAgainstPlan(actual, model: CodeModel.build(workspace))

        // ... and with the JSON Schemas generated from it.
        let schemas = dir.appendingPathComponent("schemas")
        try Self.generate("jsonschema", out: schemas)
        let payloads = dir.appendingPathComponent("payloads.jsonl")
        try Data(r.out.utf8).write(to: payloads)
        let v = try Self.tool(["python3", Self.codegen.appendingPathComponent("validate_payloads.py").path, schemas.path, payloads.path], in: dir)
        #expect(v.code == 0, "\(v.out)\(v.err)")
        #expect(v.out.contains("payloads checked: 4"), "\(v.out)")
    }

    /// Each payload names a planned event, carries only its declared and common parameters,
    /// all the required ones, enum values from the plan, and PII only on the consent path,
    /// with exactly the purposes the PII parameters declare.
    static func checkAgainstPlan(_ lines: [JSONValue], model: CodeModel, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var sent = 0
        for line in lines {
            guard case .object(let o) = line, case .string(let kind)? = o["kind"], kind == "send" || kind == "consent" else { continue }
            guard case .string(let name)? = o["event"], case .object(let props)? = o["properties"] else {
                Issue.record("malformed payload \(line)", sourceLocation: sourceLocation); continue
            }
            let event = try #require(model.events.first { $0.name == name }, "sent an unplanned event \(name)", sourceLocation: sourceLocation)
            let fields = model.common + event.fields
            for key in props.keys {
                #expect(fields.contains { $0.name == key }, "\(name) sent undeclared parameter \(key)", sourceLocation: sourceLocation)
            }
            for f in fields where f.required {
                #expect(props[f.name] != nil, "\(name) left out required \(f.name)", sourceLocation: sourceLocation)
            }
            for f in fields {
                guard case .enumeration(_, let values)? = Optional(f.type), let v = props[f.name] else { continue }
                let allowed = values.map { $0.integer.map { JSONValue.number(Double($0)) } ?? .string($0.text) }
                #expect(allowed.contains(v), "\(name).\(f.name) = \(v) is not in the plan's values", sourceLocation: sourceLocation)
            }
            // Personal data, at the top or nested in an object, goes only through the consent
            // path, which carries every purpose the event's personal data is collected for.
            let piiSent = fields.filter { f in props[f.name].map { containsPII(f, $0) } ?? false }
            if kind == "send" {
                #expect(piiSent.isEmpty, "\(name) sent PII \(piiSent.map(\.name)) outside the consent path", sourceLocation: sourceLocation)
            } else {
                #expect(!piiSent.isEmpty, "\(name) used the consent path without PII", sourceLocation: sourceLocation)
                var purposes: [String] = []
                for f in fields { for c in f.piiPurposes where !purposes.contains(c) { purposes.append(c) } }
                #expect(o["purposes"] == .array(purposes.map(JSONValue.string)), "\(name): purposes \(String(describing: o["purposes"])) for \(purposes)", sourceLocation: sourceLocation)
            }
            sent += 1
        }
        #expect(sent > 0, "nothing was sent", sourceLocation: sourceLocation)
    }

    /// True when `value`, sent for `field`, carries personal data (the field is PII, or a
    /// PII property inside it has a value), judged from the plan, not from generated code.
    static func containsPII(_ field: CodeModel.Field, _ value: JSONValue) -> Bool {
        if field.pii { return true }
        switch (field.type, value) {
        case (.object(_, let props), .object(let o)):
            return props.contains { p in o[p.name].map { containsPII(p, $0) } ?? false }
        case (.array(let item), .array(let values)):
            let itemField = CodeModel.Field(name: field.name, type: item, required: false, description: nil, pii: false, consent: nil,
                                            minLength: nil, maxLength: nil, pattern: nil, format: nil, min: nil, max: nil, minItems: nil, maxItems: nil)
            return values.contains { containsPII(itemField, $0) }
        default:
            return false
        }
    }

    /// The schema check is not a rubber stamp: a payload missing a required parameter,
    /// with a value out of range, or with an undeclared key is refused.
    @Test func schemaValidationRefusesBadPayloads() throws {
        let dir = try Sandbox.folder("badpayload")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("jsonschema", out: dir)
        let good: [String: Any] = ["event_id": "123e4567-e89b-12d3-a456-426614174000", "session_id": "s1", "page_view_id": "pv1",
                                   "client_ts": 1732406400000, "banner_id": "b1", "position_index": 1]
        var bad: [[String: Any]] = []
        var missing = good; missing["banner_id"] = nil; bad.append(missing)
        var range = good; range["position_index"] = 10; bad.append(range)
        var extra = good; extra["bannerId"] = "b1"; bad.append(extra)
        var uuid = good; uuid["event_id"] = "not-a-uuid"; bad.append(uuid)
        for (i, props) in ([good] + bad).enumerated() {
            let line = try JSONSerialization.data(withJSONObject: ["kind": "send", "event": "homepage_banner_exposure", "properties": props])
            let file = dir.appendingPathComponent("p\(i).jsonl")
            try line.write(to: file)
            let v = try Self.tool(["python3", Self.codegen.appendingPathComponent("validate_payloads.py").path, dir.path, file.path], in: dir)
            #expect(v.code == (i == 0 ? 0 : 1), "payload \(i): \(v.out)\(v.err)")
        }
    }

    // MARK: - Hostile names

    @Test(arguments: languages, oddWorkspaces) func oddWorkspacesCompile(_ lang: Language, _ workspace: String) throws {
        let dir = try Sandbox.folder("\(workspace)-\(lang.target)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate(lang.target, workspace: Self.codegen.appendingPathComponent(workspace), out: dir)
        for command in lang.compileOnly {
            let r = try Self.tool(command, in: dir)
            #expect(r.code == 0, "\(command.joined(separator: " ")) failed:\n\(r.out)\(r.err)")
        }
        // A comment terminator or a line break in a description never reaches code unescaped.
        let text = try String(contentsOf: dir.appendingPathComponent(lang.file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.contains("<script>") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            #expect(trimmed.hasPrefix("//") || trimmed.hasPrefix("*") || trimmed.hasPrefix("/**") || trimmed.hasPrefix("#") || trimmed.hasPrefix("\"\"\""),
                    "description text outside a comment: \(line)")
        }
    }

    /// The hostile workspace's code means what it says: Python calls every hostile
    /// parameter and the payload keys and values are the plan's names, byte for byte.
    @Test func hostileNamesMeanWhatTheySay() throws {
        let dir = try Sandbox.folder("hostile-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("python", workspace: Self.hostile, out: dir)
        try Self.generate("jsonschema", workspace: Self.hostile, out: dir.appendingPathComponent("schemas"))
        try FileManager.default.copyItem(at: Self.codegen.appendingPathComponent("harness/hostile.py"), to: dir.appendingPathComponent("hostile.py"))
        let r = try Self.tool(["python3", "hostile.py"], in: dir)
        try #require(r.code == 0, "\(r.out)\(r.err)")
        let lines = try Self.lines(r.out)
        let workspace = WorkspaceLoader().load(root: Self.hostile.path)
        let model = try CodeModel.build(workspace)
        try Self.checkAgainstPlan(lines, model: model)
        // Every event was sent under its exact name, and `class` with every parameter.
        let sentNames = Set(lines.compactMap { line -> String? in
            if case .object(let o) = line, case .string(let n)? = o["event"] { return n } else { return nil }
        })
        #expect(sentNames == Set(model.events.map(\.name)))
        let classPayload = try #require(lines.first { if case .object(let o) = $0 { o["event"] == .string("class") } else { false } })
        guard case .object(let o) = classPayload, case .object(let props)? = o["properties"] else { Issue.record("no class payload"); return }
        let declared = Set(try #require(model.events.first { $0.name == "class" }).fields.map(\.name))
        #expect(declared.isSubset(of: Set(props.keys)), "missing: \(declared.subtracting(props.keys).sorted())")
        #expect(props["new\nline"] == .string("NL"))
        #expect(props["中文名"] == .string("中文"))
        #expect(props["enum_field"] == .string("*/"))
        let payloads = dir.appendingPathComponent("payloads.jsonl")
        try Data(r.out.utf8).write(to: payloads)
        let v = try Self.tool(["python3", Self.codegen.appendingPathComponent("validate_payloads.py").path, dir.appendingPathComponent("schemas").path, payloads.path], in: dir)
        #expect(v.code == 0, "\(v.out)\(v.err)")
    }

    // MARK: - Goldens, determinism, --check

    /// One example per target, byte for byte: `make goldens` rewrites them.
    @Test(arguments: CodeGenerator.targets) func goldenForOnePlan(_ target: String) throws {
        let dir = try Sandbox.folder("golden-\(target)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate(target, out: dir, ["--plan", "homepage_banner"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            try Golden.check(text, "generate/\(target)/\(file)")
        }
    }

    @Test(arguments: CodeGenerator.targets) func deterministicAndCheckable(_ target: String) throws {
        let a = try Sandbox.folder("det-a-\(target)"), b = try Sandbox.folder("det-b-\(target)")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try Self.generate(target, out: a)
        try Self.generate(target, out: b)
        let files = try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: b.path).sorted()))
        for f in files {
            #expect(FileManager.default.contents(atPath: a.appendingPathComponent(f).path) == FileManager.default.contents(atPath: b.appendingPathComponent(f).path), "\(f) differs between runs")
            let text = try String(contentsOf: a.appendingPathComponent(f), encoding: .utf8)
            #expect(text.contains("Generated by trackplan"), "\(f) has no generated header")
            #expect(text.contains("trackplan generate \(target)"))
        }

        // --check: up to date, then a changed file and a missing file are both reported.
        var r = try CLI.run(["generate", target, "--out", a.path, "--check"])
        #expect(r.code == 0, "\(r.err)")
        let first = a.appendingPathComponent(files[0])
        try Data("// edited by hand\n".utf8).write(to: first)
        r = try CLI.run(["generate", target, "--out", a.path, "--check"])
        #expect(r.code == 1)
        #expect(r.err.contains(files[0]))
        #expect(try String(contentsOf: first, encoding: .utf8) == "// edited by hand\n", "--check wrote a file")
        try FileManager.default.removeItem(at: first)
        r = try CLI.run(["generate", target, "--out", a.path, "--check"])
        #expect(r.code == 1)
        // Generating again repairs it.
        try Self.generate(target, out: a)
        #expect(try CLI.run(["generate", target, "--out", a.path, "--check"]).code == 0)
    }

    /// The order of --plan flags does not change the output, so --check agrees with any order.
    @Test func planOrderDoesNotMatter() throws {
        let dir = try Sandbox.folder("plan-order")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("typescript", out: dir, ["--plan", "video_started", "--plan", "add_to_cart", "--plan", "add_to_cart"])
        let r = try CLI.run(["generate", "typescript", "--out", dir.path, "--check", "--plan", "add_to_cart", "--plan", "video_started"])
        #expect(r.code == 0, "\(r.err)")
        let text = try String(contentsOf: dir.appendingPathComponent("trackplanEvents.ts"), encoding: .utf8)
        #expect(text.contains("--plan add_to_cart --plan video_started`"))
    }

    /// JSON Schemas of events that no longer exist are stale and removed; files the
    /// tool did not write are left alone.
    @Test func removedEventsSchemasAreStaleThenRemoved() throws {
        let dir = try Sandbox.folder("orphans")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("jsonschema", out: dir)
        let orphan = dir.appendingPathComponent("gone_event.schema.json")
        try FileManager.default.copyItem(at: dir.appendingPathComponent("add_to_cart.schema.json"), to: orphan)
        let mine = dir.appendingPathComponent("handwritten.schema.json")
        try Data("{\"title\": \"mine\"}\n".utf8).write(to: mine)
        var r = try CLI.run(["generate", "jsonschema", "--out", dir.path, "--check"])
        #expect(r.code == 1)
        #expect(r.err.contains("gone_event.schema.json"))
        #expect(!r.err.contains("handwritten"))
        r = try CLI.run(["generate", "jsonschema", "--out", dir.path])
        #expect(r.code == 0)
        #expect(r.out.contains("1 removed"), "\(r.out)")
        #expect(!FileManager.default.fileExists(atPath: orphan.path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }

    // MARK: - Terminals and plans

    @Test func terminalKeepsItsEventsAndAppliesItsOverrides() throws {
        let workspace = WorkspaceLoader().load(root: TestPaths.repository.path)
        let all = try CodeModel.build(workspace)
        let mini = try CodeModel.build(workspace, options: .init(terminal: "mini_program"))
        #expect(all.events.contains { $0.name == "homepage_banner_click" })
        // homepage_banner_click ships on ios and android only.
        #expect(!mini.events.contains { $0.name == "homepage_banner_click" })
        #expect(mini.events.allSatisfy { $0.terminals.contains("mini_program") })
        // The mini_program override makes position_index optional.
        let exposureAll = try #require(all.events.first { $0.name == "homepage_banner_exposure" })
        let exposureMini = try #require(mini.events.first { $0.name == "homepage_banner_exposure" })
        #expect(exposureAll.fields.first { $0.name == "position_index" }?.required == true)
        #expect(exposureMini.fields.first { $0.name == "position_index" }?.required == false)

        // Through the binary: the schema's required list follows the terminal.
        let dir = try Sandbox.folder("terminal")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("jsonschema", out: dir, ["--terminal", "mini_program"])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("homepage_banner_click.schema.json").path))
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: dir.appendingPathComponent("homepage_banner_exposure.schema.json")))
        guard case .object(let o) = schema, case .array(let required)? = o["required"] else { Issue.record("no required list"); return }
        #expect(!required.contains(.string("position_index")))
        #expect(required.contains(.string("banner_id")))
    }

    /// Each item of an array of scalars is checked at run time (Python shown; every
    /// language's output for the same workspace compiles in `oddWorkspacesCompile`).
    @Test func arrayItemsAreCheckedAtRunTime() throws {
        let dir = try Sandbox.folder("items-run")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("python", workspace: Self.codegen.appendingPathComponent("minimal"), out: dir)
        try Data("""
        import json
        from trackplan_events import *
        class R:
            def send(self, event, properties): print(json.dumps({"sent": properties}))
            def send_with_consent(self, event, properties, purposes): print("consent")
            def rejected(self, event, problems): print(json.dumps({"rejected": problems}))
        tp = TrackPlan(R(), lambda: TrackPlanCommon())
        tp.odd_shapes(codes=["AB", "CD"], scores=[0.5], counts=[3])
        tp.odd_shapes(codes=["AB", "TOOLONG", "x1"], scores=[0.5, 2.0], counts=[0])

        """.utf8).write(to: dir.appendingPathComponent("run.py"))
        let r = try Self.tool(["python3", "run.py"], in: dir)
        try #require(r.code == 0, "\(r.out)\(r.err)")
        let lines = try Self.lines(r.out)
        #expect(lines.count == 2)
        #expect(lines.first == .object(["sent": .object(["codes": .array([.string("AB"), .string("CD")]), "scores": .array([.number(0.5)]), "counts": .array([.number(3)])])]))
        #expect(lines.last == .object(["rejected": .array([
            .string("codes[1]: 7 characters, more than 4"), .string("codes[2]: does not match ^[A-Z]+$"),
            .string("scores[1]: 2.0 is above 1"), .string("counts[0]: 0 is below 1"),
        ])]), "\(r.out)")
    }

    /// Constraints on the items of an array of scalars reach the schema.
    @Test func arrayItemConstraintsInTheSchema() throws {
        let dir = try Sandbox.folder("items")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.generate("jsonschema", workspace: TestPaths.fixtures.appendingPathComponent("verify/workspace"), out: dir)
        let schema = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: dir.appendingPathComponent("feed_card_click.schema.json")))
        guard case .object(let o) = schema, case .object(let props)? = o["properties"], case .object(let tags)? = props["tags"],
              case .object(let items)? = tags["items"] else { Issue.record("no tags.items"); return }
        #expect(items["type"] == .string("string"))
        #expect(items["maxLength"] == .number(5))
        #expect(tags["maxItems"] == .number(3))
    }

    @Test func unknownTargetTerminalOrPlanIsAUsageError() throws {
        var r = try CLI.run(["generate", "cobol"])
        #expect(r.code == 2)
        #expect(r.err.contains("unknown target 'cobol'"))
        r = try CLI.run(["generate", "swift", "--terminal", "mini_programm", "--check"])
        #expect(r.code == 2)
        #expect(r.err.contains("no terminal 'mini_programm'"))
        #expect(r.err.contains("did you mean 'mini_program'"), "\(r.err)")
        r = try CLI.run(["generate", "swift", "--plan", "homepage_baner", "--check"])
        #expect(r.code == 2)
        #expect(r.err.contains("no plan 'homepage_baner'"))
    }

    @Test func aWorkspaceThatDoesNotLoadIsRefused() throws {
        let dir = try Sandbox.folder("broken")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("version: 1\nterminals:\n  ios: { kind: app }\n".utf8).write(to: dir.appendingPathComponent("trackplan.yaml"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try Data("plan: p\ntitle: [unclosed\n".utf8).write(to: dir.appendingPathComponent("plans/p.yaml"))
        let r = try CLI.run(["generate", "swift"], in: dir)
        #expect(r.code == 2)
        #expect(r.err.contains("plans/p.yaml:"), "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("generated").path))

        // A misspelt key would silently drop the parameters: refused too, with the place.
        try Data("""
        plan: p
        title: P
        owner: a@example.com
        terminals: [ios]
        events:
          - name: p_shown
            type: custom
            paramaters:
              x: { type: string }
        status: request

        """.utf8).write(to: dir.appendingPathComponent("plans/p.yaml"))
        let typo = try CLI.run(["generate", "swift"], in: dir)
        #expect(typo.code == 2)
        #expect(typo.err.contains("plans/p.yaml:8:5: error:"), "\(typo.err)")
        #expect(typo.err.contains("parameters"), "\(typo.err)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("generated").path))
    }

    // MARK: - Templates

    /// `templates export` copies the built-ins once (and refuses to overwrite); a file in
    /// templates/render/TARGET/ then overrides its built-in, one file at a time.
    @Test func templatesExportAndOverride() throws {
        let ws = try Sandbox.folder("templates")
        defer { try? FileManager.default.removeItem(at: ws) }
        try Sandbox.copyWorkspace(to: ws)
        var r = try CLI.run(["templates", "export", "swift"], in: ws)
        #expect(r.code == 0, "\(r.err)")
        let renderDir = ws.appendingPathComponent("templates/render/swift")
        let exported = try FileManager.default.contentsOfDirectory(atPath: renderDir.path).sorted()
        #expect(exported == ["Events.mustache", "Support.mustache"])
        let builtIn = try String(contentsOf: TestPaths.repository.appendingPathComponent("Sources/TrackPlanKit/Resources/render/swift/Events.mustache"), encoding: .utf8)
        #expect(try String(contentsOf: renderDir.appendingPathComponent("Events.mustache"), encoding: .utf8) == builtIn)
        r = try CLI.run(["templates", "export", "swift"], in: ws)
        #expect(r.code == 2)
        #expect(r.err.contains("already"), "\(r.err)")

        // Unchanged exports generate exactly what the built-ins do.
        let plain = ws.appendingPathComponent("plain"), custom = ws.appendingPathComponent("custom")
        try Self.generate("swift", workspace: ws, out: plain)
        try Self.generate("swift", workspace: TestPaths.repository, out: custom)
        #expect(FileManager.default.contents(atPath: plain.appendingPathComponent("TrackPlanEvents.swift").path)
                == FileManager.default.contents(atPath: custom.appendingPathComponent("TrackPlanEvents.swift").path))

        // Override Support only: Events stays built-in (the exported copy is removed).
        try FileManager.default.removeItem(at: renderDir.appendingPathComponent("Events.mustache"))
        let support = renderDir.appendingPathComponent("Support.mustache")
        let supportText = try String(contentsOf: support, encoding: .utf8)
        // Export is all or nothing: with Support.mustache there, Events.mustache is not written either.
        r = try CLI.run(["templates", "export", "swift"], in: ws)
        #expect(r.code == 2)
        #expect(!FileManager.default.fileExists(atPath: renderDir.appendingPathComponent("Events.mustache").path))
        try Data(("// Team marker: our SDK wrapper\n" + supportText).utf8).write(to: support)
        try Self.generate("swift", workspace: ws, out: custom)
        let text = try String(contentsOf: custom.appendingPathComponent("TrackPlanEvents.swift"), encoding: .utf8)
        #expect(text.contains("// Team marker: our SDK wrapper"))
        #expect(text.contains("public struct TrackPlanCommon"))

        // A broken override is reported with its file, not rendered half-way.
        try Data("{{#events}} unclosed".utf8).write(to: support)
        r = try CLI.run(["generate", "swift", "--out", custom.path], in: ws)
        #expect(r.code == 2)
        #expect(r.err.contains("Support.mustache"), "\(r.err)")
        #expect(try String(contentsOf: custom.appendingPathComponent("TrackPlanEvents.swift"), encoding: .utf8) == text)
    }
}
