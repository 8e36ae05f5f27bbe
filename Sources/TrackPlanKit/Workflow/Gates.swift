import Foundation

extension PlanState {
    /// The main line, in order.
    public static let mainLine: [PlanState] = [.request, .review, .implementation, .testing, .release, .postMortem]

    /// The next state along the main line (nil at its end and for retired plans).
    public var next: PlanState? {
        guard order >= 0, order + 1 < Self.mainLine.count else { return nil }
        return Self.mainLine[order + 1]
    }

    /// The schedule key that dates the move into this state.
    public var scheduleKey: String? {
        switch self {
        case .review: "review"
        case .implementation: "development"
        case .testing: "integration_test"
        case .release: "release"
        case .postMortem: "post_mortem"
        case .request, .retired: nil
        }
    }
}

/// The conditions a plan must meet to enter a state: built-in defaults, which a
/// workspace's `gates:` overrides key by key.
public enum Gates {
    public static let defaults: [PlanState: Gate] = [
        .review: Gate(lintClean: true),
        .implementation: Gate(approvals: ["data_product_manager", "data_engineer"]),
        .testing: Gate(testCases: true, dates: ["integration_test"]),
        .release: Gate(verification: "passed_or_signoff", signoff: "tester", dates: ["release"]),
        .postMortem: Gate(postmortem: true),
    ]

    /// The gate into `state` for this workspace.
    public static func gate(into state: PlanState, settings: Settings) -> Gate {
        let base = defaults[state] ?? Gate()
        guard let configured = settings.gates[state.rawValue] else { return base }
        return base.overridden(by: configured)
    }
}

/// One unmet condition of a gate: what is missing, and who can provide it.
public struct GateFinding: Sendable, Equatable, Codable {
    public var condition: String
    public var message: String
    public var who: [String]

    public var text: String { who.isEmpty ? message : "\(message) (can provide: \(who.joined(separator: ", ")))" }
}

/// Checks gates for the plans of one loaded workspace.
public struct GateChecker {
    public let workspace: Workspace
    /// Lint findings of the whole workspace, computed once on first need.
    private let lintBox = LazyBox<[Diagnostic]>()

    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    var settings: Settings { workspace.settings }

    /// Which of `gate`'s conditions `plan` does not meet, to enter `state`.
    public func unmet(_ plan: Plan, into state: PlanState) -> [GateFinding] {
        let gate = Gates.gate(into: state, settings: settings)
        let digest = ContentDigest.of(plan: plan.node)
        var out: [GateFinding] = []

        // What the format itself asks of a plan in the target state (the state-requirements
        // rule), unless the workspace switched that rule off or down.
        // Conditions the gate itself reports (test cases, dates) are not said twice.
        for finding in stateRequirements(plan, target: state) {
            if gate.testCases == true, finding.message.contains("has no test cases") { continue }
            if (gate.dates ?? []).contains(where: { finding.message.contains("schedule.\($0) is not set") }) { continue }
            out.append(finding)
        }
        if gate.lintClean == true {
            let errors = lintErrors(plan)
            if let first = errors.first {
                out.append(GateFinding(condition: "lint",
                                       message: "the plan has \(errors.count) lint error\(errors.count == 1 ? "" : "s"), first \(first.path):\(first.location.line):\(first.location.column): \(first.message); run `trackplan lint \(plan.path)`",
                                       who: [plan.owner]))
            }
        }
        for role in gate.approvals ?? [] {
            if valid(approvalsOf: plan, role: role, digest: digest).isEmpty {
                let people = approvers(role, plan: plan)
                var message = "no current approval by role \(role)"
                if settings.roles[role] == nil {
                    message += "; no one is listed under roles.\(role) in \(settings.path)"
                } else if people.isEmpty {
                    message += "; the only people listed under roles.\(role) own this plan, and owners cannot approve their own plan"
                }
                let stale = plan.approvals.filter { $0.role == role && $0.digest != digest && isListed($0.by, role) }
                if let s = stale.last {
                    message += "; the approval by \(s.by) at \(s.at) is stale: the plan changed since"
                }
                out.append(GateFinding(condition: "approvals", message: message, who: people))
            }
        }
        if gate.testCases == true {
            let missing = plan.events.filter { $0.testCases.isEmpty }.map(\.name)
            if !missing.isEmpty {
                out.append(GateFinding(condition: "test_cases",
                                       message: "event\(missing.count == 1 ? "" : "s") without test cases: \(missing.joined(separator: ", "))",
                                       who: [plan.owner] + (settings.roles["tester"] ?? [])))
            }
        }
        for key in gate.dates ?? [] where (plan.schedule[key] ?? "").isEmpty {
            out.append(GateFinding(condition: "dates", message: "schedule.\(key) is not set", who: [plan.owner]))
        }
        if let v = gate.verification, v != "none" {
            let signoffRole = gate.signoff ?? "tester"
            let verified = plan.verification.map { $0.passed && ($0.digest == nil || $0.digest == digest) } ?? false
            let signedOff = v == "passed_or_signoff" && !valid(approvalsOf: plan, role: signoffRole, digest: digest).isEmpty
            if !verified && !signedOff {
                var message: String
                switch plan.verification {
                case nil: message = "no verification recorded (`trackplan verify CAPTURE --plan \(plan.id) --record`)"
                case let r? where !r.passed: message = "the recorded verification \(r.result)\(r.at.map { " at \($0)" } ?? "")"
                case let r?: message = "the recorded verification\(r.at.map { " at \($0)" } ?? "") checked older content: verify again"
                }
                var who = settings.roles[signoffRole] ?? []
                if v == "passed_or_signoff" { message += ", and no current sign-off by role \(signoffRole) (`trackplan approve \(plan.id) --role \(signoffRole)`)" }
                else { who = [] }
                out.append(GateFinding(condition: "verification", message: message, who: who))
            }
        }
        if gate.postmortem == true, !(plan.postmortem?.isFilled ?? false) {
            out.append(GateFinding(condition: "postmortem",
                                   message: "the post-mortem section is not filled in (`trackplan postmortem \(plan.id) --summary ...`)",
                                   who: [plan.owner]))
        }
        return out
    }

