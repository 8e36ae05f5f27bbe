import Foundation
import Testing
@testable import TrackPlanKit

/// A plan's whole life through the real binary: init, new, lint, submit, approvals
/// (refused for the owner), a change that makes them stale, re-approval, and every
/// move to the end; each refusal checked for its message and exit code.
@Suite(.serialized) struct LifecycleTests {
    /// A fresh temporary folder, and an environment with a fixed clock and no ambient identity.
    static let env = ["TRACKPLAN_NOW": "2026-11-20T10:00:00Z", "TRACKPLAN_USER": "", "HOME": "/nonexistent",
                      "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "NO_COLOR": "1"]

    static func tp(_ args: [String], in dir: URL, env extra: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(args, in: dir, env: env.merging(extra) { $1 })
    }

    static func read(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    static func write(_ dir: URL, _ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: dir.appendingPathComponent(path))
    }

    static func plan(_ dir: URL, _ id: String) throws -> Plan {
        let ws = WorkspaceLoader().load(root: dir.path)
        return try #require(ws.plans.first { $0.id == id })
    }

    @Test func wholeLife() throws {
        let dir = try Sandbox.folder("life")
        defer { try? FileManager.default.removeItem(at: dir) }
        func tp(_ args: String..., now: String = "2026-11-20T10:00:00Z") throws -> CLI.Result {
            try Self.tp(args, in: dir, env: ["TRACKPLAN_NOW": now])
        }

        // init, and init again is refused.
        var r = try tp("init")
        #expect(r.code == 0, "\(r.err)")
        r = try tp("init")
        #expect(r.code == 2)
        #expect(r.err.contains("already has a workspace"))
        #expect(try tp("lint").code == 0)

        // new: a draft in request, from the click template; bad ids and duplicates refused.
        r = try tp("new", "banner_click", "--template", "click", "--as", "pm@example.com", "--title", "Banner click")
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.plan(dir, "banner_click").status == .request)
        #expect(try tp("lint", "plans/banner_click.yaml").code == 0)
        r = try tp("new", "../escape", "--as", "pm@example.com")
        #expect(r.code == 2)
        #expect(r.err.contains("is not a plan id"))
        #expect(!FileManager.default.fileExists(atPath: dir.deletingLastPathComponent().appendingPathComponent("escape.yaml").path))
        r = try tp("new", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 2)
        #expect(r.err.contains("already exists"))
        r = try tp("new", "other_click", "--template", "clik", "--as", "pm@example.com")
        #expect(r.code == 2)
        #expect(r.err.contains("did you mean 'click'"))

        // The owner fills the plan in, with a mistake: submit is refused until it lints clean.
        var text = try Self.read(dir, "plans/banner_click.yaml")
        text = text.replacingOccurrences(of: "    parameters: {}\n", with: """
            position: { page: home, module: search_bar, slot: search_button }
            parameters:
              banner_id: { type: strng, required: true, max_length: 64 }
            test_cases:
              - scenario: Tap the banner
                expect: One banner_click with its banner_id

        """)
        text = text.replacingOccurrences(of: "# schedule: { integration_test: YYYY-MM-DD, release: YYYY-MM-DD }",
                                         with: "schedule: { integration_test: 2026-12-01, release: 2026-12-08 }")
        try Self.write(dir, "plans/banner_click.yaml", text)
        r = try tp("submit", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("cannot move banner_click from request to review"))
        #expect(r.err.contains("lint error"))
        text = text.replacingOccurrences(of: "type: strng", with: "type: string")
        try Self.write(dir, "plans/banner_click.yaml", text)
        r = try tp("submit", "banner_click", "--as", "pm@example.com", "--note", "First draft")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("request → review"))
        r = try tp("submit", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("is in review, not request"))

