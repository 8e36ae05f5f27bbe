import Foundation

/// Moves plans along request → review → implementation → testing → release →
/// post_mortem (or to retired), checking each gate, recording approvals bound to
/// the content digest, and writing history. Every move runs under the workspace
/// lock: load, check, edit the plan's own fields in place, write atomically.
public struct Lifecycle {
    public enum Action: Sendable {
        case submit(note: String?)
        case approve(role: String?, comment: String?)
        case reject(comment: String)
        case advance(to: PlanState?, note: String?)
        case retire(note: String?)
        case postmortem(summary: String, released: String?, issues: [String], followUps: [String])
        /// `trackplan verify --record`: the outcome of checking a capture.
        case recordVerification(passed: Bool, input: String, events: Int, findings: Int, note: String?)
    }

    /// A refused move (exit 1) or unusable input (exit 2), with the reason.
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var exitCode: Int32
        public var description: String { message }
        public static func refused(_ m: String) -> Failure { Failure(message: m, exitCode: 1) }
        public static func input(_ m: String) -> Failure { Failure(message: m, exitCode: 2) }
    }

    public let root: String
    public let identity: String
    public let now: Date
    public var lockTimeout: Double = 60

    public init(root: String, identity: String, now: Date) {
        self.root = root
        self.identity = identity
        self.now = now
    }

    /// Performs `action` on the plan `ref` (an id, or a path relative to `directory`);
    /// returns what to tell the user.
    public func perform(_ action: Action, plan ref: String, directory: String) throws -> String {
        let lock: WorkspaceLock
        do { lock = try WorkspaceLock(root: root, timeout: lockTimeout) } catch { throw Failure.input("\(error)") }
        defer { withExtendedLifetime(lock) {} }

        let workspace = WorkspaceLoader().load(root: root)
        let plan = try Self.find(ref, in: workspace, directory: directory)
        let checker = GateChecker(workspace: workspace)
        guard let bytes = workspace.sources[plan.path] else { throw Failure.input("\(plan.path): cannot read") }
        var editor: PlanEditor
        do { editor = try PlanEditor(path: plan.path, bytes: bytes) } catch { throw Failure.input("\(error)") }
        let at = WorkflowClock.timestamp(now)
        let digest = ContentDigest.of(plan: plan.node)
        var message: String

        switch action {
        case .submit(let note):
            guard plan.status == .request else {
                throw Failure.refused("\(plan.id) is in \(plan.status.rawValue), not request: only a request is submitted for review\(hint(plan))")
            }
            try move(plan, to: .review, action: "submit", note: note, checker: checker, editor: &editor, at: at)
            message = "\(plan.id): request → review"

        case .advance(let to, let note):
            guard let next = plan.status.next else {
                throw Failure.refused(plan.status == .retired ? "\(plan.id) is retired: it moves no further"
                                      : "\(plan.id) is in post_mortem, the last state")
            }
            if let to, to != next {
                if to == .retired { throw Failure.refused("use `trackplan retire \(plan.id)` to withdraw a plan") }
                let direction = to.order <= plan.status.order ? "back" : "past \(next.rawValue)"
                throw Failure.refused("\(plan.id) is in \(plan.status.rawValue): it can only advance to \(next.rawValue), not \(direction) to \(to.rawValue) (no skipping)")
            }
            try move(plan, to: next, action: plan.status == .request ? "submit" : "advance", note: note,
                     checker: checker, editor: &editor, at: at)
            message = "\(plan.id): \(plan.status.rawValue) → \(next.rawValue)"

        case .retire(let note):
            guard plan.status != .retired else { throw Failure.refused("\(plan.id) is already retired") }
            try editor.setScalar("status", PlanState.retired.rawValue)
            try editor.appendItem("history", historyEntry(at: at, action: "retire", from: plan.status, to: .retired, note: note),
                                  blockStyle: false)
            message = "\(plan.id): \(plan.status.rawValue) → retired"

        case .reject(let comment):
            guard plan.status == .review else {
                throw Failure.refused("\(plan.id) is in \(plan.status.rawValue): only a plan in review can be rejected")
            }
            guard !Identity.same(identity, plan.owner) else {
                throw Failure.refused("\(identity) owns \(plan.id) and cannot reject it; to withdraw it, `trackplan retire \(plan.id)`")
            }
            guard !checker.roles(of: identity).isEmpty else {
                throw Failure.refused("\(identity) holds no role under roles in \(workspace.settings.path), so cannot review \(plan.id)")
            }
            guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Failure.input("reject needs --comment saying what to change")
            }
            try editor.setScalar("status", PlanState.request.rawValue)
            try editor.appendItem("history", historyEntry(at: at, action: "reject", from: .review, to: .request, note: comment),
                                  blockStyle: false)
            message = "\(plan.id): review → request (rejected by \(identity))"

        case .approve(let role, let comment):
            guard [.review, .implementation, .testing, .release].contains(plan.status) else {
                throw Failure.refused(plan.status == .request
                    ? "\(plan.id) is still a request: submit it for review first (`trackplan submit \(plan.id)`)"
                    : "\(plan.id) is in \(plan.status.rawValue): there is nothing left to approve")
            }
            guard !Identity.same(identity, plan.owner) else {
                let next = plan.status.next.map { Gates.gate(into: $0, settings: workspace.settings).approvals ?? [] } ?? []
                let who = next.flatMap { checker.approvers($0, plan: plan) }
                throw Failure.refused("\(identity) owns \(plan.id) and cannot approve it\(who.isEmpty ? "" : "; ask \(who.joined(separator: ", "))")")
            }
            let chosen = try chooseRole(role, plan: plan, checker: checker)
            if checker.valid(approvalsOf: plan, role: chosen, digest: digest).contains(where: { Identity.same($0.by, identity) }) {
                return "\(plan.id): \(identity) has already approved this content as \(chosen); nothing to do"
            }
            var fields: [(String, PlanEditor.Value)] = [("by", .scalar(identity)), ("role", .scalar(chosen)),
                                                        ("at", .scalar(at)), ("digest", .scalar(digest))]
            if let comment, !comment.isEmpty { fields.append(("comment", .scalar(comment))) }
            try editor.appendItem("approvals", fields, blockStyle: true)
            try editor.appendItem("history", historyEntry(at: at, action: "approve", from: nil, to: nil,
                                                          note: "as \(chosen)" + (comment.map { ": \($0)" } ?? "")),
                                  blockStyle: false)
            message = "\(plan.id): approved by \(identity) as \(chosen) (\(digest.prefix(19))…)"

        case .postmortem(let summary, let released, let issues, let followUps):
            guard plan.status == .release || plan.status == .postMortem else {
                throw Failure.refused("\(plan.id) is in \(plan.status.rawValue): the post-mortem is written once it is released")
            }
            guard !summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Failure.input("postmortem needs --summary")
            }
            if let released, DateCheck.parseDate(released) == nil {
                throw Failure.input("--released \(released): expected a date like 2026-12-08")
            }
            var fields: [(String, PlanEditor.Value)] = [("summary", .scalar(summary))]
            if let released { fields.append(("released", .scalar(released))) }
            if !issues.isEmpty { fields.append(("issues", .list(issues))) }
            if !followUps.isEmpty { fields.append(("follow_ups", .list(followUps))) }
            fields += [("at", .scalar(at)), ("by", .scalar(identity))]
            try editor.setMapping("postmortem", fields)
            try editor.appendItem("history", historyEntry(at: at, action: "postmortem", from: nil, to: nil, note: nil),
                                  blockStyle: false)
            message = "\(plan.id): post-mortem written"

        case .recordVerification(let passed, let input, let events, let findings, let note):
            guard plan.status != .retired else { throw Failure.refused("\(plan.id) is retired: nothing to verify") }
            var fields: [(String, PlanEditor.Value)] = [
                ("result", .scalar(passed ? "passed" : "failed")), ("at", .scalar(at)), ("by", .scalar(identity)),
                ("digest", .scalar(digest)), ("input", .scalar(input)), ("events", .integer(events)),
                ("findings", .integer(findings)),
            ]
            if let note, !note.isEmpty { fields.append(("note", .scalar(note))) }
            try editor.setMapping("verification", fields)
            try editor.appendItem("history", historyEntry(at: at, action: "verify", from: nil, to: nil,
                                                          note: "\(passed ? "passed" : "failed"): \(events) events, \(findings) findings"),
                                  blockStyle: false)
            message = "\(plan.id): verification \(passed ? "passed" : "failed") recorded"
        }

        let output: [UInt8]
        do { output = try editor.result() } catch { throw Failure.input("\(error)") }
        do {
            try AtomicFile.write(output, to: (root as NSString).appendingPathComponent(plan.path))
        } catch {
            throw Failure.input("\(error)")
        }
        return message
    }

    /// Checks the gate into `target` and records the move.
    func move(_ plan: Plan, to target: PlanState, action: String, note: String?, checker: GateChecker,
              editor: inout PlanEditor, at: String) throws {
        let unmet = checker.unmet(plan, into: target)
        guard unmet.isEmpty else {
            throw Failure.refused("cannot move \(plan.id) from \(plan.status.rawValue) to \(target.rawValue):\n"
                                  + unmet.map { "  - \($0.text)" }.joined(separator: "\n"))
        }
        try editor.setScalar("status", target.rawValue)
        try editor.appendItem("history", historyEntry(at: at, action: action, from: plan.status, to: target, note: note),
                              blockStyle: false)
    }

    func historyEntry(at: String, action: String, from: PlanState?, to: PlanState?, note: String?) -> [(String, PlanEditor.Value)] {
        var fields: [(String, PlanEditor.Value)] = [("at", .scalar(at)), ("by", .scalar(identity)), ("action", .scalar(action))]
        if let from { fields.append(("from", .scalar(from.rawValue))) }
        if let to { fields.append(("to", .scalar(to.rawValue))) }
        if let note, !note.isEmpty { fields.append(("note", .scalar(note))) }
        return fields
    }

    /// The role an approval is recorded under: the one named, else the one role of
    /// the approver's that the next gate still needs, else their only role.
    func chooseRole(_ named: String?, plan: Plan, checker: GateChecker) throws -> String {
        let held = checker.roles(of: identity)
        let rolesFile = checker.workspace.settings.path
        if let named {
            guard checker.workspace.settings.roles[named] != nil else {
                let known = checker.workspace.settings.roles.keys.sorted()
                throw Failure.input("no role '\(named)' under roles in \(rolesFile)\(TemplateRuleSupport.didYouMean(named, known))")
            }
            guard held.contains(named) else {
                throw Failure.refused("\(identity) is not listed under roles.\(named) in \(rolesFile), so cannot approve as \(named)")
            }
            return named
        }
        guard !held.isEmpty else {
            throw Failure.refused("\(identity) is not listed under any role in \(rolesFile), so cannot approve")
        }
        let digest = ContentDigest.of(plan: plan.node)
        var needed: [String] = []
        if let next = plan.status.next {
            let gate = Gates.gate(into: next, settings: checker.workspace.settings)
            needed = gate.approvals ?? []
            if let v = gate.verification, v == "passed_or_signoff" { needed.append(gate.signoff ?? "tester") }
        }
        let open = held.filter { needed.contains($0) && checker.valid(approvalsOf: plan, role: $0, digest: digest).isEmpty }
        if open.count == 1 { return open[0] }
        if open.isEmpty, held.count == 1 { return held[0] }
        throw Failure.input("\(identity) holds several roles (\((open.isEmpty ? held : open).joined(separator: ", "))): say which with --role")
    }

    func hint(_ plan: Plan) -> String {
        plan.status == .review ? "; it is already in review" : ""
    }

    /// The plan named by `ref`: its id, or the path of its file.
    public static func find(_ ref: String, in workspace: Workspace, directory: String) throws -> Plan {
        let looksLikePath = ref.contains("/") || ref.hasSuffix(".yaml") || ref.hasSuffix(".yml")
        if looksLikePath {
            let full = URL(fileURLWithPath: ref, relativeTo: URL(fileURLWithPath: directory)).standardizedFileURL.path
            let rootSlash = workspace.root.hasSuffix("/") ? workspace.root : workspace.root + "/"
            let relative = full.hasPrefix(rootSlash) ? String(full.dropFirst(rootSlash.count)) : full
            if let plan = workspace.plans.first(where: { $0.path == relative }) { return plan }
            throw unreadable(relative, workspace) ?? Failure.input("\(ref): no plan file in the workspace at \(workspace.root)")
        }
        if let plan = workspace.plans.first(where: { $0.id == ref }) { return plan }
        if let plan = workspace.plans.first(where: { $0.path == "plans/\(ref).yaml" }) { return plan }
        if let failure = unreadable("plans/\(ref).yaml", workspace) { throw failure }
        let ids = workspace.plans.map(\.id).sorted()
        throw Failure.input("no plan '\(ref)' in \(workspace.root)/plans\(TemplateRuleSupport.didYouMean(ref, ids))")
    }

    /// A failure naming the first reader error of a plan file that did not load.
    static func unreadable(_ path: String, _ workspace: Workspace) -> Failure? {
        guard let d = workspace.loadDiagnostics.first(where: { $0.path == path && $0.severity == .error }) else { return nil }
        return Failure.input("\(d.path):\(d.location.line):\(d.location.column): error: \(d.message)")
    }
}
