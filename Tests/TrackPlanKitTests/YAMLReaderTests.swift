import Foundation
import Testing
@testable import TrackPlanKit

@Suite struct YAMLReaderTests {
    /// The composer turns libyaml's character positions into byte offsets, skipping ASCII up to eight
    /// bytes at a time. Every node's offsets, recounted from the bytes, must give its line and column,
    /// on text mixing ASCII with two-, three- and four-byte characters at every distance.
    @Test func offsetsAgreeWithLinesAndColumnsOnMixedText() {
        let words = ["a", "key", "banner_click", "轮播", "é", "😀x", "z", "商品详情页", "ab😀", "ñandú", "x1234567", "1234567890abcdef"]
        var generator = SystemRandomNumberGenerator()
        for round in 0 ..< 60 {
            var text = "# round \(round) 注释\n"
            for line in 0 ..< 40 {
                let k = words[Int.random(in: 0 ..< words.count, using: &generator)]
                let v = (0 ..< Int.random(in: 1 ... 4, using: &generator)).map { _ in words[Int.random(in: 0 ..< words.count, using: &generator)] }
                // Flow lists; anchors, tags and quotes before a value (a plain scalar's end is found from
                // its length only when it spans its own text); the rest plain.
                switch line % 7 {
                case 3: text += "k\(line)_\(k): [\(v.joined(separator: ", "))]\n"
                case 4: text += "k\(line)_\(k): &a\(line) \(v.joined(separator: " "))\n"
                case 5: text += "k\(line)_\(k): !!str \(v.joined(separator: " "))\n"
                case 6: text += "k\(line)_\(k): '\(v.joined(separator: " "))'\n"
                default: text += "k\(line)_\(k): \(v.joined(separator: " "))\n"
                }
            }
            // An anchor as long in characters as its value is longer in bytes than in characters.
            text += "kx: &ab éééé\nky: &a é\n"
            let result = YAMLReader().parse(text, path: "mixed.yaml")
            #expect(result.errors.isEmpty)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                var stack = result.documents
                while let node = stack.popLast() {
                    for place in [node.start, node.end] {
                        let recounted = YAMLReader.location(ofByte: place.offset, in: b)
                        #expect(recounted == place, "round \(round): \(place) but the bytes say \(recounted)")
                    }
                    stack += node.items
                    for (k, v) in node.pairs { stack += [k, v] }
                }
            }
        }
    }

    let reader = YAMLReader()

    @Test func marksAreExactIncludingByteOffsets() throws {
        let text = "首页: 轮播\nbanner_id:\n  type: string\n"
        let result = reader.parse(text, path: "a.yaml")
        #expect(result.errors.isEmpty)
        let root = try #require(result.documents.first)
        let (key, value) = try #require(root.pair("首页"))
        #expect(key.start == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(key.end == SourceLocation(line: 1, column: 3, offset: 6))
        #expect(value.start == SourceLocation(line: 1, column: 5, offset: 8))
        #expect(value.end.offset == 14)
        let type = try #require(root["banner_id"]?["type"])
        #expect(type.start == SourceLocation(line: 3, column: 9, offset: 34))
        #expect(type.text == "string")
        // The offsets index the source bytes exactly.
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[type.start.offset ..< type.end.offset], as: UTF8.self) == "string")
        #expect(String(decoding: bytes[value.start.offset ..< value.end.offset], as: UTF8.self) == "轮播")
    }

    @Test func byteOffsetsSkipALeadingByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: é\nb: c\n".utf8)
        let result = reader.parse(bytes, path: "bom.yaml")
        #expect(result.errors.isEmpty)
        let c = try #require(result.documents.first?["b"])
        #expect(c.start == SourceLocation(line: 2, column: 4, offset: 3 + 9))
    }

    @Test func coreSchemaResolution() throws {
        let text = """
        a: null
        b: ~
        c:
        d: true
        e: False
        f: 42
        g: -7
        h: 0x1F
        i: 0o17
        j: 3.5
        k: 1e3
        l: .inf
        m: yes
        n: "true"
        o: '42'
        p: !!str 12
        q: !!float 2
        r: 1.2.3
        s: off
        """
        let root = try #require(reader.parse(text).documents.first)
        #expect(root["a"]?.value == .null)
        #expect(root["b"]?.value == .null)
        #expect(root["c"]?.value == .null)
        #expect(root["d"]?.value == .bool(true))
        #expect(root["e"]?.value == .bool(false))
        #expect(root["f"]?.value == .int(42))
        #expect(root["g"]?.value == .int(-7))
        #expect(root["h"]?.value == .int(31))
        #expect(root["i"]?.value == .int(15))
        #expect(root["j"]?.value == .float(3.5))
        #expect(root["k"]?.value == .float(1000))
        #expect(root["l"]?.value == .float(.infinity))
        #expect(root["m"]?.value == .string("yes"))
        #expect(root["m"]?.isYAML11Boolean == true)
        #expect(root["m"]?.isPlain == true)
        #expect(root["n"]?.value == .string("true"))
        #expect(root["n"]?.style == .doubleQuoted)
        #expect(root["n"]?.isYAML11Boolean == false)
        #expect(root["o"]?.value == .string("42"))
        #expect(root["o"]?.style == .singleQuoted)
        #expect(root["p"]?.value == .string("12"))
        #expect(root["p"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["q"]?.value == .float(2))
        #expect(root["r"]?.value == .string("1.2.3"))
        #expect(root["s"]?.value == .string("off"))
        #expect(root["s"]?.isYAML11Boolean == true)
    }

    @Test func multiDocumentStreamsAndAliases() throws {
        let text = "base: &b { type: string }\nx: *b\n---\n- &one 1\n- *one\n"
        let result = reader.parse(text)
        #expect(result.errors.isEmpty)
        #expect(result.documents.count == 2)
        let first = result.documents[0]
        #expect(first["x"]?["type"]?.text == "string")
        #expect(first["x"]?.index == first["base"]?.index, "an alias is its anchored node")
        #expect(result.documents[1].items.map(\.value) == [.int(1), .int(1)])
    }

    @Test func anchorsDoNotCrossDocuments() throws {
        let result = reader.parse("a: &x 1\n---\nb: *x\n", path: "d.yaml")
        #expect(result.errors.map(\.description) == ["d.yaml:3:4: error: alias '*x' refers to no anchor defined before it"])
    }

    @Test func duplicateKeysAreReportedWithBothPositions() throws {
        let text = """
        events:
          - name: banner
            parameters:
              banner_id: { type: string }
              slot: { type: integer }
              banner_id: { type: integer }
        """
        let result = reader.parse(text, path: "plans/a.yaml")
        #expect(result.errors.map(\.description) == [
            "plans/a.yaml:6:7: error: duplicate key 'banner_id' (first defined at 4:7)",
        ])
        #expect(result.errors.first?.kind == .duplicateKey)
        // The tree is still built, so the loader can go on reporting other problems.
        #expect(result.documents.count == 1)
    }

    @Test func duplicateKeysCompareByValueAcrossQuoting() throws {
        let result = reader.parse("a: 1\n'a': 2\n\"b\": 3\nb: 4\nc: 5\n", path: "q.yaml")
        #expect(result.errors.map(\.location.line) == [2, 4])
    }

    /// Small mappings (up to 16 keys) rule most pairs out by a print of each key's length and first
    /// byte before comparing them. On random mappings of plain, quoted, tagged and collection keys, the
    /// repeats found must be exactly those of comparing every pair by the rule (same text for untagged
    /// keys written alike, else the same core-schema value).
    @Test func smallMappingsFindEveryRepeatThePairwiseRuleFinds() throws {
        let pool = ["a", "'a'", "\"a\"", "ab", "b", "1", "01", "'1'", "!!int 1", "!!int 01", "!!str 1", "!!str a", "~", "null", "''",
                    "true", "True", "'true'", "1.0", "!!float 1", "[x]", "{k: v}", "é", "'é'", "aé"]
        var random = SeededRandom(seed: 7)
        for _ in 0 ..< 400 {
            let count = 2 + random.next(15)
            let keys = (0 ..< count).map { _ in pool[random.next(pool.count)] }
            let text = keys.enumerated().map { "? \($0.element)\n: \($0.offset)\n" }.joined()
            let result = reader.parse(text, path: "k.yaml")
            let nodes = try #require(result.documents.first).pairs.map { $0.key }
            var expected: [Int] = []
            for a in 1 ..< nodes.count {
                for b in 0 ..< a where Self.sameKey(nodes[a], nodes[b]) {
                    expected.append(nodes[a].start.line)
                    break
                }
            }
            #expect(result.errors.filter { $0.kind == YAMLError.Kind.duplicateKey }.map { $0.location.line } == expected, "\(keys)")
        }
    }

    /// The duplicate rule, spelt out: untagged keys written alike (both plain, or both quoted) by their
    /// text, any others by their core-schema value (NaN equals nothing); collections are not compared.
    static func sameKey(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        guard a.isScalar, b.isScalar else { return false }
        if a.tag == nil, b.tag == nil, a.isPlain == b.isPlain { return a.text == b.text }
        if case .float(let x)? = a.value, x.isNaN { return false }
        return a.value == b.value
    }

    @Test func duplicateKeysInLargeMappings() throws {
        var text = ""
        for i in 0 ..< 40 { text += "key_\(i): \(i)\n" }
        text += "key_7: again\n"
        let result = reader.parse(text, path: "big.yaml")
        #expect(result.errors.map(\.description) == ["big.yaml:41:1: error: duplicate key 'key_7' (first defined at 8:1)"])
    }

    @Test func syntaxErrorsCarryLibyamlsPosition() throws {
        let result = reader.parse("plan: a\n  title: b\n", path: "s.yaml")
        let error = try #require(result.errors.first)
        #expect(error.kind == .syntax)
        #expect(error.description == "s.yaml:2:8: error: mapping values are not allowed in this context")
    }

    @Test func unclosedFlowSequence() throws {
        let result = reader.parse("terminals: [ios, android\nowner: x\n", path: "f.yaml")
        let error = try #require(result.errors.first)
        #expect(error.location.line == 2)
        #expect(error.message.contains("while parsing a flow sequence at 1:12"))
    }

    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let bytes = Array("title: ok\nowner: ".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        let result = reader.parse(bytes, path: "u.yaml")
        let error = try #require(result.errors.first)
        #expect(error.kind == .invalidUTF8)
        #expect(error.location == SourceLocation(line: 2, column: 8, offset: 17))
        #expect(error.description.hasPrefix("u.yaml:2:8: error: invalid UTF-8"))
    }

    @Test func byteOrderMarkInTheMiddle() throws {
        let bytes = Array("a: 1\nb: ".utf8) + [0xEF, 0xBB, 0xBF] + Array("2\n".utf8)
        let result = reader.parse(bytes, path: "m.yaml")
        #expect(result.errors.map(\.description) == ["m.yaml:2:4: error: byte-order mark (U+FEFF) in the middle of the file; remove it"])
        #expect(result.errors.first?.kind == .misplacedByteOrderMark)
    }

    @Test func utf16IsRefusedClearly() throws {
        let result = reader.parse([0xFF, 0xFE, 0x61, 0x00], path: "w.yaml")
        #expect(result.errors.first?.kind == .unsupportedEncoding)
    }

    @Test func controlCharactersAreSyntaxErrors() throws {
        let result = reader.parse(Array("a: b".utf8) + [0x00] + Array("\n".utf8), path: "n.yaml")
        let error = try #require(result.errors.first)
        #expect(error.location.line == 1 && error.location.column == 5)
    }

    @Test func billionLaughsFailsFast() throws {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1 ... 9 {
            let refs = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        let clock = ContinuousClock()
        var result: YAMLParseResult?
        let elapsed = clock.measure { result = reader.parse(text, path: "bomb.yaml") }
        let error = try #require(result?.errors.first)
        #expect(error.kind == .aliasExpansionLimit)
        // a0…a4 expand to 74,718 nodes; the first alias of a5 passes 100,000.
        #expect(error.location.line == 6)
        // Not a timing test: the bound is loose and only catches an exponential blow-up.
        #expect(elapsed < .seconds(5))
    }

    @Test func aliasLimitIsSettable() throws {
        let text = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
        #expect(YAMLReader().parse(text).errors.isEmpty)
        let strict = YAMLReader(limits: YAMLLimits(maxAliasExpansion: 8))
        #expect(strict.parse(text).errors.first?.kind == .aliasExpansionLimit)
    }

    @Test func deepNestingStopsAtTheLimitWithoutOverflowingTheStack() throws {
        let text = String(repeating: "[", count: 100_000)
        let result = reader.parse(text, path: "deep.yaml")
        let error = try #require(result.errors.first)
        #expect(error.kind == .depthLimit)
        #expect(error.description == "deep.yaml:1:129: error: nesting is deeper than 128 levels; trackplan stops here")
        let blocks = (0 ..< 200).map { String(repeating: "  ", count: $0) + "k\($0):\n" }.joined()
        #expect(reader.parse(blocks).errors.first?.kind == .depthLimit)
        #expect(YAMLReader(limits: YAMLLimits(maxDepth: 500)).parse(blocks).errors.isEmpty)
    }

    @Test func fileSizeCap() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.yaml")
        try Data(String(repeating: "- v\n", count: 1250).utf8).write(to: file)
        let small = YAMLReader(limits: YAMLLimits(maxFileSize: 1000))
        let result = small.read(path: file.path, displayPath: "big.yaml")
        #expect(result.errors.map(\.description) == ["big.yaml:1:1: error: file is 5000 bytes, more than the limit of 1000"])
        #expect(result.errors.first?.kind == .sizeLimit)
        #expect(YAMLReader().read(path: file.path).errors.isEmpty)
    }

    @Test func unreadableFiles() throws {
        let missing = reader.read(path: "/nonexistent/x.yaml", displayPath: "x.yaml")
        #expect(missing.errors.first?.kind == .unreadable)
        #expect(missing.errors.first?.description.hasPrefix("x.yaml:1:1: error: cannot open file") == true)
        let dir = reader.read(path: FileManager.default.temporaryDirectory.path, displayPath: "tmp")
        #expect(dir.errors.first?.message == "is a directory, not a YAML file")
    }

    @Test func emptyStreamsAndEmptyDocuments() throws {
        #expect(reader.parse("").documents.isEmpty)
        #expect(reader.parse("# only a comment\n").documents.isEmpty)
        let doc = try #require(reader.parse("---\n").documents.first)
        #expect(doc.value == .null)
    }

    @Test func crlfLineEndings() throws {
        let root = try #require(reader.parse("a: 1\r\nb: é\r\nc: 3\r\n").documents.first)
        let c = try #require(root.pair("c")?.key)
        #expect(c.start == SourceLocation(line: 3, column: 1, offset: 13))
    }
}
