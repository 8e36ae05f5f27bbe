import Foundation

/// `trackplan report --postmortem [PLAN]`: for one plan, what was released, how it was
/// verified, the issues found and the dates planned against the dates reached; across
/// plans, one row per plan that reached release.
public enum PostmortemReport {
    public struct Row: Codable, Sendable, Equatable {
        public var plan: String
        public var title: String
        public var state: String
        public var events: Int
        public var verification: String?
        public var issues: [String]
        public var followUps: [String]
        public var milestones: [Catalog.Milestone]
        /// Days the release was reached after (positive) or before its planned date.
        public var releaseSlipDays: Int?
    }

    public static func row(_ p: Catalog.Plan) -> Row {
        let release = p.milestones.first { $0.key == "release" }
        let slip = release.flatMap { m in m.planned.flatMap { planned in m.actual.flatMap { days(from: planned, to: $0) } } }
        return Row(plan: p.id, title: p.title, state: p.state, events: p.events.count, verification: p.verification,
                   issues: p.postmortem?.issues ?? [], followUps: p.postmortem?.followUps ?? [],
                   milestones: p.milestones, releaseSlipDays: slip)
    }

    /// Plans that reached release (release, post_mortem, or retired after a release).
    public static func released(_ c: Catalog) -> [Catalog.Plan] {
        c.plans.filter { p in
            p.state == PlanState.release.rawValue || p.state == PlanState.postMortem.rawValue
                || p.milestones.contains { $0.key == "release" && $0.actual != nil }
        }
    }

    static func days(from a: String, to b: String) -> Int? {
        guard let x = DateCheck.dayNumber(a), let y = DateCheck.dayNumber(b) else { return nil }
        return y - x
    }

    static func slipText(_ d: Int?) -> String {
        guard let d else { return "" }
        return d == 0 ? "on time" : d > 0 ? "\(d) day\(d == 1 ? "" : "s") late" : "\(-d) day\(d == -1 ? "" : "s") early"
    }

    public static func markdown(_ p: Catalog.Plan) -> String {
        typealias M = MarkdownDocs
        let r = row(p)
        var out = "# Post-mortem: \(M.text(p.title))\n\n"
        out += "Plan \(M.code(p.id)) · owner \(M.text(p.owner)) · state \(M.text(p.state))\n\n"
        out += "## Summary\n\n" + (p.postmortem?.summary.map(M.text) ?? "Not written yet (`trackplan postmortem \(p.id)`).") + "\n\n"
        out += "## Released\n\n"
        if let rel = p.postmortem?.released { out += "Released on \(M.text(rel)).\n\n" }
        out += M.table(["Event", "Type", "Terminals"], p.events.map { [M.code($0.name), M.text($0.type), $0.terminals.map(M.text).joined(separator: ", ")] }) + "\n"
        out += "## Verification\n\n" + (p.verification.map(M.text) ?? "None recorded.") + "\n\n"
        out += "## Issues found\n\n" + (r.issues.isEmpty ? "None recorded.\n" : r.issues.map { "- \(M.text($0))\n" }.joined()) + "\n"
        if !r.followUps.isEmpty { out += "## Follow-ups\n\n" + r.followUps.map { "- [ ] \(M.text($0))\n" }.joined() + "\n" }
        out += "## Dates: planned and reached\n\n"
        out += M.table(["Milestone", "Planned", "Reached", ""], p.milestones.map { m in
            let d = m.planned.flatMap { planned in m.actual.flatMap { days(from: planned, to: $0) } }
            return [M.text(m.key), M.optional(m.planned), M.optional(m.actual), m.actual == nil && m.overdue ? "**overdue**" : slipText(d)]
        })
        return out
    }

    public static func summaryMarkdown(_ c: Catalog) -> String {
        typealias M = MarkdownDocs
        let plans = released(c)
        let rows = plans.map(row)
        var out = "# Post-mortem summary\n\n"
        let late = rows.filter { ($0.releaseSlipDays ?? 0) > 0 }.count
        let unverified = rows.filter { !($0.verification?.hasPrefix("passed") ?? false) }.count
        out += "\(rows.count) plan\(rows.count == 1 ? "" : "s") reached release; \(late) late; \(unverified) without a passed verification; "
        out += "\(rows.reduce(0) { $0 + $1.issues.count }) issue\(rows.reduce(0) { $0 + $1.issues.count } == 1 ? "" : "s") found.\n\n"
        if rows.isEmpty { return out }
        out += M.table(["Plan", "State", "Events", "Release planned", "Reached", "", "Verification", "Issues", "Post-mortem"], zip(plans, rows).map { p, r in
            let m = p.milestones.first { $0.key == "release" }
            return [M.code(r.plan), M.text(r.state), "\(r.events)", M.optional(m?.planned), M.optional(m?.actual), slipText(r.releaseSlipDays),
                    M.optional(r.verification), "\(r.issues.count)", p.postmortem?.summary == nil ? "**missing**" : "written"]
        })
        return out
    }
}
