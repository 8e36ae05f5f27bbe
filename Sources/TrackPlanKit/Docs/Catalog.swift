import Foundation

/// What `trackplan docs` renders, built once from a workspace and shared by the Markdown
/// and HTML renderers: every plan with its events, effective parameters, checks for
/// testers, approvals (stale ones marked) and history; a parameter dictionary; a glossary.
/// Plain text throughout: each renderer escapes for its own format.
public struct Catalog: Codable, Sendable, Equatable {
    /// A bilingual display name.
    public struct Name: Codable, Sendable, Equatable {
        public var en: String?
        public var zh: String?

        /// The name in `lang` first, the other in parentheses when both exist.
        public func label(_ lang: Lang) -> String? {
            let (first, second) = lang == .zh ? (zh, en) : (en, zh)
            switch (first, second) {
            case let (a?, b?) where a != b: return "\(a) (\(b))"
            case let (a?, _): return a
            case let (nil, b?): return b
            case (nil, nil): return nil
            }
        }
    }

    public enum Lang: String, Codable, Sendable, CaseIterable { case en, zh }

    public struct Parameter: Codable, Sendable, Equatable {
        /// Dotted for nested properties (`product.sku_id`), `[]` for array items.
        public var path: String
        public var depth: Int
        public var type: String
        public var required: Bool
        public var constraints: [String]
        public var description: String?
        public var display: Name
        public var pii: Bool
        public var consent: String?
        /// `common`, `template NAME` or `plan`.
        public var origin: String
    }

    public struct TestCase: Codable, Sendable, Equatable {
        public var scenario: String
        public var expect: String
        public var terminals: [String]?
    }

    /// One line of the tester's checklist.
    public struct Check: Codable, Sendable, Equatable {
        /// `plan` (the plan's own test cases), `rule` (the standard scenarios of the event type), `field`.
        public var kind: String
        public var text: String
    }

    public struct Event: Codable, Sendable, Equatable {
        public var name: String
        public var display: Name
        public var type: String
        public var template: String?
        public var description: String?
        public var position: String?
        /// page / module / slot display names, where the registry gives them.
        public var positionNames: String?
        public var terminals: [String]
        public var parameters: [Parameter]
        public var exposure: String?
        public var overrides: [String]
        public var testCases: [TestCase]
        public var checklist: [Check]
    }

    public struct Approval: Codable, Sendable, Equatable {
        public var by: String
        public var role: String
        public var at: String
        public var comment: String?
        /// current, stale, superseded or not-counted.
        public var standing: String
    }

    public struct HistoryEntry: Codable, Sendable, Equatable {
        public var at: String
        public var by: String
        public var move: String
        public var note: String?
    }

    public struct Milestone: Codable, Sendable, Equatable {
        public var key: String
        public var state: String?
        public var planned: String?
        /// The day the plan entered the milestone's state, from its history.
        public var actual: String?
        public var overdue: Bool
    }

    public struct Plan: Codable, Sendable, Equatable {
        public var id: String
        /// The page's file name without extension: the id, made safe for a file system.
        public var page: String
        public var path: String
        public var title: String
        public var owner: String
        public var goal: String?
        public var description: String?
        public var priority: String?
        public var state: String
        public var terminals: [String]
        public var pages: [String]
        public var milestones: [Milestone]
        public var storageTable: String?
        public var storageMode: String?
        public var metrics: [[String]]
        public var events: [Event]
        public var approvals: [Approval]
        public var history: [HistoryEntry]
        public var verification: String?
        public var postmortem: Postmortem?
        /// Some approval (or the verification) was given to content that has changed since.
        public var changedSinceApproval: Bool
        public var next: String?
        public var blocking: [String]
        public var overdue: Bool
        public var digest: String
    }

    public struct Postmortem: Codable, Sendable, Equatable {
        public var summary: String?
        public var released: String?
        public var issues: [String]
        public var followUps: [String]
    }

    public struct Usage: Codable, Sendable, Equatable {
        public var plan: String
        public var page: String
        public var event: String
        public var definition: String
    }

