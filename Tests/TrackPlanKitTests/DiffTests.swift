import Foundation
import Testing
@testable import TrackPlanKit

/// `trackplan diff`: pairs of workspaces in Tests/Fixtures/diff/CASE/{base,head}, each change
/// asserted by severity, class, rule, subject and place; the git source end to end.
@Suite struct DiffTests {
    static func pair(_ name: String) -> (base: Workspace, head: Workspace) {
        let dir = TestPaths.fixtures.appendingPathComponent("diff/\(name)")
        return (WorkspaceLoader().load(root: dir.appendingPathComponent("base").path),
                WorkspaceLoader().load(root: dir.appendingPathComponent("head").path))
    }

    /// One line per change: severity, class, rule, subject, new place (and old place for removals).
    static func lines(_ changes: [Change]) -> [String] {
        changes.map { c in
            var s = "\(c.severity.rawValue) \(c.changeClass.rawValue) \(c.rule) \(c.subject) @ \(c.location?.description ?? "-")"
            if ["event-removed", "event-renamed", "terminal-dropped", "parameter-removed"].contains(c.rule) { s += " was \(c.oldLocation?.description ?? "-")" }
            return s
        }
    }

    @Test func fixturesLoadCleanly() {
        for name in ["params", "events", "states"] {
            let (base, head) = Self.pair(name)
            #expect(base.loadDiagnostics.isEmpty, "\(name)/base: \(base.loadDiagnostics)")
            #expect(head.loadDiagnostics.isEmpty, "\(name)/head: \(head.loadDiagnostics)")
        }
    }

    /// Every parameter rule, on a released plan: breaking changes are breaking, compatible ones count,
    /// documentation is informational. A template's change lands in the template file.
    @Test func parameterRules() {
        let (base, head) = Self.pair("params")
        let expected = [
            "breaking breaking parameter-removed checkout_click.old_param @ plans/checkout.yaml:9:5 was plans/checkout.yaml:14:7",
            "breaking breaking range-narrowed checkout_click.amount @ plans/checkout.yaml:10:36",
            "counts compatible range-widened checkout_click.amount @ plans/checkout.yaml:10:44",
            "breaking breaking type-changed checkout_click.quantity @ plans/checkout.yaml:11:25",
            "breaking breaking optional-made-required checkout_click.coupon @ plans/checkout.yaml:12:41",
            "counts compatible required-made-optional checkout_click.note @ plans/checkout.yaml:13:39",
            "counts compatible length-widened checkout_click.note @ plans/checkout.yaml:13:58",
            "breaking breaking enum-value-removed checkout_click.channel @ plans/checkout.yaml:14:38",
            "counts compatible enum-value-added checkout_click.channel @ plans/checkout.yaml:14:49",
            "breaking breaking pattern-changed checkout_click.code @ plans/checkout.yaml:15:38",
            "counts compatible pattern-removed checkout_click.ref @ plans/checkout.yaml:16:7",
            "breaking breaking format-changed checkout_click.mail @ plans/checkout.yaml:17:37",
            "counts compatible format-removed checkout_click.link @ plans/checkout.yaml:18:7",
            "breaking breaking privacy-changed checkout_click.phone @ plans/checkout.yaml:19:50",
            "breaking breaking nested-structure-changed checkout_click.meta @ plans/checkout.yaml:20:41",
            "breaking breaking parameter-removed checkout_click.product.sku @ plans/checkout.yaml:21:7 was plans/checkout.yaml:29:11",
            "breaking breaking type-changed checkout_click.product.price @ plans/checkout.yaml:24:26",
            "counts compatible length-widened checkout_click.tags[] @ plans/checkout.yaml:25:63",
            "breaking breaking length-narrowed checkout_click.tags @ plans/checkout.yaml:25:80",
            "informational documentation description-changed checkout_click.label @ plans/checkout.yaml:26:43",
            "informational documentation display-changed checkout_click.label @ plans/checkout.yaml:26:63",
            "counts compatible required-made-optional checkout_click.promo (on android) @ plans/checkout.yaml:27:7",
            "breaking breaking parameter-added-required checkout_click.extra_required @ plans/checkout.yaml:28:7",
            "counts compatible parameter-added-optional checkout_click.extra_optional @ plans/checkout.yaml:29:7",
            "breaking breaking length-narrowed checkout_click.element_id @ templates/events/click.yaml:4:59",
            "informational documentation description-changed settings: common parameter user_id @ trackplan.yaml:7:41",
            "breaking breaking common-parameter-changed settings: common parameter session_id @ trackplan.yaml:8:23",
            "counts compatible common-parameter-added settings: common parameter app_version @ trackplan.yaml:9:3",
        ]
        let lines = Self.lines(PlanDiff.compare(base: base.self, head: head))
        #expect(lines == expected, "\(lines.joined(separator: "\n"))")
    }

