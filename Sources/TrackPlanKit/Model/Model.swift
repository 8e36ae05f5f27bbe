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
/// 250-byte struct cost a copy and a dozen. Every field is a `let`: built once by
/// the loader (or by `merged(over:)`), read everywhere without exclusivity checks.
public final class Parameter: Sendable {
    public let name: String
    public let type: ParamType?
    public let required: Bool?
    public let description: String?
    public let display: DisplayNames
    public let pii: Bool?
    public let consent: String?
    public let minLength: Int?
    public let maxLength: Int?
    public let pattern: String?
    public let format: String?
    public let min: Double?
    public let max: Double?
    public let values: [YAMLNode]?
    public let properties: [Parameter]?
    public let items: Box<Parameter>?
    public let minItems: Int?
    public let maxItems: Int?
    /// The keys this layer's node writes: a rule asks here before it looks a key up in the node.
    public let written: WrittenKeys
    /// The file it was written in, its key and its value node.
    public let path: String
    public let keyNode: YAMLNode?
    public let node: YAMLNode?

    /// What one layer writes, gathered (by the loader, or by `merged(over:)`) before the parameter is built.
    struct Fields {
        var type: ParamType?
        var required: Bool?
        var description: String?
        var display = DisplayNames()
        var pii: Bool?
        var consent: String?
        var minLength: Int?
        var maxLength: Int?
        var pattern: String?
        var format: String?
        var min: Double?
        var max: Double?
        var values: [YAMLNode]?
        var properties: [Parameter]?
        var items: Box<Parameter>?
        var minItems: Int?
        var maxItems: Int?
        var written = WrittenKeys()
    }

    init(name: String, path: String, keyNode: YAMLNode?, node: YAMLNode?, _ f: Fields) {
        self.name = name
        self.path = path
        self.keyNode = keyNode
        self.node = node
        type = f.type; required = f.required; description = f.description; display = f.display
        pii = f.pii; consent = f.consent; minLength = f.minLength; maxLength = f.maxLength
        pattern = f.pattern; format = f.format; min = f.min; max = f.max; values = f.values
        properties = f.properties; items = f.items; minItems = f.minItems; maxItems = f.maxItems
        written = f.written
    }

    public convenience init(name: String, path: String) {
        self.init(name: name, path: path, keyNode: nil, node: nil, Fields())
    }

    /// The fields this layer holds (for building a merged layer).
    var fields: Fields {
        Fields(type: type, required: required, description: description, display: display, pii: pii, consent: consent,
               minLength: minLength, maxLength: maxLength, pattern: pattern, format: format, min: min, max: max,
               values: values, properties: properties, items: items, minItems: minItems, maxItems: maxItems, written: written)
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
        var m = base.fields
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
        m.written = written   // the keys of `node`, which is this layer's
        return Parameter(name: base.name, path: path, keyNode: keyNode, node: node, m)
    }
}

/// Which of a parameter's keys one layer writes, one bit each.
public struct WrittenKeys: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let type = WrittenKeys(rawValue: 1 << 0)
    public static let required = WrittenKeys(rawValue: 1 << 1)
    public static let description = WrittenKeys(rawValue: 1 << 2)
    public static let display = WrittenKeys(rawValue: 1 << 3)
    public static let example = WrittenKeys(rawValue: 1 << 4)
    public static let pii = WrittenKeys(rawValue: 1 << 5)
    public static let consent = WrittenKeys(rawValue: 1 << 6)
    public static let minLength = WrittenKeys(rawValue: 1 << 7)
    public static let maxLength = WrittenKeys(rawValue: 1 << 8)
    public static let pattern = WrittenKeys(rawValue: 1 << 9)
    public static let format = WrittenKeys(rawValue: 1 << 10)
    public static let min = WrittenKeys(rawValue: 1 << 11)
    public static let max = WrittenKeys(rawValue: 1 << 12)
    public static let values = WrittenKeys(rawValue: 1 << 13)
    public static let properties = WrittenKeys(rawValue: 1 << 14)
    public static let items = WrittenKeys(rawValue: 1 << 15)
    public static let minItems = WrittenKeys(rawValue: 1 << 16)
    public static let maxItems = WrittenKeys(rawValue: 1 << 17)
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
    public var terminals: [String]?
    public var node: YAMLNode
    /// Read from the node when asked (the docs ask; a lint does not): no Strings kept per test case.
    public var scenario: String { Decode.string(node["scenario"]) ?? "" }
    public var expect: String { Decode.string(node["expect"]) ?? "" }
}

public struct TerminalOverride: Sendable {
    public var terminal: String
    public var keyNode: YAMLNode
    public var parameters: [Parameter]
}

/// A class with `let` fields, like `Parameter`: built once by the loader and only read
/// afterwards. As a struct, every rule's `for event in plan.events` copied it, a retain and
/// a release for each of a dozen fields, on both cores at once.
public final class Event: Sendable {
    public let name: String
    public let nameNode: YAMLNode?
    public let type: EventType?
    public let template: String?
    public let position: Position?
    public let terminals: [YAMLNode]?
    public let exposure: ExposureRule?
    public let terminalOverrides: [TerminalOverride]
    public let parameters: [Parameter]
    public let testCases: [TestCase]
    public let node: YAMLNode
    /// No two of `parameters` share a name: decided once here, asked by several rules per event.
    let parameterNamesAreUnique: Bool

