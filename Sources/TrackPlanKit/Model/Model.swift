/// The lifecycle of a plan.
public enum PlanState: String, Sendable, Hashable, CaseIterable, Codable {
    case request, review, implementation, testing, release
    case postMortem = "post_mortem"
    case retired

    /// Position along the main line; `retired` sits outside it.
    public var order: Int {
        switch self {
        case .request: 0
        case .review: 1
        case .implementation: 2
        case .testing: 3
        case .release: 4
        case .postMortem: 5
        case .retired: -1
        }
    }

    /// True when the plan has reached `other` on the main line (retired plans reach nothing).
    public func isAtLeast(_ other: PlanState) -> Bool { order >= other.order && order >= 0 }
}

public enum EventType: String, Sendable, Hashable, CaseIterable {
    case exposure, click
    case pageView = "page_view"
    case custom
}

public enum ParamType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, timestamp
    case `enum`, object, array
}

/// Display names by language code (`en`, `zh`, ...).
public struct DisplayNames: Sendable, Hashable {
    public var names: [String: String]
    public init(_ names: [String: String] = [:]) { self.names = names }
    public var en: String? { names["en"] }
    public var zh: String? { names["zh"] }
    public var isEmpty: Bool { names.isEmpty }
}

/// A parameter as written in one place. Fields left out are nil, so an override
/// can say only what it changes; `Parameter.merged(over:)` combines layers.
///
/// A class, not a struct: a workspace holds hundreds of thousands of them and the
/// rules pass them around constantly; a reference costs one retain where a
/// 250-byte struct cost a copy and a dozen. It is built by the loader (or by
/// `merged(over:)` on a fresh instance) and never changed afterwards.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public internal(set) var type: ParamType?
    public internal(set) var required: Bool?
    public internal(set) var description: String?
    public internal(set) var display: DisplayNames
    public internal(set) var pii: Bool?
    public internal(set) var consent: String?
    public internal(set) var minLength: Int?
    public internal(set) var maxLength: Int?
    public internal(set) var pattern: String?
    public internal(set) var format: String?
    public internal(set) var min: Double?
    public internal(set) var max: Double?
    public internal(set) var values: [YAMLNode]?
    public internal(set) var properties: [Parameter]?
    public internal(set) var items: Box<Parameter>?
    public internal(set) var minItems: Int?
    public internal(set) var maxItems: Int?
    /// The file it was written in, its key and its value node.
    public internal(set) var path: String
    public internal(set) var keyNode: YAMLNode?
    public internal(set) var node: YAMLNode?

    public init(name: String, path: String) {
        self.name = name
        self.path = path
        display = DisplayNames()
    }

    /// A field-by-field copy (for building a merged layer).
    func copy() -> Parameter {
        let c = Parameter(name: name, path: path)
        c.type = type; c.required = required; c.description = description; c.display = display
        c.pii = pii; c.consent = consent; c.minLength = minLength; c.maxLength = maxLength
        c.pattern = pattern; c.format = format; c.min = min; c.max = max; c.values = values
        c.properties = properties; c.items = items; c.minItems = minItems; c.maxItems = maxItems
        c.keyNode = keyNode; c.node = node
        return c
    }

    public var isRequired: Bool { required ?? false }
    public var isPII: Bool { pii ?? false }
    public var enumValues: [String] { values?.compactMap(\.text) ?? [] }

    /// Where a finding about key `key` lands: the key's value, else the parameter.
    public func location(_ key: String) -> SourceLocation {
        if let v = node?[key] { return v.start }
        return keyNode?.start ?? node?.start ?? .start
    }

    /// This layer over `base`: every field set here wins; the rest come from base.
    /// The result is a new parameter; neither input changes.
    public func merged(over base: Parameter) -> Parameter {
        let m = base.copy()
        m.type = type ?? base.type
        m.required = required ?? base.required
        m.description = description ?? base.description
        if !display.isEmpty { m.display = display }
        m.pii = pii ?? base.pii
        m.consent = consent ?? base.consent
        m.minLength = minLength ?? base.minLength
        m.maxLength = maxLength ?? base.maxLength
        m.pattern = pattern ?? base.pattern
        m.format = format ?? base.format
        m.min = min ?? base.min
        m.max = max ?? base.max
        m.values = values ?? base.values
        if let props = properties {
            var byName = Dictionary((base.properties ?? []).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var order = (base.properties ?? []).map(\.name)
            for p in props {
                if let b = byName[p.name] { byName[p.name] = p.merged(over: b) } else { byName[p.name] = p; order.append(p.name) }
            }
            m.properties = order.compactMap { byName[$0] }
        }
        if let i = items { m.items = Box(base.items.map { i.value.merged(over: $0.value) } ?? i.value) }
        m.minItems = minItems ?? base.minItems
        m.maxItems = maxItems ?? base.maxItems
        m.path = path
        m.keyNode = keyNode
        m.node = node
        return m
    }
}