    /// Event-level rules on a plan in testing (changes count), a removed plan in release (breaking),
    /// the rename heuristic and an event that moved between plans.
    @Test func eventRules() {
        let (base, head) = Self.pair("events")
        let expected = [
            "breaking breaking event-removed gone_event @ - was plans/gone.yaml:6:11",
            "informational documentation event-moved moved_event @ plans/other.yaml:6:11",
            "counts breaking storage-changed plan shop @ plans/shop.yaml:5:10",
            "counts breaking event-removed shop_view @ plans/shop.yaml:6:1 was plans/shop.yaml:7:11",
            "counts breaking event-renamed new_name @ plans/shop.yaml:7:11 was plans/shop.yaml:10:11",
            "counts breaking event-type-changed shop_click @ plans/shop.yaml:11:11",
            "counts breaking terminal-dropped shop_click @ plans/shop.yaml:13:16 was plans/shop.yaml:4:18",
            "counts compatible terminal-added shop_click @ plans/shop.yaml:13:22",
            "counts breaking position-changed shop_click @ plans/shop.yaml:14:15",
            "informational documentation display-changed shop_click @ plans/shop.yaml:15:14",
            "informational documentation description-changed shop_click @ plans/shop.yaml:16:18",
            "informational documentation test-cases-changed shop_click @ plans/shop.yaml:18:7",
            "informational documentation template-changed shop_tap @ plans/shop.yaml:20:15",
            "counts breaking exposure-rule-changed shop_exposure @ plans/shop.yaml:23:15",
            "counts compatible event-added brand_new @ plans/shop.yaml:24:11",
        ]
        let lines = Self.lines(PlanDiff.compare(base: base, head: head))
        #expect(lines == expected, "\(lines.joined(separator: "\n"))")
    }

    /// The same three changes (breaking, compatible, documentation) in a plan in every state.
    @Test func severityFollowsThePlanState() throws {
        let (base, head) = Self.pair("states")
        let changes = PlanDiff.compare(base: base, head: head)
        let expected: [PlanState: (breaking: ChangeSeverity, compatible: ChangeSeverity)] = [
            .request: (.informational, .informational), .review: (.informational, .informational),
            .implementation: (.counts, .counts), .testing: (.counts, .counts),
            .release: (.breaking, .counts), .postMortem: (.breaking, .counts), .retired: (.informational, .informational),
        ]
        for state in PlanState.allCases {
            let mine = changes.filter { $0.plan == "in_\(state.rawValue)" }
            #expect(mine.map(\.rule).sorted() == ["description-changed", "parameter-added-optional", "type-changed"], "\(state)")
            let want = try #require(expected[state])
            #expect(mine.first { $0.rule == "type-changed" }?.severity == want.breaking, "\(state)")
            #expect(mine.first { $0.rule == "parameter-added-optional" }?.severity == want.compatible, "\(state)")
            #expect(mine.first { $0.rule == "description-changed" }?.severity == .informational, "\(state)")
            #expect(mine.allSatisfy { $0.state == state })
        }
        let report = DiffReport(base: "base", changes: changes)
        #expect(report.failing(.breaking).map(\.plan) == ["in_post_mortem", "in_release"])
        #expect(report.failing(.counts).count == 8)
        #expect(report.failing(.any).count == changes.count)
    }