    public struct DictionaryEntry: Codable, Sendable, Equatable {
        public var name: String
        public var usages: [Usage]
        /// Definitions that differ in type, values or format: a warning for reviewers.
        public var conflicting: Bool
    }

    public struct GlossaryEntry: Codable, Sendable, Equatable {
        public var name: String
        public var display: Name
        public var type: String
        public var plan: String
        public var page: String
        public var state: String
        public var description: String?
    }

    public var plans: [Plan]
    public var common: [Parameter]
    public var dictionary: [DictionaryEntry]
    public var glossary: [GlossaryEntry]
    public var terminals: [String]
    /// page id → display name, for the index by page.
    public var pageNames: [String: Name]
    public var today: String
}

extension Catalog {
    /// The catalogue of `workspace` (retired plans included: the index says so).
    public static func build(_ workspace: Workspace, today: String) -> Catalog {
        let commonNames = Set(workspace.settings.commonParameters.map(\.name))
        var pageNames: [String: Name] = [:]
        var positionNames: [String: String] = [:]
        for page in workspace.settings.pages {
            pageNames[page.id] = Name(en: page.display.en, zh: page.display.zh)
            for module in page.modules {
                for slot in module.slots {
                    let labels = [page.display, module.display, slot.display].map { $0.zh ?? $0.en }
                    if labels.contains(where: { $0 != nil }) {
                        positionNames["\(page.id).\(module.id).\(slot.id)"] = zip(labels, [page.id, module.id, slot.id]).map { $0 ?? $1 }.joined(separator: " / ")
                    }
                }
            }
        }

        var usedPages = Set<String>()
        var plans: [Plan] = []
        let checker = GateChecker(workspace: workspace)
        for plan in workspace.plans.sorted(by: { $0.id < $1.id }) {
            let view = PlanReport.view(plan, workspace: workspace, today: today, checker: checker)
            var page = Self.fileName(plan.id)
            while usedPages.contains(page) { page += "_" }
            usedPages.insert(page)
            let events = plan.events.map { event(of: $0, plan: plan, workspace: workspace, commonNames: commonNames, positionNames: positionNames) }
            let stale = view.approvals.contains { $0.standing == "stale" } || (view.verification?.contains("(stale") ?? false)
            plans.append(Plan(
                id: plan.id, page: page, path: plan.path, title: plan.title, owner: plan.owner, goal: plan.goal,
                description: plan.description, priority: plan.priority, state: plan.status.rawValue,
                terminals: view.status.terminals,
                pages: Array(Set(plan.events.compactMap { $0.position?.page })).sorted(),
                milestones: milestones(plan, status: view.status),
                storageTable: plan.storageTable, storageMode: plan.storageMode,
                metrics: plan.metrics.map { [$0.name, $0.definition] },
                events: events,
                approvals: view.approvals.map { Approval(by: $0.by, role: $0.role, at: $0.at, comment: $0.comment, standing: $0.standing) },
                history: view.history.map { h in
                    var move = h.action ?? "move"
                    if let from = h.from, let to = h.to { move = (h.action.map { "\($0) " } ?? "") + "\(from) → \(to)" }
                    return HistoryEntry(at: h.at, by: h.by, move: move, note: h.note)
                },
                verification: view.verification,
                postmortem: plan.postmortem.map { Postmortem(summary: $0.summary, released: $0.released, issues: $0.issues, followUps: $0.followUps) },
                changedSinceApproval: stale, next: view.status.next, blocking: view.status.blocking.map(\.text),
                overdue: view.status.overdue, digest: view.digest))
        }

        let common = workspace.settings.commonParameters.flatMap { rows($0, depth: 0, prefix: "", origin: "common") }
        return Catalog(plans: plans, common: common, dictionary: dictionary(plans, common: common),
                       glossary: glossary(plans), terminals: workspace.settings.terminalOrder,
                       pageNames: pageNames, today: today)
    }

    /// A plan id as a file name: letters, digits, `_`, `-` and `.` kept, anything else
    /// (a path separator, say) as `_`, never empty, never starting with a dot.
    public static func fileName(_ id: String) -> String {
        var s = String(id.unicodeScalars.map { c -> Character in
            (c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "-" || c == ".") && c != "/" ? Character(c) : "_"
        })
        if s.isEmpty || s.hasPrefix(".") { s = "_" + s }
        return String(s.prefix(120))
    }

