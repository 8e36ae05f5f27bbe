/// What a change does to the contract between the apps that send events and the
/// tables and dashboards that read them.
public enum ChangeClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// An event valid under the old plan can be invalid under the new one, or something
    /// consumers read is gone, moved or means something else.
    case breaking
    /// The new plan accepts every event the old one accepted, and adds to it.
    case compatible
    /// Only words for people changed: descriptions, display names, test cases.
    case documentation
}

/// How much a change matters once the plan's state is taken into account.
public enum ChangeSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Reported, never fails: the plan is still in request or review (nobody has built
    /// against it), it is retired, or only documentation changed.
    case informational
    /// A change to a plan in implementation or testing, or a compatible change to a
    /// released one: developers or testers must hear of it.
    case counts
    /// A breaking change to a plan in release or post_mortem: production data changes.
    case breaking

    var rank: Int {
        switch self {
        case .informational: 0
        case .counts: 1
        case .breaking: 2
        }
    }

    public static func < (a: ChangeSeverity, b: ChangeSeverity) -> Bool { a.rank < b.rank }

    /// The severity of a change of class `changeClass` to a plan in `state`.
    public static func of(_ changeClass: ChangeClass, state: PlanState?) -> ChangeSeverity {
        guard changeClass != .documentation, let state, state.isAtLeast(.implementation) else { return .informational }
        return changeClass == .breaking && state.isAtLeast(.release) ? .breaking : .counts
    }
}

/// A SchemaVer (MODEL-REVISION-ADDITION) bump of an event's payload schema.
public enum SchemaVerBump: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Compatible with all historical data.
    case addition = "ADDITION"
    /// May be incompatible with some historical data.
    case revision = "REVISION"
    /// Incompatible with all historical data, or the event means something else.
    case model = "MODEL"

    var rank: Int {
        switch self {
        case .addition: 0
        case .revision: 1
        case .model: 2
        }
    }

    public static func < (a: SchemaVerBump, b: SchemaVerBump) -> Bool { a.rank < b.rank }

    /// `1-0-0` bumped: MODEL resets revision and addition, REVISION resets addition.
    public func apply(to version: (model: Int, revision: Int, addition: Int)) -> (model: Int, revision: Int, addition: Int) {
        switch self {
        case .model: (version.model + 1, 0, 0)
        case .revision: (version.model, version.revision + 1, 0)
        case .addition: (version.model, version.revision, version.addition + 1)
        }
    }
}

/// A place in a file: workspace-relative path, 1-based line and column.
public struct Place: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public init(path: String, _ location: SourceLocation) {
        self.init(path: path, line: location.line, column: location.column)
    }

    public static func < (a: Place, b: Place) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    public var description: String { "\(path):\(line):\(column)" }
}

/// One difference between two versions of a workspace, with the rule that classified it.
public struct Change: Sendable, Hashable {
    /// The rule id, e.g. `type-changed` (see `DiffRules`).
    public var rule: String
    public var changeClass: ChangeClass
    public var severity: ChangeSeverity
    /// The SchemaVer bump this change asks of its event's payload schema, if any.
    public var bump: SchemaVerBump?
    /// The plan it belongs to (the new side's id, else the old side's); nil for settings.
    public var plan: String?
    /// The plan state that set the severity.
    public var state: PlanState?
    public var event: String?
    /// Dotted path of the parameter (`product.price`, `items[].sku`); nil for event-level changes.
    public var parameter: String?
    /// Set when the change exists only on one terminal (through a terminal override).
    public var terminal: String?
    public var old: String?
    public var new: String?
    /// One line, without the event's name (renderers add it).
    public var message: String
    /// Where it is in the new files; for a removal, the nearest node that survived (nil if the file is gone).
    public var location: Place?
    /// Where it was in the old files (removals and renames always have one).
    public var oldLocation: Place?

    /// The place to point at: the new file's, else the old file's.
    public var primaryPlace: Place? { location ?? oldLocation }

    /// `event.parameter` (with `@terminal`), as far as known.
    public var subject: String {
        var s = event ?? (plan == nil ? "settings" : "plan \(plan!)")
        if let parameter { s += event == nil && plan == nil ? ": common parameter \(parameter)" : ".\(parameter)" }
        if let terminal { s += " (on \(terminal))" }
        return s
    }

    /// Sorted by place, then rule, then subject: the order every renderer prints.
    public static func sortKey(_ a: Change, _ b: Change) -> Bool {
        let pa = a.primaryPlace, pb = b.primaryPlace
        if pa != pb {
            guard let pa else { return false }
            guard let pb else { return true }
            return pa < pb
        }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.subject != b.subject { return a.subject < b.subject }
        return a.message < b.message
    }
}

/// Every rule `trackplan diff` classifies changes by: its class and the SchemaVer bump it suggests.
public struct DiffRule: Sendable {
    public var id: String
    public var changeClass: ChangeClass
    public var bump: SchemaVerBump?
    public var summary: String
}