    @Test func everyRuleIsCoveredAndDocumented() throws {
        var seen = Set<String>()
        for name in ["params", "events", "states"] {
            let (base, head) = Self.pair(name)
            seen.formUnion(PlanDiff.compare(base: base, head: head).map(\.rule))
        }
        let docs = try String(contentsOf: TestPaths.repository.appendingPathComponent("docs/diff.md"), encoding: .utf8)
        for rule in DiffRules.all {
            #expect(seen.contains(rule.id), "no fixture exercises \(rule.id)")
            #expect(docs.contains("`\(rule.id)`"), "docs/diff.md does not describe \(rule.id)")
        }
    }

    @Test func noChangesBetweenEqualWorkspaces() {
        let (base, _) = Self.pair("params")
        #expect(PlanDiff.compare(base: base, head: base).isEmpty)
        let example = WorkspaceLoader().load(root: TestPaths.repository.path)
        #expect(PlanDiff.compare(base: example, head: example).isEmpty)
    }

    @Test func versionsFollowSchemaVer() {
        let (base, head) = Self.pair("events")
        let report = DiffReport(base: "base", changes: PlanDiff.compare(base: base, head: head))
        let versions = report.versions(head: head).map { "\($0.event) \($0.bump)" }
        #expect(versions == ["brand_new new", "gone_event removed", "new_name MODEL", "shop_click MODEL", "shop_exposure REVISION", "shop_view removed"])
        let (pb, ph) = Self.pair("params")
        let params = DiffReport(base: "base", changes: PlanDiff.compare(base: pb, head: ph)).versions(head: ph)
        #expect(params.map(\.bump) == ["MODEL"])
        #expect(SchemaVerBump.revision.apply(to: (1, 2, 3)) == (1, 3, 0))
        #expect(SchemaVerBump.model.apply(to: (1, 2, 3)) == (2, 0, 0))
        #expect(SchemaVerBump.addition.apply(to: (1, 2, 3)) == (1, 2, 4))
    }