    static func event(of e: TrackPlanKit.Event, plan: TrackPlanKit.Plan, workspace: Workspace,
                      commonNames: Set<String>, positionNames: [String: String]) -> Event {
        let own = Set(e.parameters.map(\.name))
        let params = workspace.effectiveParameters(of: e)
        let chain = workspace.templateChain(e.template)
        func origin(_ name: String) -> String {
            if own.contains(name) { return "plan" }
            if let t = chain.first(where: { $0.parameters.contains { $0.name == name } }) { return "template \(t.id)" }
            return commonNames.contains(name) ? "common" : "plan"
        }
        let type = workspace.effectiveType(of: e)?.rawValue ?? "custom"
        let exposure = workspace.effectiveExposure(of: e).map(exposureText)
        let overrides = e.terminalOverrides.flatMap { o in
            o.parameters.map { p in "\(o.terminal): \(p.name) " + overrideText(p) }
        }
        let terminals = plan.terminals(of: e)
        let parameters = params.flatMap { rows($0, depth: 0, prefix: "", origin: origin($0.name)) }
        let testCases = e.testCases.map { TestCase(scenario: $0.scenario, expect: $0.expect, terminals: $0.terminals) }
        let position = e.position.map(\.path).flatMap { $0.isEmpty ? nil : $0 }
        var built = Event(name: e.name, display: Name(en: e.display.en, zh: e.display.zh), type: type, template: e.template,
                          description: e.description, position: position, positionNames: position.flatMap { positionNames[$0] },
                          terminals: terminals, parameters: parameters, exposure: exposure, overrides: overrides,
                          testCases: testCases, checklist: [])
        built.checklist = Checklist.checks(for: built, rule: workspace.effectiveExposure(of: e), params: params,
                                           piiForbiddenOn: workspace.settings.piiForbiddenOn)
        return built
    }

    static func exposureText(_ r: ExposureRule) -> String {
        exposureText(ratio: r.minVisibleRatio, durationMs: r.minDurationMs, key: r.dedupeKey.compactMap(\.text))
    }

    /// An exposure rule in words, as documentation and generated doc comments say it:
    /// `counted when at least 50% visible for 500 ms; once per page_view_id + banner_id`.
    static func exposureText(ratio: Double?, durationMs: Int?, key: [String]) -> String {
        var parts: [String] = []
        if let ratio { parts.append("at least \(percent(ratio)) visible") }
        if let durationMs { parts.append("for \(durationMs) ms") }
        var text = parts.isEmpty ? "counted when shown" : "counted when " + parts.joined(separator: " ")
        if !key.isEmpty { text += "; once per " + key.joined(separator: " + ") }
        return text
    }

    static func percent(_ ratio: Double) -> String {
        let p = ratio * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }

    static func overrideText(_ p: TrackPlanKit.Parameter) -> String {
        var parts: [String] = []
        if let r = p.required { parts.append(r ? "required" : "optional") }
        parts += constraints(p)
        return parts.isEmpty ? "narrowed" : parts.joined(separator: ", ")
    }

    static func typeName(_ p: TrackPlanKit.Parameter) -> String {
        let t = p.type?.rawValue ?? "string"
        if p.type == .array, let item = p.items?.value { return "array of \(typeName(item))" }
        return t
    }

    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    static func constraints(_ p: TrackPlanKit.Parameter) -> [String] {
        var c: [String] = []
        switch (p.minLength, p.maxLength) {
        case let (a?, b?): c.append("\(a)–\(b) characters")
        case let (a?, nil): c.append("at least \(a) characters")
        case let (nil, b?): c.append("at most \(b) characters")
        default: break
        }
        switch (p.min, p.max) {
        case let (a?, b?): c.append("\(number(a))–\(number(b))")
        case let (a?, nil): c.append("≥ \(number(a))")
        case let (nil, b?): c.append("≤ \(number(b))")
        default: break
        }
        switch (p.minItems, p.maxItems) {
        case let (a?, b?): c.append("\(a)–\(b) items")
        case let (a?, nil): c.append("at least \(a) items")
        case let (nil, b?): c.append("at most \(b) items")
        default: break
        }
        if !p.enumValues.isEmpty { c.append("one of: " + p.enumValues.joined(separator: ", ")) }
        if let f = p.format { c.append("format \(f)") }
        if let pattern = p.pattern { c.append("pattern \(pattern)") }
        if p.type == .timestamp { c.append("ms since epoch") }
        return c
    }

