import Foundation
import Testing
@testable import TrackPlanKit

/// Generated docs must match what the code says; `make docs` rewrites them.
@Suite struct DocsTests {
    @Test func rulesReferenceIsCurrent() throws {
        let path = TestPaths.repository.appendingPathComponent("docs/rules.md")
        let onDisk = try String(contentsOf: path, encoding: .utf8)
        #expect(onDisk == RuleDocs.markdown(), "docs/rules.md is stale: run `make docs`")
        for rule in RuleRegistry.all {
            #expect(onDisk.contains("## \(type(of: rule).description.id)\n"))
        }
    }

    @Test func planFormatReferenceIsCurrent() throws {
        let path = TestPaths.repository.appendingPathComponent("docs/plan-format.md")
        let onDisk = try String(contentsOf: path, encoding: .utf8)
        #expect(onDisk.contains(FormatDocs.begin))
        #expect(FormatDocs.updating(onDisk) == onDisk, "docs/plan-format.md reference is stale: run `make docs`")
        for shape in FormatShapes.all { #expect(onDisk.contains("### \(shape.name)\n")) }
    }
}
