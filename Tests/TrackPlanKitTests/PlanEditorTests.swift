import Foundation
import Testing
@testable import TrackPlanKit

/// The tool edits only its own fields: every other byte of a plan file survives
/// every move, on files with comments, flow style, anchors, CRLF and Chinese text.
@Suite struct PlanEditorTests {
    static let fixtures = ["comments", "flow", "anchors", "crlf", "chinese", "bare", "middle"]

    static func input(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("edits/\(name).yaml")))
    }

    /// The bytes of the file with its top-level tool-owned entries cut out, each from
    /// its key's line to the next top-level key's line (or the end). Found with the
    /// reader, not with the editor's own arithmetic.
    static func withoutToolOwned(_ bytes: [UInt8]) throws -> [UInt8] {
        let parsed = YAMLReader().parse(bytes, path: "t")
        #expect(parsed.errors.isEmpty, "\(parsed.errors)")
        let root = try #require(parsed.documents.first)
        func lineStart(_ offset: Int) -> Int {
            var i = offset
            while i > 0, bytes[i - 1] != 0x0A { i -= 1 }
            return i
        }
        let starts = root.pairs.map { (key: $0.key.text ?? "", start: lineStart($0.key.start.offset)) }
        var out: [UInt8] = []
        var cursor = 0
        for (i, entry) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1].start : bytes.count
            if i == 0 { out += bytes[0 ..< entry.start]; cursor = entry.start }
            if !ContentDigest.toolOwnedKeys.contains(entry.key) { out += bytes[entry.start ..< end] }
            cursor = end
        }
        out += bytes[cursor...]
        return out
    }

    /// Every kind of edit the lifecycle makes, in one go.
    static func editAll(_ name: String, _ bytes: [UInt8]) throws -> [UInt8] {
        var editor = try PlanEditor(path: "plans/\(name).yaml", bytes: bytes)
        try editor.setScalar("status", "implementation")
        try editor.appendItem("history", [("at", .scalar("2026-11-21T10:00:00Z")), ("by", .scalar("ed@example.com")),
                                          ("action", .scalar("advance")), ("from", .scalar("review")),
                                          ("to", .scalar("implementation")), ("note", .scalar("Looks right: ship it, \"now\" #1"))],
                              blockStyle: false)
        try editor.appendItem("approvals", [("by", .scalar("ed@example.com")), ("role", .scalar("data_engineer")),
                                            ("at", .scalar("2026-11-21T09:00:00Z")), ("digest", .scalar("sha256:abc")),
                                            ("comment", .scalar("好的，没问题"))],
                              blockStyle: true)
        try editor.setMapping("postmortem", [("summary", .scalar("Shipped.\nTwo lines.")), ("issues", .list(["one", "yes"]))])
        return try editor.result()
    }

    @Test(arguments: fixtures)
    func onlyToolOwnedBytesChange(_ name: String) throws {
        let before = try Self.input(name)
        let after = try Self.editAll(name, before)
        // Everything that is not a tool-owned entry is byte-identical, in the same order
        // (a file without a final line break gets one before a new key is added).
        let ended = before.last == 0x0A ? before : before + [0x0A]
        #expect(try Self.withoutToolOwned(after) == Self.withoutToolOwned(ended))
        // The content digest (what approvals are bound to) did not move.
        let oldRoot = try #require(YAMLReader().parse(before, path: "t").documents.first)
        let newRoot = try #require(YAMLReader().parse(after, path: "t").documents.first)
        #expect(ContentDigest.of(plan: newRoot) == ContentDigest.of(plan: oldRoot))
        // And the fields say what was meant.
        let plan = try #require(Decode.plan(newRoot, path: "p"))
        #expect(plan.status == .implementation)
        #expect(plan.history.last?.note == "Looks right: ship it, \"now\" #1")
        #expect(plan.history.last?.to == "implementation")
        #expect(plan.approvals.last?.comment == "好的，没问题")
        #expect(plan.approvals.last?.by == "ed@example.com")
        #expect(plan.postmortem?.summary == "Shipped.\nTwo lines.")
        #expect(plan.postmortem?.issues == ["one", "yes"])
        let oldPlan = try #require(Decode.plan(oldRoot, path: "p"))
        #expect(plan.history.count == oldPlan.history.count + 1)
        #expect(plan.approvals.count == oldPlan.approvals.count + 1)
        // The exact result, reviewed once, kept as a golden file.
        try Golden.check(String(decoding: after, as: UTF8.self), "edits/\(name).yaml")
    }

    @Test func crlfStaysCRLF() throws {
        let after = try Self.editAll("crlf", try Self.input("crlf"))
        for (i, b) in after.enumerated() where b == 0x0A {
            #expect(i > 0 && after[i - 1] == 0x0D, "bare LF at byte \(i)")
        }
    }

    @Test func movesInSequenceKeepEarlierEdits() throws {
        var bytes = try Self.input("comments")
        for (i, state) in ["implementation", "testing", "release"].enumerated() {
            var editor = try PlanEditor(path: "p", bytes: bytes)
            try editor.setScalar("status", state)
            try editor.appendItem("history", [("at", .scalar("2026-11-2\(i)T10:00:00Z")), ("by", .scalar("a@b.c")),
                                              ("to", .scalar(state))], blockStyle: false)
            bytes = try editor.result()
        }
        let root = try #require(YAMLReader().parse(bytes, path: "p").documents.first)
        let plan = try #require(Decode.plan(root, path: "p"))
        #expect(plan.status == .release)
        #expect(plan.history.map { $0.to ?? "" } == ["review", "implementation", "testing", "release"])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("status: release   # set by the tool\n"))
        #expect(text.hasSuffix("# A closing comment about nothing in particular.\n"))
    }

    @Test func scalarsReadBackAsWritten() throws {
        let hostile = ["yes", "no", "on", "null", "~", "true", "0x1F", "1e3", "12", "", " lead", "trail ", "a: b", "a #b",
                       "#x", "- x", "[x]", "{x}", "*alias", "&anchor", "!tag", "%dir", "@at", "`tick`", "'q'", "\"dq\"",
                       "back\\slash", "multi\nline", "tab\there", "nul\u{0}x", "\u{FEFF}bom", "中文，逗号", "emoji 🎉",
                       "${injection}", "*/ comment", "x, y", "a:b", "sha256:abc", "2026-11-20", "2026-11-20T10:00:00Z"]
        for flow in [false, true] {
            for s in hostile {
                let text = flow ? "k: [\(PlanEditor.scalar(s, flow: true))]\n" : "k: \(PlanEditor.scalar(s, flow: false))\n"
                let parsed = YAMLReader().parse(text, path: "t")
                #expect(parsed.errors.isEmpty, "\(s.debugDescription): \(parsed.errors)")
                let node = flow ? parsed.documents.first?["k"]?.items.first : parsed.documents.first?["k"]
                #expect(node?.value == .string(s), "\(s.debugDescription) came back as \(String(describing: node?.value))")
            }
        }
    }

    @Test func refusesWhatItCannotEditSafely() throws {
        #expect(throws: PlanEditor.EditError.self) { try PlanEditor(path: "p", bytes: Array("{ plan: x }\n".utf8)) }
        #expect(throws: PlanEditor.EditError.self) { try PlanEditor(path: "p", bytes: Array("plan: [\n".utf8)) }
        #expect(throws: PlanEditor.EditError.self) { try PlanEditor(path: "p", bytes: Array("a: 1\n---\nb: 2\n".utf8)) }
        var editor = try PlanEditor(path: "p", bytes: Array("plan: x\nstatus: { a: 1 }\napprovals: 3\n".utf8))
        #expect(throws: PlanEditor.EditError.self) { try editor.setScalar("status", "review") }
        #expect(throws: PlanEditor.EditError.self) { try editor.appendItem("approvals", [("by", .scalar("x"))], blockStyle: true) }
    }
}
