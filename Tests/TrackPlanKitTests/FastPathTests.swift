import Foundation
import Testing
@testable import TrackPlanKit

/// Byte-level checks that replaced slower general ones must agree with them.
@Suite struct FastPathTests {
    static let names = [
        "abc", "a_b", "a__b", "_a", "a_", "1a", "", "_", "ABC", "a-b", "camelCase", "Pascal_Case", "kebab-case-name",
        "abc\n", "abc\r\n", "abc\r", "abc\u{85}", "abc\u{2028}", "abc\u{2029}", "abc\u{0B}", "abc\u{0C}", "abc\n\n",
        "\nabc", "\n", "a\nb", "abc\r\n\n", "ａ", "Straße", "İstanbul_ID", "é_e", "\u{212A}elvin", "ÅNGSTRÖM-x",
    ]

    @Test func snakeIDMatchesTheRegularExpression() {
        for id in Self.names {
            let expected = id.range(of: "^[a-z0-9]+(_[a-z0-9]+)*$", options: .regularExpression) != nil
            #expect(PlanIDMatchesFileRule.isSnakeID(id) == expected, "\(id.debugDescription)")
        }
    }

    @Test func normalizedNamesMatchTheUnicodeDefinition() {
        for name in Self.names {
            let expected = String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
            #expect(EventRuleSupport.normalized(name) == expected, "\(name.debugDescription)")
        }
    }

    @Test func relativePathsMatchTheFoundationEnumerator() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("trackplan-walk-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        let plans = dir.appendingPathComponent("plans")
        for folder in ["sub/deeper", "with space", "é"] {
            try fm.createDirectory(at: plans.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["a.yaml", ".hidden.yaml", "sub/b.yml", "sub/deeper/c.yaml", "with space/d e.yaml", "é/ü.yaml", "notes.txt"] {
            try Data("plan: x\n".utf8).write(to: plans.appendingPathComponent(file))
        }
        try fm.createSymbolicLink(atPath: plans.appendingPathComponent("link").path, withDestinationPath: plans.appendingPathComponent("sub").path)
        var expected: [String] = []
        let walker = try #require(fm.enumerator(atPath: plans.path))
        while let p = walker.nextObject() as? String { expected.append(p) }
        #expect(WorkspaceLoader.relativePaths(under: plans.path).sorted() == expected.sorted())
        #expect(WorkspaceLoader.relativePaths(under: dir.appendingPathComponent("missing").path).isEmpty)
    }
}

extension FastPathTests {
    @Test func yaml11BooleansMatchTheTextDefinition() {
        let words = ["yes", "Yes", "YES", "no", "No", "on", "ON", "off", "Off", "y", "Y", "n", "N", "ye", "yess", "nO", "oN",
                     "true", "false", "", "x", "\u{212A}", "ｙes", "yés", "of", "offf", "'yes'", "\"no\"", "!!str yes", "[yes]"]
        for word in words {
            let node = YAMLReader().parse("k: \(word)\n").documents.first?["k"]
            let expected: Bool = {
                guard let node, node.isPlain, node.tag == nil, let t = node.text else { return false }
                return ["yes", "no", "on", "off", "y", "n"].contains(t.lowercased())
            }()
            #expect(node?.isYAML11Boolean == expected, "\(word.debugDescription)")
        }
    }
}