    init(name: String, nameNode: YAMLNode?, type: EventType?, template: String?, position: Position?,
         terminals: [YAMLNode]?, exposure: ExposureRule?,
         terminalOverrides: [TerminalOverride], parameters: [Parameter], testCases: [TestCase], node: YAMLNode) {
        self.name = name
        self.nameNode = nameNode
        self.type = type
        self.template = template
        self.position = position
        self.terminals = terminals
        self.exposure = exposure
        self.terminalOverrides = terminalOverrides
        self.parameters = parameters
        self.testCases = testCases
        self.node = node
        parameterNamesAreUnique = Workspace.namesAreUnique(parameters)
    }

    /// Display names by language, read from the node when asked (the docs ask; a lint does not).
    public var display: DisplayNames { Decode.display(node["display"]) }
    /// When exactly the event fires, read from the node when asked.
    public var description: String? { Decode.string(node["description"]) }
    /// A description that says something, decided on the node without making its text.
    var hasDescription: Bool {
        guard let d = node["description"], d.isScalar, !d.isNullValue else { return false }
        return d.raw.count > 0
    }

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

/// A class with `let` fields, for the same reason as `Event`.
public final class Plan: Sendable {
    public let id: String
    public let title: String
    public let owner: String
    public let goal: String?
    public let description: String?
    public let priority: String?
    public let terminals: [YAMLNode]?
    public let schedule: [String: String]
    public let storageTable: String?
    public let storageMode: String?
    public let metrics: [Metric]
    public let events: [Event]
    public let status: PlanState
    public let approvals: [Approval]
    public let history: [HistoryEntry]
    public let verification: VerificationRecord?
    public let postmortem: Postmortem?
    public let path: String
    public let node: YAMLNode

    init(id: String, title: String, owner: String, goal: String?, description: String?, priority: String?,
         terminals: [YAMLNode]?, schedule: [String: String], storageTable: String?, storageMode: String?,
         metrics: [Metric], events: [Event], status: PlanState, approvals: [Approval], history: [HistoryEntry],
         verification: VerificationRecord?, postmortem: Postmortem?, path: String, node: YAMLNode) {
        self.id = id
        self.title = title
        self.owner = owner
        self.goal = goal
        self.description = description
        self.priority = priority
        self.terminals = terminals
        self.schedule = schedule
        self.storageTable = storageTable
        self.storageMode = storageMode
        self.metrics = metrics
        self.events = events
        self.status = status
        self.approvals = approvals
        self.history = history
        self.verification = verification
        self.postmortem = postmortem
        self.path = path
        self.node = node
    }

    public func location(_ key: String) -> SourceLocation {
        node.pair(key)?.value.start ?? node.start
    }

    /// The same plan in state `state`: to check a move before making it.
    func moved(to state: PlanState) -> Plan {
        Plan(id: id, title: title, owner: owner, goal: goal, description: description, priority: priority, terminals: terminals,
             schedule: schedule, storageTable: storageTable, storageMode: storageMode, metrics: metrics, events: events,
             status: state, approvals: approvals, history: history, verification: verification, postmortem: postmortem,
             path: path, node: node)
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
    public let memo: Memo

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
        memo = Memo()
        sharedMemo = memo
    }

    public func template(_ id: String) -> EventTemplate? { templateIndex[id].map { templates[$0] } }

    /// True for the one-plan workspaces the linter's streaming path makes (`init(base:plan:)`): their
    /// settings and templates are checked once, on the workspace without plans, so the parameter
    /// sites of common parameters and templates are left out of each plan's.
    var plansOnly = false

    /// The templates whose own findings this workspace reports: all of them, none in a one-plan
    /// workspace of the streaming path (the workspace without plans reports them, once). All or
    /// none, so an index into it is an index into `templates` (template-cycle relies on that).
    var checkedTemplates: [EventTemplate] { plansOnly ? [] : templates }
    /// Whether findings about the settings file are this workspace's to report (as above).
    var checksSettings: Bool { !plansOnly }
    /// Values made from the settings and templates alone, shared by a workspace and the one-plan
    /// workspaces made from it, so each plan does not make them again.
    public private(set) var sharedMemo: Memo

    /// `base` (settings and templates, no plans) with one plan: what the rules that check each plan
    /// on its own read while the plan is in memory, on one thread. The template index is `base`'s,
    /// not made again; its memo takes no lock.
    init(base: Workspace, plan: Plan) {
        root = base.root
        settings = base.settings
        templates = base.templates
        plans = [plan]
        loadDiagnostics = []
        sources = [:]
        templateIndex = base.templateIndex
        memo = Memo(locking: false)
        sharedMemo = base.sharedMemo
        plansOnly = true
    }
}