    /// Approvals that count: by the role, by someone listed under it who does not own
    /// the plan, for the current content.
    public func valid(approvalsOf plan: Plan, role: String, digest: String) -> [Approval] {
        plan.approvals.filter { $0.role == role && $0.digest == digest && isListed($0.by, role) && !Identity.same($0.by, plan.owner) }
    }

    public func isListed(_ person: String, _ role: String) -> Bool {
        (settings.roles[role] ?? []).contains { Identity.same($0, person) }
    }

    /// The people who can approve for `role`: listed under it, not the owner.
    public func approvers(_ role: String, plan: Plan) -> [String] {
        (settings.roles[role] ?? []).filter { !Identity.same($0, plan.owner) }
    }

    /// The roles `person` holds, in the order trackplan.yaml lists them.
    public func roles(of person: String) -> [String] {
        let order = settings.node?["roles"].map { $0.pairs.compactMap { $0.key.text } } ?? settings.roles.keys.sorted()
        return order.filter { isListed(person, $0) }
    }

    func stateRequirements(_ plan: Plan, target: PlanState) -> [GateFinding] {
        let single = Workspace(root: workspace.root, settings: settings, templates: workspace.templates, plans: [plan.moved(to: target)],
                               loadDiagnostics: [], sources: [:])
        let d = StateRequirementsRule.description
        var sink = DiagnosticSink(ruleID: d.id, severity: d.severity)
        StateRequirementsRule().validate(single, &sink)
        let levels = LevelResolver(settings: settings.lint)
        let prefix = "plan is in '\(target.rawValue)'"
        return sink.diagnostics.compactMap { levels.apply($0) }.filter { $0.severity == .error }.map { diag in
            var message = diag.message
            for lead in [prefix + " but ", prefix + "; "] where message.hasPrefix(lead) { message = String(message.dropFirst(lead.count)) }
            return GateFinding(condition: "state-requirements", message: message, who: [plan.owner])
        }
    }

    func lintErrors(_ plan: Plan) -> [Diagnostic] {
        let all = lintBox.value { Linter().lint(workspace) }
        return all.filter { $0.path == plan.path && $0.severity == .error }
    }
}

/// A value computed once, on first use.
final class LazyBox<T>: @unchecked Sendable {
    private var stored: T?
    private let lock = NSLock()
    func value(_ make: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let v = make()
        stored = v
        return v
    }
}