    /// An event's written `version` is the one bumped: 2-3-1 narrowed is 2-4-0.
    @Test func writtenVersionsAreBumped() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("tp-diff-version-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func workspace(_ name: String, maxLength: Int) throws -> Workspace {
            let dir = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("plans"), withIntermediateDirectories: true)
            try Data("version: 1\nterminals:\n  ios: { kind: app }\n".utf8).write(to: dir.appendingPathComponent("trackplan.yaml"))
            try Data("""
            plan: p
            title: P
            owner: a@example.com
            terminals: [ios]
            events:
              - name: e
                type: custom
                version: 2-3-1
                parameters:
                  x: { type: string, max_length: \(maxLength) }
              - name: f
                type: custom
                parameters:
                  y: { type: integer, required: true }
            status: release

            """.utf8).write(to: dir.appendingPathComponent("plans/p.yaml"))
            return WorkspaceLoader().load(root: dir.path)
        }
        let base = try workspace("base", maxLength: 64)
        var head = try workspace("head", maxLength: 32)
        var versions = DiffReport(base: "base", changes: PlanDiff.compare(base: base, head: head)).versions(head: head, base: base)
        #expect(versions.map { "\($0.event) \($0.bump) \($0.from ?? "-") \($0.to ?? "-")" } == ["e REVISION 2-3-1 2-4-0"])
        head = try workspace("head2", maxLength: 64)
        let text = try String(contentsOf: root.appendingPathComponent("head2/plans/p.yaml"), encoding: .utf8)
        try Data(text.replacingOccurrences(of: "y: { type: integer, required: true }", with: "y: { type: string, required: true }").utf8)
            .write(to: root.appendingPathComponent("head2/plans/p.yaml"))
        head = WorkspaceLoader().load(root: root.appendingPathComponent("head2").path)
        versions = DiffReport(base: "base", changes: PlanDiff.compare(base: base, head: head)).versions(head: head, base: base)
        #expect(versions.map { "\($0.event) \($0.bump) \($0.from ?? "-") \($0.to ?? "-")" } == ["f MODEL 1-0-0 2-0-0"])
    }

    @Test func goldenOutputs() throws {
        let (base, head) = Self.pair("events")
        let report = DiffReport(base: "main (1a2b3c4d)", changes: PlanDiff.compare(base: base, head: head))
        let versions = report.versions(head: head)
        try Golden.check(report.text(versions: versions), "diff/events.text")
        try Golden.check(report.markdown(versions: versions), "diff/events.md")
        try Golden.check(report.json(versions: versions), "diff/events.json")
        try Golden.check(report.github(), "diff/events.github")
    }

    /// Names and text built to break a pull-request comment or an annotation stay text.
    @Test func hostileTextIsEscaped() {
        let settings = "version: 1\nterminals: { ios: { kind: app } }\n"
        func plan(_ description: String) -> String {
            """
            plan: p
            title: T
            owner: o@example.com
            events:
              - name: "a|b`c<script>\\n::error::x"
                type: custom
                description: "\(description)"
                parameters:
                  "x|y": { type: enum, values: ["v`|**", "w"] }
            status: release

            """
        }
        let base = WorkspaceLoader().load(files: [("trackplan.yaml", settings), ("plans/p.yaml", plan("old"))])
        let head = WorkspaceLoader().load(files: [("trackplan.yaml", settings), ("plans/p.yaml", plan("new\\n| # <b>"))])
        let edited = head.plans[0].events[0]
        #expect(edited.name.contains("\n"))
        var changes = PlanDiff.compare(base: base, head: head)
        #expect(changes.map(\.rule) == ["description-changed"])
        let headless = WorkspaceLoader().load(files: [("trackplan.yaml", settings), ("plans/p.yaml", plan("old").replacingOccurrences(of: "\"v`|**\", ", with: ""))])
        changes = PlanDiff.compare(base: base, head: headless)
        #expect(changes.map(\.rule) == ["enum-value-removed"])
        let report = DiffReport(base: "b", changes: changes)
        let md = report.markdown()
        for line in md.split(separator: "\n") where line.hasPrefix("| `") {
            // Every row keeps its five cells: no unescaped pipe splits one.
            let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
            #expect(cells.count == 7, "\(line)")
        }
        let gh = report.github()
        #expect(gh.split(separator: "\n").count == 1)
        #expect(gh.hasPrefix("::error file=plans/p.yaml,line="))
        #expect(gh.contains("<script>%0A::error::x"))
    }
}

/// `trackplan diff` through the binary, against a temporary git repository.
@Suite(.serialized) struct DiffCLITests {
    static let env = LifecycleTests.env.merging(["GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
                                                 "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"]) { $1 }

    static func git(_ args: String..., in dir: URL) throws {
        let git = try #require(Proc.which("git"))
        let r = try Proc.run(git, Array(args), in: dir, env: env)
        #expect(r.code == 0, "git \(args.joined(separator: " ")): \(r.err)")
    }

    static func tp(_ args: [String], in dir: URL) throws -> CLI.Result { try CLI.run(args, in: dir, env: env) }

    /// A repository holding the example workspace in a sub-folder, committed on main.
    static func repository() throws -> (repo: URL, workspace: URL) {
        let repo = try Sandbox.folder("diff")
        let ws = repo.appendingPathComponent("tracking")
        try FileManager.default.createDirectory(at: ws, withIntermediateDirectories: true)
        try Sandbox.copyWorkspace(to: ws)
        try git("init", "-q", "-b", "main", in: repo)
        try LifecycleTests.write(repo, "README", "Plans live in tracking/.\n")
        try git("add", "README", in: repo)
        try git("commit", "-q", "-m", "readme", in: repo)
        try git("add", "-A", in: repo)
        try git("commit", "-q", "-m", "plans", in: repo)
        return (repo, ws)
    }

    @Test func twoCommitsThroughTheBinary() throws {
        let (repo, ws) = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        // No change: the default BASE (merge base with main, i.e. HEAD) finds nothing.
        var r = try Self.tp(["diff"], in: ws)
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("No changes against merge base with main"))