/// Lets a struct hold itself (array items).
public final class Box<T: Sendable>: Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}

public struct ExposureRule: Sendable {
    public var minVisibleRatio: Double?
    public var minDurationMs: Int?
    public var dedupeKey: [YAMLNode]
    public var node: YAMLNode
}

public struct Position: Sendable {
    public var page: String?
    public var module: String?
    public var slot: String?
    public var node: YAMLNode

    /// `page.module.slot`, as far as given.
    public var path: String { [page, module, slot].compactMap { $0 }.joined(separator: ".") }
}

public struct TestCase: Sendable {
    public var scenario: String
    public var expect: String
    public var terminals: [String]?
    public var node: YAMLNode
}

public struct TerminalOverride: Sendable {
    public var terminal: String
    public var keyNode: YAMLNode
    public var parameters: [Parameter]
}

public struct Event: Sendable {
    public var name: String
    public var nameNode: YAMLNode?
    public var type: EventType?
    public var template: String?
    public var position: Position?
    public var display: DisplayNames
    public var description: String?
    public var terminals: [YAMLNode]?
    public var exposure: ExposureRule?
    public var terminalOverrides: [TerminalOverride]
    public var parameters: [Parameter]
    public var testCases: [TestCase]
    public var node: YAMLNode

    public func location(_ key: String) -> SourceLocation {
        node.pair(key)?.value.start ?? node.start
    }
}

public struct Approval: Sendable {
    public var by: String
    public var role: String
    public var at: String
    public var digest: String
    public var comment: String?
    public var node: YAMLNode
}

public struct HistoryEntry: Sendable {
    public var at: String
    public var by: String
    public var from: String?
    public var to: String?
    public var action: String?
    public var note: String?
    public var node: YAMLNode
}

public struct Metric: Sendable {
    public var name: String
    public var definition: String
}

/// What `trackplan verify --record` wrote: the outcome of checking captured events
/// against the plan, bound (like an approval) to the content it checked.
public struct VerificationRecord: Sendable {
    /// `passed` or `failed`.
    public var result: String
    public var at: String?
    public var by: String?
    /// The plan's content digest when verified; a later change makes the record stale.
    public var digest: String?
    public var node: YAMLNode

    public var passed: Bool { result == "passed" }
}

/// The post-mortem section: what shipped and what was learned.
public struct Postmortem: Sendable {
    public var summary: String?
    public var released: String?
    public var issues: [String]
    public var followUps: [String]
    public var node: YAMLNode

