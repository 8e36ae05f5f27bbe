import Foundation

/// One row of `trackplan status`: where a plan stands and what holds it up.
public struct PlanStatus: Sendable, Codable, Equatable {
    public struct Milestone: Sendable, Codable, Equatable {
        public var key: String
        public var state: String
        public var date: String
    }

    public var plan: String
    public var title: String
    public var path: String
    public var state: String
    public var owner: String
    public var terminals: [String]
    public var next: String?
    /// The earliest scheduled milestone the plan has not reached.
    public var nextDate: Milestone?
    /// A scheduled milestone passed without the plan reaching it.
    public var overdue: Bool
    public var overdueMilestones: [Milestone]
    /// What stops the next move (empty: it can move).
    public var blocking: [GateFinding]
    public var staleApprovals: [String]
}

public enum StatusReport {
    public struct Filter: Sendable {
        public var states: [PlanState] = []
        public var owner: String?
        public var terminal: String?
        public var overdueOnly = false
        public init() {}
    }

    public static func rows(_ workspace: Workspace, today: String, filter: Filter = Filter()) -> [PlanStatus] {
        let checker = GateChecker(workspace: workspace)
        var rows: [PlanStatus] = []
        for plan in workspace.plans.sorted(by: { $0.id < $1.id }) {
            if !filter.states.isEmpty, !filter.states.contains(plan.status) { continue }
            if let owner = filter.owner, !Identity.same(owner, plan.owner) { continue }
            let terminals = allTerminals(plan)
            if let t = filter.terminal, !terminals.contains(t) { continue }
            let row = status(plan, checker: checker, today: today, terminals: terminals)
            if filter.overdueOnly, !row.overdue { continue }
            rows.append(row)
        }
        return rows
    }

    public static func status(_ plan: Plan, checker: GateChecker, today: String, terminals: [String]? = nil) -> PlanStatus {
        var ahead: [PlanStatus.Milestone] = []
        if plan.status.order >= 0 {
            for state in PlanState.mainLine where state.order > plan.status.order {
                if let key = state.scheduleKey, let date = plan.schedule[key], DateCheck.parseDate(date) != nil {
                    ahead.append(.init(key: key, state: state.rawValue, date: date))
                }
            }
        }
        let next = ahead.min { $0.date < $1.date }
        let overdue = ahead.filter { $0.date < today }
        let digest = ContentDigest.of(plan: plan.node)
        let stale = plan.approvals.enumerated().filter { i, a in
            a.digest != digest && !plan.approvals[(i + 1)...].contains { Identity.same($0.by, a.by) && $0.role == a.role }
        }.map { "\($0.element.by) (\($0.element.role))" }
        return PlanStatus(plan: plan.id, title: plan.title, path: plan.path, state: plan.status.rawValue, owner: plan.owner,
                          terminals: terminals ?? allTerminals(plan), next: plan.status.next?.rawValue, nextDate: next,
                          overdue: !overdue.isEmpty, overdueMilestones: overdue,
                          blocking: plan.status.next.map { checker.unmet(plan, into: $0) } ?? [],
                          staleApprovals: stale)
    }

    static func allTerminals(_ plan: Plan) -> [String] {
        var seen: [String] = []
        for event in plan.events {
            for t in plan.terminals(of: event) where !seen.contains(t) { seen.append(t) }
        }
        if plan.events.isEmpty { seen = (plan.terminals ?? []).compactMap(\.text) }
        return seen
    }

    /// A table for people: one line a plan, overdue plans marked.
    public static func table(_ rows: [PlanStatus], color: Bool) -> String {
        guard !rows.isEmpty else { return "no plans match\n" }
        let header = ["PLAN", "STATE", "OWNER", "NEXT DATE", "BLOCKING"]
        let cells: [[String]] = rows.map { r in
            let date = r.nextDate.map { "\($0.date) \($0.key)" + (r.overdue ? " OVERDUE" : "") } ?? (r.overdue ? "OVERDUE" : "-")
            var blocking: String
            if r.next == nil {
                blocking = r.state == PlanState.retired.rawValue ? "retired" : "done"
            } else if r.blocking.isEmpty {
                blocking = "ready for \(r.next!)"
            } else {
                blocking = r.blocking.map(\.message).joined(separator: "; ")
            }
            if !r.staleApprovals.isEmpty { blocking += " [stale approval: \(r.staleApprovals.joined(separator: ", "))]" }
            return [r.plan, r.state, r.owner, date, blocking]
        }
        var widths = header.map { TextWidth.of($0) }
        for row in cells { for (i, c) in row.enumerated().dropLast() { widths[i] = max(widths[i], TextWidth.of(c)) } }
        func line(_ row: [String], overdue: Bool) -> String {
            var out = ""
            for (i, c) in row.enumerated() {
                if i == row.count - 1 { out += c; break }
                var cell = c + String(repeating: " ", count: widths[i] - TextWidth.of(c) + 2)
                if overdue, color, i == 3 { cell = "\u{1B}[31m" + cell + "\u{1B}[0m" }
                out += cell
            }
            return out + "\n"
        }
        var out = line(header, overdue: false)
        for (row, r) in zip(cells, rows) { out += line(row, overdue: r.overdue) }
        let overdueCount = rows.filter(\.overdue).count
        out += "\n\(rows.count) plan\(rows.count == 1 ? "" : "s")"
        if overdueCount > 0 { out += ", \(overdueCount) overdue" }
        return out + "\n"
    }
}

/// Display width in terminal cells (East Asian wide characters take two).
enum TextWidth {
    static func of(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x1100 ... 0x115F).contains(v) || (0x2E80 ... 0xA4CF).contains(v) || (0xAC00 ... 0xD7A3).contains(v)
            || (0xF900 ... 0xFAFF).contains(v) || (0xFE30 ... 0xFE4F).contains(v) || (0xFF00 ... 0xFF60).contains(v)
            || (0xFFE0 ... 0xFFE6).contains(v) || (0x1F300 ... 0x1FAFF).contains(v) || (0x20000 ... 0x3FFFD).contains(v)
    }
}