    /// A parameter and, indented under it, its nested properties and item properties.
    static func rows(_ p: TrackPlanKit.Parameter, depth: Int, prefix: String, origin: String) -> [Parameter] {
        let path = prefix + p.name
        var c = constraints(p)
        if let item = p.items?.value { c += constraints(item).map { "items: \($0)" } }
        var out = [Parameter(path: path, depth: depth, type: typeName(p), required: p.isRequired, constraints: c,
                             description: p.description, display: Name(en: p.display.en, zh: p.display.zh),
                             pii: p.isPII, consent: p.consent, origin: origin)]
        for child in p.properties ?? [] { out += rows(child, depth: depth + 1, prefix: path + ".", origin: origin) }
        for child in p.items?.value.properties ?? [] { out += rows(child, depth: depth + 1, prefix: path + "[].", origin: origin) }
        return out
    }

    static func milestones(_ plan: TrackPlanKit.Plan, status: PlanStatus) -> [Milestone] {
        var entered: [String: String] = [:]
        for h in plan.history { if let to = h.to, entered[to] == nil { entered[to] = String(h.at.prefix(10)) } }
        // The release day the post-mortem records beats the day the plan was moved to `release`.
        if let released = plan.postmortem?.released, !released.isEmpty { entered[PlanState.release.rawValue] = String(released.prefix(10)) }
        let keys = ["review", "development", "integration_test", "release", "post_mortem"]
        let overdue = Set(status.overdueMilestones.map(\.key))
        return keys.compactMap { key in
            let state = PlanState.allCases.first { $0.scheduleKey == key }
            let actual = state.flatMap { entered[$0.rawValue] }
            let planned = plan.schedule[key]
            if planned == nil && actual == nil { return nil }
            return Milestone(key: key, state: state?.rawValue, planned: planned, actual: actual, overdue: overdue.contains(key))
        }
    }

    /// Every parameter name with where it is used; definitions compared by type, values and format.
    static func dictionary(_ plans: [Plan], common: [Parameter]) -> [DictionaryEntry] {
        var byName: [String: [Usage]] = [:]
        var signatures: [String: Set<String>] = [:]
        func signature(_ p: Parameter) -> String {
            ([p.type] + p.constraints.filter { $0.hasPrefix("one of") || $0.hasPrefix("format") || $0.hasPrefix("items: one of") }).joined(separator: "; ")
        }
        func definition(_ p: Parameter) -> String {
            ([p.type + (p.required ? ", required" : "")] + p.constraints).joined(separator: "; ")
        }
        for p in common {
            byName[p.path, default: []].append(Usage(plan: "", page: "", event: "(every event)", definition: definition(p)))
            signatures[p.path, default: []].insert(signature(p))
        }
        for plan in plans where plan.state != PlanState.retired.rawValue {
            for e in plan.events {
                for p in e.parameters where p.origin != "common" {
                    byName[p.path, default: []].append(Usage(plan: plan.id, page: plan.page, event: e.name, definition: definition(p)))
                    signatures[p.path, default: []].insert(signature(p))
                }
            }
        }
        return byName.keys.sorted().map { name in
            DictionaryEntry(name: name, usages: byName[name]!, conflicting: (signatures[name]?.count ?? 0) > 1)
        }
    }

    static func glossary(_ plans: [Plan]) -> [GlossaryEntry] {
        plans.flatMap { plan in
            plan.events.map { GlossaryEntry(name: $0.name, display: $0.display, type: $0.type, plan: plan.id, page: plan.page,
                                            state: plan.state, description: $0.description) }
        }.sorted { ($0.name, $0.plan) < ($1.name, $1.plan) }
    }
}
