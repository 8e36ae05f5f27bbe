import Foundation

/// `trackplan show` and `trackplan history`: one plan, for people and for scripts.
public enum PlanReport {
    public struct ApprovalView: Codable, Equatable, Sendable {
        public var by: String
        public var role: String
        public var at: String
        public var digest: String
        public var comment: String?
        /// current, stale (the content changed since), superseded (approved again later),
        /// or not-counted (not listed under the role, or the owner).
        public var standing: String
    }

    public struct EventView: Codable, Equatable, Sendable {
        public var name: String
        public var type: String?
        public var template: String?
        public var position: String?
        public var terminals: [String]
        public var parameters: [String]
        public var testCases: Int
    }

    public struct HistoryView: Codable, Equatable, Sendable {
        public var at: String
        public var by: String
        public var action: String?
        public var from: String?
        public var to: String?
        public var note: String?
    }

    public struct View: Codable, Equatable, Sendable {
        public var status: PlanStatus
        public var digest: String
        public var schedule: [String: String]
        public var events: [EventView]
        public var approvals: [ApprovalView]
        public var history: [HistoryView]
        public var verification: String?
        public var postmortem: String?
    }

    /// `checker` is shared when viewing many plans: it lints the workspace once, on first need.
    public static func view(_ plan: Plan, workspace: Workspace, today: String, checker: GateChecker? = nil) -> View {
        let checker = checker ?? GateChecker(workspace: workspace)
        let digest = ContentDigest.of(plan: plan.node)
        let approvals = plan.approvals.enumerated().map { i, a in
            let later = plan.approvals[(i + 1)...].contains { Identity.same($0.by, a.by) && $0.role == a.role }
            let standing = later ? "superseded"
                : a.digest != digest ? "stale"
                : (!checker.isListed(a.by, a.role) || Identity.same(a.by, plan.owner)) ? "not-counted" : "current"
            return ApprovalView(by: a.by, role: a.role, at: a.at, digest: a.digest, comment: a.comment, standing: standing)
        }
        let events = plan.events.map { e in
            EventView(name: e.name, type: workspace.effectiveType(of: e)?.rawValue, template: e.template,
                      position: e.position.map(\.path), terminals: plan.terminals(of: e),
                      parameters: workspace.effectiveParameters(of: e).map(\.name), testCases: e.testCases.count)
        }
        let history = plan.history.map { HistoryView(at: $0.at, by: $0.by, action: $0.action, from: $0.from, to: $0.to, note: $0.note) }
        let verification = plan.verification.map { v in
            "\(v.result)" + (v.at.map { " at \($0)" } ?? "") + (v.by.map { " by \($0)" } ?? "")
                + (v.digest.map { $0 == digest ? "" : " (stale: the plan changed since)" } ?? "")
        }
        return View(status: StatusReport.status(plan, checker: checker, today: today), digest: digest,
                    schedule: plan.schedule, events: events, approvals: approvals, history: history,
                    verification: verification, postmortem: plan.postmortem?.summary)
    }

    public static func text(_ v: View) -> String {
        let s = v.status
        var out = "\(s.plan): \(s.title)\n"
        out += "  file      \(s.path)\n"
        out += "  owner     \(s.owner)\n"
        let line = PlanState.mainLine.map { $0.rawValue == s.state ? "[\($0.rawValue)]" : $0.rawValue }.joined(separator: " → ")
        out += "  state     \(s.state == PlanState.retired.rawValue ? "[retired]" : line)\n"
        out += "  digest    \(v.digest)\n"
        if !v.schedule.isEmpty {
            out += "  schedule  " + v.schedule.sorted { $0.value < $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out += s.overdue ? "  (OVERDUE: " + s.overdueMilestones.map(\.key).joined(separator: ", ") + ")\n" : "\n"
        }
        out += "  terminals \(s.terminals.joined(separator: ", "))\n"
        out += "\nevents (\(v.events.count))\n"
        for e in v.events {
            out += "  \(e.name)  \(e.type ?? "?")"
            if let p = e.position { out += "  at \(p)" }
            out += "  on \(e.terminals.joined(separator: ", "))"
            out += "  \(e.parameters.count) parameter\(e.parameters.count == 1 ? "" : "s"), \(e.testCases) test case\(e.testCases == 1 ? "" : "s")\n"
        }
        out += "\napprovals (\(v.approvals.count))\n"
        if v.approvals.isEmpty { out += "  none\n" }
        for a in v.approvals {
            out += "  \(a.by) as \(a.role) at \(a.at)  \(a.standing.uppercased() == "CURRENT" ? "current" : a.standing.uppercased())"
            if let c = a.comment { out += "  \"\(c)\"" }
            out += "\n"
        }
        if let ver = v.verification { out += "\nverification  \(ver)\n" }
        if let pm = v.postmortem { out += "\npost-mortem   \(pm)\n" }
        if let next = s.next {
            out += "\nnext: \(next)"
            if s.blocking.isEmpty {
                out += " (ready: `trackplan advance \(s.plan)`)\n"
            } else {
                out += ", blocked:\n" + s.blocking.map { "  - \($0.text)\n" }.joined()
            }
        }
        return out
    }

    public static func historyText(_ v: View) -> String {
        guard !v.history.isEmpty else { return "\(v.status.plan): no history yet\n" }
        var out = ""
        for h in v.history {
            var move = h.action ?? "move"
            if let from = h.from, let to = h.to { move += " \(from) → \(to)" }
            out += "\(h.at)  \(h.by)  \(move)"
            if let note = h.note { out += "  \"\(note)\"" }
            out += "\n"
        }
        return out
    }
}