        // Approvals: the owner is refused, strangers are refused, advance needs both roles.
        r = try tp("approve", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("pm@example.com owns banner_click and cannot approve it; ask dpm@example.com, de@example.com"))
        r = try tp("approve", "banner_click", "--as", "stranger@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("not listed under any role"))
        r = try tp("approve", "banner_click", "--as", "dev@example.com", "--role", "data_engineer")
        #expect(r.code == 1)
        #expect(r.err.contains("not listed under roles.data_engineer"))
        r = try tp("advance", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("no current approval by role data_product_manager (can provide: dpm@example.com)"))
        #expect(r.err.contains("no current approval by role data_engineer (can provide: de@example.com)"))
        r = try tp("approve", "banner_click", "--as", "dpm@example.com", "--comment", "Clear and complete")
        #expect(r.code == 0, "\(r.err)")
        r = try tp("approve", "banner_click", "--as", "dpm@example.com")
        #expect(r.code == 0)
        #expect(r.out.contains("already approved"))
        #expect(try Self.plan(dir, "banner_click").approvals.count == 1)
        r = try tp("approve", "banner_click", "--as", "de@example.com")
        #expect(r.code == 0, "\(r.err)")

        // A parameter changes after approval: both approvals go stale; lint, status and the gate say so.
        let approvedText = try Self.read(dir, "plans/banner_click.yaml")
        try Self.write(dir, "plans/banner_click.yaml",
                       approvedText.replacingOccurrences(of: "required: true, max_length: 64", with: "required: true, max_length: 32"))
        r = try tp("lint", "plans/banner_click.yaml")
        #expect(r.out.contains("[stale-approval]"))
        #expect(r.out.contains("approval by dpm@example.com (data_product_manager)"))
        r = try tp("status", "--format", "json")
        let rows = try JSONDecoder().decode([PlanStatus].self, from: Data(r.out.utf8))
        let row = try #require(rows.first { $0.plan == "banner_click" })
        #expect(row.staleApprovals == ["dpm@example.com (data_product_manager)", "de@example.com (data_engineer)"])
        #expect(row.blocking.map(\.condition) == ["state-requirements", "approvals", "approvals"])
        r = try tp("advance", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("the approval by dpm@example.com at 2026-11-20T10:00:00Z is stale: the plan changed since"))
        // Re-approval at a later time; the stale ones stay as history and lint goes quiet.
        #expect(try tp("approve", "banner_click", "--as", "dpm@example.com", now: "2026-11-21T09:00:00Z").code == 0)
        #expect(try tp("approve", "banner_click", "--as", "de@example.com", now: "2026-11-21T09:05:00Z").code == 0)
        r = try tp("lint", "plans/banner_click.yaml")
        #expect(r.code == 0)
        #expect(!r.out.contains("stale"))

        // No skipping; then review → implementation → testing.
        r = try tp("advance", "banner_click", "--to", "testing", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("can only advance to implementation, not past implementation to testing (no skipping)"))
        r = try tp("advance", "banner_click", "--to", "implementation", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("no storage is set; write storage: { table: ... }"))
        // Storage is content: adding it makes the approvals stale again, so they are renewed.
        let withStorage = try Self.read(dir, "plans/banner_click.yaml")
            .replacingOccurrences(of: "\nevents:\n", with: "\nstorage: { table: dwd.user_behavior_log, mode: realtime }\n\nevents:\n")
        try Self.write(dir, "plans/banner_click.yaml", withStorage)
        #expect(try tp("approve", "banner_click", "--as", "dpm@example.com", now: "2026-11-21T09:10:00Z").code == 0)
        #expect(try tp("approve", "banner_click", "--as", "de@example.com", now: "2026-11-21T09:15:00Z").code == 0)
        r = try tp("advance", "banner_click", "--to", "implementation", "--as", "pm@example.com")
        #expect(r.code == 0, "\(r.err)")
        r = try tp("advance", "banner_click", "--as", "dev@example.com")
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.plan(dir, "banner_click").status == .testing)

        // Into release: no verification and no sign-off yet; the tester signs off.
        r = try tp("advance", "banner_click", "--as", "dev@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("no verification recorded"))
        #expect(r.err.contains("no current sign-off by role tester"))
        #expect(r.err.contains("can provide: tester@example.com"))
        r = try tp("approve", "banner_click", "--as", "tester@example.com", "--comment", "All test cases pass on iOS and Android")
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("as tester"))
        r = try tp("advance", "banner_click", "--as", "dev@example.com")
        #expect(r.code == 0, "\(r.err)")

        // Into post_mortem: the section must be written first.
        r = try tp("advance", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("post-mortem section is not filled in"))
        r = try tp("postmortem", "banner_click", "--summary", "CTR 3.1%, as planned.", "--released", "2026-12-08",
                   "--issue", "Android sent banner_id empty on cold start", "--as", "pm@example.com")
        #expect(r.code == 0, "\(r.err)")
        r = try tp("advance", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 0, "\(r.err)")
        r = try tp("advance", "banner_click", "--as", "pm@example.com")
        #expect(r.code == 1)
        #expect(r.err.contains("post_mortem, the last state"))

