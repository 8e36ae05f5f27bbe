import Foundation
import Testing
@testable import TrackPlanKit

/// Hostile files inside a workspace: each is reported at its place, the other
/// files are still checked, and nothing hangs or crashes.
@Suite struct HostileWorkspaceTests {
    func lint(_ files: [(String, [UInt8])]) throws -> LintRunner.Outcome {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("plans"), withIntermediateDirectories: true)
        try Data(ExampleWorkspace.settings.utf8).write(to: dir.appendingPathComponent("trackplan.yaml"))
        for (path, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(path)) }
        var options = LintRunner.Options()
        options.currentDirectory = dir.path
        options.format = "json"
        return LintRunner(options: options).run()
    }

    static let good = Array("plan: good\ntitle: Good\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - { name: search_click, type: click, description: Tap, position: { page: home, module: search_bar, slot: search_button } }\n".utf8)

    @Test func hostileFilesAreReportedAndTheRestStillChecked() throws {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1 ... 12 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let outcome = try lint([
            ("plans/good.yaml", Self.good),
            ("plans/bomb.yaml", Array(bomb.utf8)),
            ("plans/deep.yaml", Array(String(repeating: "[", count: 100_000).utf8)),
            ("plans/utf8.yaml", Array("plan: utf8\ntitle: ".utf8) + [0xC3, 0x28] + Array("\n".utf8)),
            ("plans/bom.yaml", Array("plan: bom\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("title: x\n".utf8)),
            ("plans/evil.yaml", Array("plan: ../../etc/passwd\ntitle: Evil\nowner: a@example.com\nterminals: [ios]\nevents:\n  - { name: evil_click, type: click, description: x, position: { page: home, module: search_bar, slot: search_button } }\n".utf8)),
            ("plans/empty.yaml", []),
        ])
        #expect(outcome.exitCode == 1)
        let found = Set(outcome.diagnostics.map { "\($0.path):\($0.location.line) \($0.ruleID)" })
        // a0…a3 expand to 12,330 nodes; the aliases of a4 (line 5) pass 100,000.
        #expect(found.contains("plans/bomb.yaml:5 yaml-syntax"), "\(found.sorted())")
        #expect(found.contains("plans/deep.yaml:1 yaml-syntax"))
        #expect(found.contains("plans/utf8.yaml:2 yaml-syntax"))
        #expect(found.contains("plans/bom.yaml:2 yaml-syntax"))
        #expect(found.contains("plans/evil.yaml:1 plan-id-matches-file"))
        #expect(found.contains("plans/empty.yaml:1 required-field"))
        #expect(!outcome.diagnostics.contains { $0.path == "plans/good.yaml" }, "the good plan is still checked and clean")
    }

    @Test func htmlAndControlCharactersInNamesStayInert() throws {
        let plan = "plan: tricky\ntitle: \"<script>alert(1)</script>\"\nowner: alice@example.com\nterminals: [ios]\nevents:\n  - { name: \"x</failure><b>\\u0001\", type: click }\n"
        let outcome = try lint([("plans/tricky.yaml", Array(plan.utf8))])
        #expect(outcome.exitCode == 1)
        let junit = JUnitReporter().report(ReportInput(diagnostics: outcome.diagnostics))
        #expect(!junit.contains("</failure><b>"))
        #expect(!junit.contains("\u{1}"))
    }
}

/// Real public tracking plans and schemas (../shared/corpora) read cleanly.
@Suite struct PublicCorporaTests {
    @Test func everyPublicYAMLPlanParses() throws {
        let root = TestPaths.corpora.appendingPathComponent("public-plans")
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        var count = 0
        while let p = walker.nextObject() as? String {
            guard p.hasSuffix(".yaml") || p.hasSuffix(".yml") else { continue }
            let result = YAMLReader().read(path: root.appendingPathComponent(p).path, displayPath: p)
            #expect(result.errors.isEmpty, "\(result.errors)")
            #expect(!result.documents.isEmpty)
            count += 1
        }
        #expect(count >= 10, "expected the rudder-iac YAML files")
    }

    @Test func rudderVersionsReadAsWritten() throws {
        // The corpus README notes that categories.yaml says rudder/0.1 where the rest say rudder/v0.1;
        // quoted and plain spellings must read as the same strings.
        let root = TestPaths.corpora.appendingPathComponent("public-plans/rudder-iac")
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        var versions = Set<String>()
        while let p = walker.nextObject() as? String {
            guard p.hasSuffix(".yaml") else { continue }
            let doc = try #require(YAMLReader().read(path: root.appendingPathComponent(p).path).documents.first)
            if let v = doc["version"] { versions.insert(v.text ?? ""); #expect(v.value == .string(v.text ?? "")) }
        }
        #expect(versions == ["rudder/0.1", "rudder/v0.1", "rudder/v1"])
    }
}