public enum DiffRules {
    public static let all: [DiffRule] = [
        DiffRule(id: "event-removed", changeClass: .breaking, bump: .model, summary: "An event is gone."),
        DiffRule(id: "event-renamed", changeClass: .breaking, bump: .model,
                 summary: "An event disappeared and one with another name, in the same plan, at the same position and with the same parameters, appeared."),
        DiffRule(id: "event-type-changed", changeClass: .breaking, bump: .model, summary: "The event's type (exposure, click, page_view, custom) changed."),
        DiffRule(id: "position-changed", changeClass: .breaking, bump: .model, summary: "The event's page, module or slot changed."),
        DiffRule(id: "parameter-removed", changeClass: .breaking, bump: .model,
                 summary: "A parameter is gone (MODEL if it was required, REVISION if it was optional)."),
        DiffRule(id: "parameter-added-required", changeClass: .breaking, bump: .model,
                 summary: "A required parameter was added: events sent by the old code lack it."),
        DiffRule(id: "type-changed", changeClass: .breaking, bump: .model, summary: "A parameter's type changed."),
        DiffRule(id: "optional-made-required", changeClass: .breaking, bump: .revision, summary: "An optional parameter became required."),
        DiffRule(id: "enum-value-removed", changeClass: .breaking, bump: .revision, summary: "An enum value is no longer allowed."),
        DiffRule(id: "length-narrowed", changeClass: .breaking, bump: .revision,
                 summary: "min_length or min_items rose, max_length or max_items fell, or one was added."),
        DiffRule(id: "range-narrowed", changeClass: .breaking, bump: .revision, summary: "min rose, max fell, or one was added."),
        DiffRule(id: "pattern-changed", changeClass: .breaking, bump: .revision, summary: "A string's pattern was added or changed."),
        DiffRule(id: "format-changed", changeClass: .breaking, bump: .revision, summary: "A string's format was added or changed."),
        DiffRule(id: "nested-structure-changed", changeClass: .breaking, bump: .model,
                 summary: "An object's properties or an array's items were defined where they were not, or dropped."),
        DiffRule(id: "privacy-changed", changeClass: .breaking, bump: nil,
                 summary: "pii or consent changed: the event is sent through another consent path."),
        DiffRule(id: "terminal-dropped", changeClass: .breaking, bump: nil, summary: "The event is no longer planned on a terminal."),
        DiffRule(id: "exposure-rule-changed", changeClass: .breaking, bump: .revision,
                 summary: "The exposure rule (visible ratio, duration, dedupe key) changed: counts are not comparable across it."),
        DiffRule(id: "storage-changed", changeClass: .breaking, bump: nil, summary: "The plan's table or pipeline mode changed."),
        DiffRule(id: "common-parameter-changed", changeClass: .breaking, bump: .model,
                 summary: "A common parameter was removed, added as required, or changed in anything but its documentation."),
        DiffRule(id: "event-added", changeClass: .compatible, bump: nil, summary: "A new event (it starts at 1-0-0)."),
        DiffRule(id: "parameter-added-optional", changeClass: .compatible, bump: .addition, summary: "An optional parameter was added."),
        DiffRule(id: "required-made-optional", changeClass: .compatible, bump: .addition, summary: "A required parameter became optional."),
        DiffRule(id: "enum-value-added", changeClass: .compatible, bump: .addition, summary: "An enum value was added."),
        DiffRule(id: "length-widened", changeClass: .compatible, bump: .addition,
                 summary: "min_length or min_items fell, max_length or max_items rose, or one was removed."),
        DiffRule(id: "range-widened", changeClass: .compatible, bump: .addition, summary: "min fell, max rose, or one was removed."),
        DiffRule(id: "pattern-removed", changeClass: .compatible, bump: .addition, summary: "A string's pattern was removed."),
        DiffRule(id: "format-removed", changeClass: .compatible, bump: .addition, summary: "A string's format was removed."),
        DiffRule(id: "terminal-added", changeClass: .compatible, bump: nil, summary: "The event is now planned on another terminal."),
        DiffRule(id: "common-parameter-added", changeClass: .compatible, bump: .addition, summary: "An optional common parameter was added."),
        DiffRule(id: "description-changed", changeClass: .documentation, bump: nil, summary: "An event's or parameter's description changed."),
        DiffRule(id: "display-changed", changeClass: .documentation, bump: nil, summary: "Display names changed."),
        DiffRule(id: "test-cases-changed", changeClass: .documentation, bump: nil, summary: "The event's test cases changed."),
        DiffRule(id: "template-changed", changeClass: .documentation, bump: nil,
                 summary: "The event names another template (what that changes in its parameters is reported by the other rules)."),
        DiffRule(id: "event-moved", changeClass: .documentation, bump: nil, summary: "The event moved to another plan."),
    ]

    static let byID: [String: DiffRule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static func rule(_ id: String) -> DiffRule? { byID[id] }
}