        // product_detail is released: narrowing a parameter there is breaking.
        let path = "plans/product_detail.yaml"
        let text = try LifecycleTests.read(ws, path)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("max_length:") })
        let line = lines[index]
        let changed = line.replacingOccurrences(of: #"max_length: (\d+)"#, with: "max_length: 1", options: .regularExpression)
        try LifecycleTests.write(ws, path, text.replacingOccurrences(of: String(line), with: changed))
        try Self.git("commit", "-q", "-am", "narrow", in: repo)

        // Annotations name files from the repository's top, wherever the command runs.
        r = try Self.tp(["diff", "HEAD~1", "--format", "github", "--fail-on", "breaking"], in: ws.appendingPathComponent("plans"))
        #expect(r.code == 1, "\(r.out)\(r.err)")
        let column = try #require(changed.range(of: "max_length: 1")).upperBound.utf16Offset(in: changed)
        #expect(r.out.contains("::error file=tracking/plans/product_detail.yaml,line=\(index + 1),col=\(column),title=trackplan diff/length-narrowed::"), "\(r.out)")
        // From inside the workspace, paths read relative to it; the default fail-on is breaking.
        r = try Self.tp(["diff", "HEAD~1"], in: ws)
        #expect(r.code == 1)
        #expect(r.out.contains("plans/product_detail.yaml:\(index + 1):\(column): breaking:"), "\(r.out)")
        // Against the new commit itself: nothing changed in the working tree.
        r = try Self.tp(["diff", "HEAD", "--fail-on", "any"], in: ws)
        #expect(r.code == 0, "\(r.out)\(r.err)")
        // Markdown and JSON for the same change.
        r = try Self.tp(["diff", "HEAD~1", "--format", "markdown", "--versions"], in: ws)
        #expect(r.out.hasPrefix("## Tracking plan changes against `HEAD~1 ("))
        #expect(r.out.contains("| REVISION |"))
        r = try Self.tp(["diff", "HEAD~1", "--format", "json"], in: ws)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(r.out.utf8))
        guard case .object(let o) = json, case .array(let items)? = o["changes"], case .object(let first)? = items.first else {
            Issue.record("unexpected JSON \(r.out)"); return
        }
        #expect(first["rule"] == .string("length-narrowed"))
        #expect(first["line"] == .number(Double(index + 1)))
    }

    @Test func badBaseIsAUsageError() throws {
        let (repo, ws) = try Self.repository()
        defer { try? FileManager.default.removeItem(at: repo) }
        var r = try Self.tp(["diff", "no-such-revision"], in: ws)
        #expect(r.code == 2)
        #expect(r.err.contains("BASE 'no-such-revision' is neither a folder nor a git revision"), "\(r.err)")
        r = try Self.tp(["diff", "--format", "xml"], in: ws)
        #expect(r.code == 2)
        // The first commit holds only a README: the workspace did not exist there.
        r = try Self.tp(["diff", "HEAD~1"], in: ws)
        #expect(r.code == 2)
        #expect(r.err.contains("no tracking/trackplan.yaml at HEAD~1"), "\(r.err)")
        // Outside any git repository, a revision cannot be read.
        let loose = try Sandbox.folder("diff-loose")
        defer { try? FileManager.default.removeItem(at: loose) }
        try FileManager.default.copyItem(at: ws.appendingPathComponent("trackplan.yaml"), to: loose.appendingPathComponent("trackplan.yaml"))
        r = try Self.tp(["diff", "HEAD"], in: loose)
        #expect(r.code == 2)
        #expect(r.err.contains("is not in a git repository"), "\(r.err)")
        r = try Self.tp(["diff"], in: loose)
        #expect(r.code == 2)
    }

    @Test func baseFolder() throws {
        let head = TestPaths.fixtures.appendingPathComponent("diff/events/head")
        let r = try Self.tp(["diff", "../base", "--fail-on", "counts"], in: head)
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("plans/shop.yaml:7:11: counts: new_name: renamed from old_name"))
        let missing = try Self.tp(["diff", TestPaths.fixtures.path], in: head)
        #expect(missing.code == 2)
        #expect(missing.err.contains("holds no trackplan.yaml"))
    }
}