        // The record: status, history, and a file that still lints clean.
        let done = try Self.plan(dir, "banner_click")
        #expect(done.status == .postMortem)
        #expect(done.history.compactMap(\.action) == ["submit", "approve", "approve", "approve", "approve", "approve", "approve", "advance",
                                                       "advance", "approve", "advance", "postmortem", "advance"])
        #expect(done.history.first?.note == "First draft")
        #expect(done.postmortem?.issues == ["Android sent banner_id empty on cold start"])
        r = try tp("history", "banner_click", "--format", "json")
        #expect(r.code == 0)
        #expect(r.out.contains("\"action\" : \"postmortem\""))
        r = try tp("show", "banner_click")
        #expect(r.code == 0)
        #expect(r.out.contains("[post_mortem]"))
        #expect(r.out.contains("dpm@example.com as data_product_manager at 2026-11-20T10:00:00Z  SUPERSEDED"))
        r = try tp("lint")
        #expect(r.code == 0, "\(r.out)")
        // Everything the owner wrote is still there, byte for byte, before the tool's fields.
        let final = try Self.read(dir, "plans/banner_click.yaml")
        let content = withStorage
        let ownPart = content[..<content.range(of: "status: review")!.lowerBound]
        #expect(final.hasPrefix(ownPart))
    }

    @Test func rejectRetireAndIdentity() throws {
        let dir = try Sandbox.folder("reject")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.tp(["init"], in: dir).code == 0)

        // No identity anywhere: a clear error, exit 2, nothing written.
        let before = try Self.read(dir, "plans/search_click.yaml")
        var r = try Self.tp(["submit", "search_click"], in: dir)
        #expect(r.code == 2)
        #expect(r.err.contains("who is acting?"))
        #expect(try Self.read(dir, "plans/search_click.yaml") == before)
        // TRACKPLAN_USER, then git config user.email, are used when --as is not given.
        r = try Self.tp(["submit", "search_click"], in: dir, env: ["TRACKPLAN_USER": "pm@example.com"])
        #expect(r.code == 0, "\(r.err)")
        #expect(try Self.plan(dir, "search_click").history.last?.by == "pm@example.com")

        r = try Self.tp(["reject", "search_click", "--comment", "Own plan", "--as", "pm@example.com"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("cannot reject it"))
        r = try Self.tp(["reject", "search_click", "--comment", "Say which page the search bar is on", "--as", "dpm@example.com"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        var plan = try Self.plan(dir, "search_click")
        #expect(plan.status == .request)
        #expect(plan.history.last?.action == "reject")
        #expect(plan.history.last?.note == "Say which page the search bar is on")
        r = try Self.tp(["reject", "search_click", "--comment", "again", "--as", "dpm@example.com"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("only a plan in review can be rejected"))
        r = try Self.tp(["approve", "search_click", "--as", "dpm@example.com"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("submit it for review first"))

        r = try Self.tp(["retire", "plans/search_click.yaml", "--note", "Replaced by search_v2", "--as", "pm@example.com"], in: dir)
        #expect(r.code == 0, "\(r.err)")
        plan = try Self.plan(dir, "search_click")
        #expect(plan.status == .retired)
        r = try Self.tp(["advance", "search_click", "--as", "pm@example.com"], in: dir)
        #expect(r.code == 1)
        #expect(r.err.contains("retired"))
        r = try Self.tp(["retire", "search_click", "--as", "pm@example.com"], in: dir)
        #expect(r.code == 1)
        r = try Self.tp(["show", "nope"], in: dir)
        #expect(r.code == 2)
        #expect(r.err.contains("no plan 'nope'"))
        r = try Self.tp(["status", "--state", "retired"], in: dir)
        #expect(r.out.contains("search_click") && r.out.contains("retired"))
        r = try Self.tp(["status", "--state", "review"], in: dir)
        #expect(r.out.contains("no plans match"))
    }

    @Test func identityFromGit() throws {
        let dir = try Sandbox.folder("git")
        defer { try? FileManager.default.removeItem(at: dir) }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "init", "-q", dir.path]
        try git.run()
        git.waitUntilExit()
        try #require(git.terminationStatus == 0)
        try "[user]\n\temail = pm@example.com\n".write(to: dir.appendingPathComponent(".git/config"), atomically: true, encoding: .utf8)
        #expect(Identity.resolve(flag: nil, environment: [:], directory: dir.path) == "pm@example.com")
        #expect(Identity.resolve(flag: nil, environment: ["TRACKPLAN_USER": "u@example.com"], directory: dir.path) == "u@example.com")
        #expect(Identity.resolve(flag: "a@example.com", environment: ["TRACKPLAN_USER": "u@example.com"], directory: dir.path) == "a@example.com")
    }

    @Test func newNeverPromptsWithoutATerminal() throws {
        let dir = try Sandbox.folder("new")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.tp(["init"], in: dir).code == 0)
        // stdin is /dev/null in CLI.run: no prompt, the defaults apply, and it returns.
        let r = try Self.tp(["new", "cart_click"], in: dir, env: ["TRACKPLAN_USER": "pm@example.com"])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("Title"))
        let plan = try Self.plan(dir, "cart_click")
        #expect(plan.title == "Cart click")
        #expect(plan.owner == "pm@example.com")
        #expect(plan.events.first?.type == .custom)
        #expect(try Self.tp(["lint"], in: dir).code == 0)
    }

    @Test func concurrentApprovalsAreAllRecorded() throws {
        let dir = try Sandbox.folder("concurrent")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.tp(["init"], in: dir).code == 0)
        let people = (0 ..< 16).map { "engineer\($0)@example.com" }
        var settings = try Self.read(dir, "trackplan.yaml")
        settings = settings.replacingOccurrences(of: "data_engineer: [de@example.com]",
                                                 with: "data_engineer: [\(people.joined(separator: ", "))]")
        try Self.write(dir, "trackplan.yaml", settings)
        #expect(try Self.tp(["submit", "search_click", "--as", "pm@example.com"], in: dir).code == 0)

        let processes = try people.map { who -> Process in
            let p = Process()
            p.executableURL = CLI.binary
            p.arguments = ["approve", "search_click", "--as", who]
            p.currentDirectoryURL = dir
            p.environment = ProcessInfo.processInfo.environment.merging(Self.env) { $1 }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            return p
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })

        let plan = try Self.plan(dir, "search_click")
        #expect(Set(plan.approvals.map(\.by)) == Set(people))
        #expect(plan.approvals.count == people.count)
        #expect(plan.history.filter { $0.action == "approve" }.count == people.count)
        #expect(try Self.tp(["lint"], in: dir).code == 0)
        // No temporary files are left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("plans").path)
        #expect(leftovers == ["search_click.yaml"])
    }

    @Test func scaffoldTemplatesAreTheExampleWorkspaces() throws {
        for (path, text) in Scaffold.files where path.hasPrefix("templates/") {
            let example = try String(contentsOf: TestPaths.repository.appendingPathComponent(path), encoding: .utf8)
            #expect(text == example, "\(path) in Scaffold.swift differs from the example workspace's")
        }
    }

    @Test func statusOfTheExampleWorkspace() throws {
        let ws = WorkspaceLoader().load(root: TestPaths.repository.path)
        let rows = StatusReport.rows(ws, today: "2026-11-25")
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.plan, $0) })
        let banner = try #require(byID["homepage_banner"])
        #expect(banner.state == "review")
        #expect(banner.nextDate == .init(key: "integration_test", state: "testing", date: "2026-12-01"))
        #expect(!banner.overdue)
        #expect(banner.blocking.map(\.condition) == ["approvals", "approvals"])
        #expect(banner.blocking.first?.who == ["dora@example.com"])
        let cart = try #require(byID["add_to_cart"])
        #expect(cart.overdue)
        #expect(cart.overdueMilestones.map(\.key) == ["release"])
        // Filters.
        var filter = StatusReport.Filter()
        filter.states = [.testing]
        #expect(StatusReport.rows(ws, today: "2026-11-25", filter: filter).map(\.plan) == ["add_to_cart", "video_started"])
        filter = StatusReport.Filter()
        filter.owner = "BOB@example.com"
        #expect(StatusReport.rows(ws, today: "2026-11-25", filter: filter).allSatisfy { $0.owner == "bob@example.com" })
        filter = StatusReport.Filter()
        filter.terminal = "web"
        #expect(StatusReport.rows(ws, today: "2026-11-25", filter: filter).map(\.plan) == ["add_to_cart", "product_detail", "purchase_completed", "video_started"])
        filter.terminal = "server"
        #expect(StatusReport.rows(ws, today: "2026-11-25", filter: filter).isEmpty)
        filter = StatusReport.Filter()
        filter.overdueOnly = true
        let overdueRows = StatusReport.rows(ws, today: "2026-11-25", filter: filter)
        #expect(!overdueRows.isEmpty && overdueRows.allSatisfy { $0.overdue })
        let table = StatusReport.table(rows, color: false)
        #expect(table.contains("2026-05-19 release OVERDUE"))
    }

    @Test func gatesOverrideDefaultsKeyByKey() throws {
        let ws = WorkspaceLoader().load(files: [("trackplan.yaml", """
            version: 1
            terminals: { ios: { kind: app } }
            gates:
              testing: { test_cases: false }
              release: { verification: passed }
              implementation: { approvals: [developer] }
            """)])
        #expect(ws.loadDiagnostics.isEmpty, "\(ws.loadDiagnostics)")
        let testing = Gates.gate(into: .testing, settings: ws.settings)
        #expect(testing.testCases == false)
        #expect(testing.dates == ["integration_test"])
        let release = Gates.gate(into: .release, settings: ws.settings)
        #expect(release.verification == "passed")
        #expect(release.dates == ["release"])
        #expect(Gates.gate(into: .implementation, settings: ws.settings).approvals == ["developer"])
        #expect(Gates.gate(into: .review, settings: ws.settings).lintClean == true)
    }
}
