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

    /// Rules skip key lookups on the bits of `written`: they must name exactly the keys the node has.
    @Test func writtenKeysAreTheNodesKeys() {
        let keys = ["type", "required", "description", "display", "example", "pii", "consent", "min_length", "max_length",
                    "pattern", "format", "min", "max", "values", "properties", "items", "min_items", "max_items"]
        let bits: [WrittenKeys] = [.type, .required, .description, .display, .example, .pii, .consent, .minLength, .maxLength,
                                   .pattern, .format, .min, .max, .values, .properties, .items, .minItems, .maxItems]
        for (n, key) in keys.enumerated() {
            // Each key alone, then every key but this one.
            let one = Decode.parameter(name: "p", key: nil, node: YAMLReader().parse("\(key): x\n").documents[0], path: "x.yaml")
            #expect(one.written == bits[n], "\(key)")
            let others = keys.filter { $0 != key }.map { "\($0): x" }.joined(separator: "\n")
            let rest = Decode.parameter(name: "p", key: nil, node: YAMLReader().parse(others).documents[0], path: "x.yaml")
            #expect(!rest.written.contains(bits[n]) && rest.written.rawValue.nonzeroBitCount == keys.count - 1, "\(key)")
        }
        // A merged layer's bits are those of its own node, which it keeps.
        let base = Decode.parameter(name: "p", key: nil, node: YAMLReader().parse("type: string\nmax_length: 9").documents[0], path: "a.yaml")
        let top = Decode.parameter(name: "p", key: nil, node: YAMLReader().parse("max_length: 5").documents[0], path: "b.yaml")
        #expect(top.merged(over: base).written == [.maxLength])
    }

    /// A parameter's type is matched as bytes: the same as building the String, for every type, quoted,
    /// tagged, misspelt, null or a collection.
    @Test func parameterTypesMatchTheirNames() {
        var texts = ParamType.allCases.flatMap { ["\($0.rawValue)", "'\($0.rawValue)'", "!!str \($0.rawValue)", "\($0.rawValue)s", "\($0.rawValue.uppercased())"] }
        texts += ["", "~", "null", "!!null string", "[string]", "{ a: b }", "strin", "\"string\"", "!!int 1"]
        for text in texts {
            let node = YAMLReader().parse("type: \(text)\n").documents[0]["type"]!
            #expect(Decode.paramType(node) == Decode.string(node).flatMap(ParamType.init(rawValue:)), "\(text)")
        }
        #expect(Decode.paramType(YAMLReader().parse("type: enum\n").documents[0]["type"]!) == .enum)
    }

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

extension FastPathTests {
    /// The definition parseDate had before it read bytes.
    static func splitParseDate(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1 ... 12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days ? (y, m, d) : nil
    }

    @Test func datesParseAsBeforeFromBytes() {
        let texts = ["2026-12-01", "2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "2026-13-01", "2026-00-10", "2026-01-00",
                     "2026-1-01", "26-01-01", "+202-01-01", "-202-01-01", "2026-+1-+5", "2026--1-01", "2026-01-01-", "2026-01",
                     "", "-", "--", "2026-01-1a", "２０２６-01-01", "2026-01-0\u{301}1", "2026-\u{301}1-01", "2026-01-01\n", "abcd-ef-gh",
                     "0000-01-01", "9999-12-31", "2026-04-31", "2026-06-30", "+000-+1-+1", "20260101"]
        for text in texts {
            let got = DateCheck.parseDate(text).map { [$0.year, $0.month, $0.day] }
            let expected = Self.splitParseDate(text).map { [$0.0, $0.1, $0.2] }
            #expect(got == expected, "\(text.debugDescription)")
        }
    }
}

extension FastPathTests {
    /// A word from a list (a parameter's type, a storage mode) is accepted on its bytes when the scalar
    /// is untagged and the word is a string as plain text; the rest goes the long way. Either way a
    /// value is accepted exactly when it is a string under the core schema and one of the words.
    @Test func listedWordsAreAcceptedAsTheLongWayAcceptsThem() throws {
        let words = FormatShapes.parameterTypes
        var values = words.flatMap { ["\($0)", "'\($0)'", "\"\($0)\"", "!!str \($0)", "!!int \($0)", "\($0)s", "\($0.capitalized)", " \($0)"] }
        values += ["", "~", "null", "'null'", "true", "1", "[string]", "{ a: b }", "strin", "!!null string"]
        for value in values {
            let doc = try #require(YAMLReader().parse("type: \(value)\n").documents.first)
            var checker = ShapeChecker(path: "p.yaml")
            checker.check(doc, shape: "parameter")
            let node = try #require(doc["type"])
            let accepted = node.isStringValue && words.contains { node.textEquals($0) }
            let typeFindings = checker.diagnostics.filter { $0.message.contains("'type'") }
            #expect(typeFindings.isEmpty == accepted, "\(value.debugDescription): \(typeFindings.map(\.message))")
        }
    }
}

extension FastPathTests {
    /// state-requirements asks whether an event has a description on the node, without making the text:
    /// the same answer as reading the description and asking whether it is empty.
    @Test func hasDescriptionMatchesTheText() throws {
        for written in ["", "description:", "description: ~", "description: null", "description: ''", "description: \"\"",
                        "description: x", "description: '  '", "description: [a]", "description: { a: b }",
                        "description: !!str", "description: !!str ''", "description: !!null x", "description: 0", "description: false"] {
            let doc = try #require(YAMLReader().parse("name: e\n\(written)\n").documents.first)
            let event = try #require(Decode.event(doc, path: "p.yaml"))
            #expect(event.hasDescription == !(event.description ?? "").isEmpty, "\(written.debugDescription)")
        }
    }
}