    /// Filled in: it says something.
    public var isFilled: Bool { !(summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
}

public struct Plan: Sendable {
    public var id: String
    public var title: String
    public var owner: String
    public var goal: String?
    public var description: String?
    public var priority: String?
    public var terminals: [YAMLNode]?
    public var schedule: [String: String]
    public var storageTable: String?
    public var storageMode: String?
    public var metrics: [Metric]
    public var events: [Event]
    public var status: PlanState
    public var approvals: [Approval]
    public var history: [HistoryEntry]
    public var verification: VerificationRecord?
    public var postmortem: Postmortem?
    public var path: String
    public var node: YAMLNode

    public func location(_ key: String) -> SourceLocation {
        node.pair(key)?.value.start ?? node.start
    }

    /// The event's terminals: its own list, else the plan's.
    public func terminals(of event: Event) -> [String] {
        (event.terminals ?? terminals ?? []).compactMap(\.text)
    }
}

public struct EventTemplate: Sendable {
    public var id: String
    public var extends: String?
    public var type: EventType?
    public var description: String?
    public var display: DisplayNames
    public var exposure: ExposureRule?
    public var parameters: [Parameter]
    public var locked: [YAMLNode]
    public var path: String
    public var node: YAMLNode

    public func location(_ key: String) -> SourceLocation {
        node.pair(key)?.value.start ?? node.start
    }
}

public struct Slot: Sendable {
    public var id: String
    public var isList: Bool
    public var display: DisplayNames
}

public struct Module: Sendable {
    public var id: String
    public var display: DisplayNames
    public var slots: [Slot]
}

public struct Page: Sendable {
    public var id: String
    public var display: DisplayNames
    public var modules: [Module]
}

/// What must hold before a plan enters a state. Every condition is optional: a
/// workspace's `gates:` entry overrides the built-in default key by key.
public struct Gate: Sendable, Equatable {
    /// The plan lints without errors.
    public var lintClean: Bool?
    /// Roles that must each have approved the current content.
    public var approvals: [String]?
    /// `passed`: a recorded verification passed; `passed_or_signoff`: that, or a
    /// sign-off (approval) by someone in the `signoff` role; `none`.
    public var verification: String?
    /// The role whose approval stands in for a passed verification.
    public var signoff: String?
    /// Every event has test cases.
    public var testCases: Bool?
    /// Schedule dates that must be set.
    public var dates: [String]?
    /// The post-mortem section is filled in.
    public var postmortem: Bool?
    public var node: YAMLNode?

    public init(lintClean: Bool? = nil, approvals: [String]? = nil, verification: String? = nil, signoff: String? = nil,
                testCases: Bool? = nil, dates: [String]? = nil, postmortem: Bool? = nil, node: YAMLNode? = nil) {
        self.lintClean = lintClean
        self.approvals = approvals
        self.verification = verification
        self.signoff = signoff
        self.testCases = testCases
        self.dates = dates
        self.postmortem = postmortem
        self.node = node
    }

    public static func == (a: Gate, b: Gate) -> Bool {
        a.lintClean == b.lintClean && a.approvals == b.approvals && a.verification == b.verification
            && a.signoff == b.signoff && a.testCases == b.testCases && a.dates == b.dates && a.postmortem == b.postmortem
    }

    /// `self`, with the conditions `override` sets replacing these.
    public func overridden(by override: Gate) -> Gate {
        Gate(lintClean: override.lintClean ?? lintClean, approvals: override.approvals ?? approvals,
             verification: override.verification ?? verification, signoff: override.signoff ?? signoff,
             testCases: override.testCases ?? testCases, dates: override.dates ?? dates,
             postmortem: override.postmortem ?? postmortem, node: override.node ?? node)
    }
}

public struct NamingSettings: Sendable {
    public var event = "snake_case"
    public var parameter = "snake_case"
    public var maxLength = 48
}

/// A rule level set in trackplan.yaml, for the workspace or for matching paths.
public struct LintLevels: Sendable {
    public var rules: [String: String] = [:]
    public var paths: [(match: String, rules: [String: String])] = []
}

/// Where `trackplan verify` finds things in a captured payload (`capture:` in trackplan.yaml).
public struct CaptureMapping: Sendable, Equatable {
    /// Dotted paths; nil: the defaults described in FormatShapes.
    public var event: String?
    public var terminal: String?
    public var parameters: String?
    public var view = "page_view_id"
    public var eventID = "event_id"
    public init() {}
}

public struct Settings: Sendable {
    public var version: Int = 1
    public var terminals: [String: String] = [:]
    public var terminalOrder: [String] = []
    public var naming = NamingSettings()
    public var commonParameters: [Parameter] = []
    public var pages: [Page] = []
    public var positionIndexParameter = "position_index"
    public var consentPurposes: [String] = []
    public var piiForbiddenOn: [String] = []
    public var roles: [String: [String]] = [:]
    public var gates: [String: Gate] = [:]
    public var lint = LintLevels()
    public var capture = CaptureMapping()
    public var path = "trackplan.yaml"
    public var node: YAMLNode?

    public func page(_ id: String) -> Page? { pages.first { $0.id == id } }

    public func location(_ key: String) -> SourceLocation {
        node?.pair(key)?.value.start ?? node?.start ?? .start
    }
}

/// Everything read from a workspace folder: settings, templates, plans, and the
/// problems found while reading them.
public struct Workspace: Sendable {
    public var root: String
    public var settings: Settings
    public var templates: [EventTemplate]
    public var plans: [Plan]
    /// Reader and loader findings (syntax, unknown keys, missing keys, wrong kinds).
    public var loadDiagnostics: [Diagnostic]
    /// Each file's bytes, by workspace-relative path, for reporters that quote lines.
    public var sources: [String: [UInt8]]

    /// Template index by id (the first file wins where two claim one id).
    public var templateIndex: [String: Int]
    /// Derived values shared by the rules; computed on first use.
    public let memo = Memo()

    public init(root: String, settings: Settings, templates: [EventTemplate], plans: [Plan],
                loadDiagnostics: [Diagnostic], sources: [String: [UInt8]]) {
        self.root = root
        self.settings = settings
        self.templates = templates
        self.plans = plans
        self.loadDiagnostics = loadDiagnostics
        self.sources = sources
        var index: [String: Int] = [:]
        for (i, t) in templates.enumerated() where index[t.id] == nil { index[t.id] = i }
        templateIndex = index
    }

    public func template(_ id: String) -> EventTemplate? { templateIndex[id].map { templates[$0] } }
}
