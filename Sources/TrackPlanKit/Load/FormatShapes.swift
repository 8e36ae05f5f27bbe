/// The plan format, key by key. `docs/plan-format.md` explains it in prose and
/// `trackplan schema` turns it into JSON Schema; both follow this table.
public enum FormatShapes {
    public static let eventTypes = ["exposure", "click", "page_view", "custom"]
    public static let parameterTypes = ["string", "integer", "number", "boolean", "timestamp", "enum", "object", "array"]
    public static let stringFormats = ["uuid", "email", "url", "date", "datetime", "ipv4", "ipv6"]
    public static let namingStyles = ["snake_case", "camelCase", "PascalCase", "kebab-case"]
    public static let priorities = ["P0", "P1", "P2", "P3"]
    public static let levels = ["off", "note", "warning", "error"]

    public static let all: [Shape] = [
        Shape(name: "workspace settings", doc: "trackplan.yaml at the workspace root.", fields: [
            Field("version", .integer, required: true, "Format version; 1."),
            Field("terminals", .map(.object("terminal")), required: true, "The terminals a plan may target, by id."),
            Field("naming", .object("naming"), "Naming style and length limits."),
            Field("common_parameters", .map(.object("parameter")), "Parameters sent with every event; plans never redeclare them."),
            Field("positions", .map(.object("page")), "The registry of pages, their modules and slots."),
            Field("position_index_parameter", .string, "The integer parameter a list slot requires (default position_index)."),
            Field("privacy", .object("privacy"), "Consent purposes and where PII may not be planned."),
            Field("roles", .map(.list(.string)), "Who may sign off what: role -> people (emails)."),
            Field("gates", .map(.object("gate")), "What must hold before a plan enters a state."),
            Field("lint", .object("lint settings"), "Rule levels, for the workspace and per path."),
            Field("capture", .object("capture"), "Where `trackplan verify` finds the event name, terminal and parameters in a captured payload."),
        ]),
        Shape(name: "capture", doc: "The shape of captured payloads, as dotted paths (default: a Segment-style or flat payload).", fields: [
            Field("event", .string, "Path to the event name (default event)."),
            Field("terminal", .string, "Path to the terminal (default terminal, then context.terminal; else --terminal)."),
            Field("parameters", .string, "Path to the parameters object (default properties when present, else the payload itself)."),
            Field("view", .string, "The parameter naming a page view, for exposure and click checks (default page_view_id)."),
            Field("event_id", .string, "The parameter that must be unique per event (default event_id)."),
        ]),
        Shape(name: "terminal", doc: "A platform events ship on.", fields: [
            Field("kind", .oneOf(["app", "web", "mini_program", "server", "other"]), required: true, "What sort of terminal."),
            Field("display", .map(.string), "Display names by language."),
            Field("description", .string, "Free text."),
        ]),
        Shape(name: "naming", doc: "Naming rules for events and parameters.", fields: [
            Field("event", .oneOf(namingStyles), "Style of event names (default snake_case)."),
            Field("parameter", .oneOf(namingStyles), "Style of parameter names (default snake_case)."),
            Field("max_length", .integer, "Longest name allowed (default 48)."),
        ]),
        Shape(name: "page", doc: "A page (or screen) in the position registry.", fields: [
            Field("display", .map(.string), "Display names by language."),
            Field("description", .string, "Free text."),
            Field("modules", .map(.object("module")), "The page's modules, by id."),
        ]),
        Shape(name: "module", doc: "A module of a page.", fields: [
            Field("display", .map(.string), "Display names by language."),
            Field("description", .string, "Free text."),
            Field("slots", .either(.list(.string), .map(.object("slot"))), "Slot ids, or slot id -> {list, display}."),
        ]),
        Shape(name: "slot", doc: "A slot in a module.", fields: [
            Field("list", .boolean, "A repeated slot (carousel, feed): events there need the index parameter."),
            Field("display", .map(.string), "Display names by language."),
            Field("description", .string, "Free text."),
        ]),
        Shape(name: "privacy", doc: "Privacy settings.", fields: [
            Field("consent_purposes", .list(.string), "Purposes a PII parameter may name as its consent."),
            Field("pii_forbidden_on", .list(.string), "Terminals where no PII parameter may be planned."),
        ]),
        Shape(name: "gate", doc: "Conditions for entering a state.", fields: [
            Field("lint", .oneOf(["clean", "none"]), "clean: the plan must lint without errors."),
            Field("approvals", .list(.string), "Roles that must each approve the current content (not by the owner)."),
            Field("verification", .oneOf(["passed", "passed_or_signoff", "none"]), "passed: a recorded verification passed for the current content; passed_or_signoff: that, or an approval by the signoff role."),
            Field("signoff", .string, "The role whose approval stands in for a verification (default tester)."),
            Field("test_cases", .boolean, "Every event must have test cases."),
            Field("dates", .list(.string), "Schedule dates that must be set, e.g. [integration_test]."),
            Field("postmortem", .boolean, "The post-mortem section must be filled in."),
        ]),
        Shape(name: "lint settings", doc: "Rule levels.", fields: [
            Field("rules", .map(.oneOf(levels)), "Rule id -> off, note, warning or error."),
            Field("paths", .list(.object("lint path override")), "Levels for files matching a glob."),
        ]),
        Shape(name: "lint path override", doc: "Rule levels for some files.", fields: [
            Field("match", .string, required: true, "A glob relative to the workspace, e.g. plans/legacy/*.yaml."),
            Field("rules", .map(.oneOf(levels)), required: true, "Rule id -> level, for the matching files."),
        ]),
        Shape(name: "event template", doc: "templates/events/ID.yaml: a reusable generic event.", fields: [
            Field("template", .string, required: true, "Id; equals the file name."),
            Field("extends", .string, "Another template whose parameters and rules this one inherits."),
            Field("type", .oneOf(eventTypes), "Event type events of this template have."),
            Field("description", .string, "Free text."),
            Field("display", .map(.string), "Display names by language."),
            Field("exposure", .object("exposure rule"), "Exposure rule for exposure templates."),
            Field("parameters", .map(.object("parameter")), "Parameters every event of this template has."),
            Field("locked", .list(.string), "Parameters events may not override."),
        ]),
        Shape(name: "plan", doc: "plans/ID.yaml: one tracking requirement.", fields: [
            Field("plan", .string, required: true, "Id; snake_case; equals the file name."),
            Field("title", .string, required: true, "One line."),
            Field("owner", .string, required: true, "Who answers for the plan (email)."),
            Field("goal", .string, "What the data is for."),
            Field("description", .string, "Free text."),
            Field("priority", .oneOf(priorities), "P0 (highest) to P3."),
            Field("terminals", .list(.string), "Default terminals of every event."),
            Field("schedule", .object("schedule"), "Dates."),
            Field("storage", .object("storage"), "Where the events land."),
            Field("metrics", .list(.object("metric")), "What will be computed from the events."),
            Field("events", .list(.object("event")), required: true, "The tracking points."),
            Field("status", .oneOf(PlanState.allCases.map(\.rawValue)), "Lifecycle state; written by the tool."),
            Field("approvals", .list(.object("approval")), "Written by the tool."),
            Field("history", .list(.object("history entry")), "Written by the tool."),
            Field("verification", .object("verification"), "Written by the tool (trackplan verify --record)."),
            Field("postmortem", .object("postmortem"), "The post-mortem section (trackplan postmortem)."),
        ]),
        Shape(name: "schedule", doc: "Dates of the plan.", fields: [
            Field("review", .date, "Review date."),
            Field("development", .date, "Development start."),
            Field("integration_test", .date, "Integration testing date."),
            Field("release", .date, "Release date."),
            Field("post_mortem", .date, "Post-mortem date."),
        ]),
        Shape(name: "storage", doc: "Where the events land.", fields: [
            Field("table", .string, "Warehouse table, e.g. dwd.user_behavior_log."),
            Field("mode", .oneOf(["realtime", "offline"]), "Pipeline."),
            Field("partition", .string, "Partition column."),
        ]),
        Shape(name: "metric", doc: "A metric computed from the plan's events.", fields: [
            Field("name", .string, required: true, "Metric id."),
            Field("definition", .string, required: true, "How it is computed."),
        ]),
        Shape(name: "event", doc: "One tracking point.", fields: [
            Field("name", .string, required: true, "Event name; unique across the workspace."),
            Field("type", .oneOf(eventTypes), "exposure, click, page_view or custom (else the template's)."),
            Field("template", .string, "Event template id."),
            Field("position", .object("position"), "Where it lives: page, module, slot."),
            Field("display", .map(.string), "Display names by language."),
            Field("description", .string, "When exactly it fires."),
            Field("terminals", .list(.string), "Terminals (else the plan's)."),
            Field("exposure", .object("exposure rule"), "Exposure rule (else the template's)."),
            Field("terminal_overrides", .map(.object("terminal override")), "Per-terminal narrowing of parameters."),
            Field("parameters", .map(.object("parameter")), "Parameters by name."),
            Field("test_cases", .list(.object("test case")), "Scenarios testers run."),
            Field("version", .string, "The payload schema's version, SchemaVer MODEL-REVISION-ADDITION (e.g. 1-0-0); `trackplan diff --versions` suggests the next."),
        ]),
        Shape(name: "position", doc: "A position in the registry.", fields: [
            Field("page", .string, required: true, "Page id."),
            Field("module", .string, "Module id."),
            Field("slot", .string, "Slot id."),
        ]),
        Shape(name: "exposure rule", doc: "When an exposure counts.", fields: [
            Field("min_visible_ratio", .number, required: true, "Share of the element visible, 0 to 1."),
            Field("min_duration_ms", .integer, required: true, "How long it must stay visible."),
            Field("dedupe_key", .list(.string), required: true, "Parameters that make one exposure unique."),
        ]),
        Shape(name: "terminal override", doc: "Differences on one terminal.", fields: [
            Field("parameters", .map(.object("parameter")), "Narrowed parameters."),
        ]),
        Shape(name: "parameter", doc: "A parameter of an event.", fields: [
            Field("type", .oneOf(parameterTypes), "Value type."),
            Field("required", .boolean, "Must be sent (default false)."),
            Field("description", .string, "Meaning."),
            Field("display", .map(.string), "Display names by language."),
            Field("example", .any, "An example value."),
            Field("pii", .boolean, "Personal data: needs a consent purpose."),
            Field("consent", .string, "Consent purpose for PII."),
            Field("min_length", .integer, "string: shortest length."),
            Field("max_length", .integer, "string: longest length."),
            Field("pattern", .string, "string: regular expression the value matches."),
            Field("format", .oneOf(stringFormats), "string: well-known format."),
            Field("min", .number, "integer/number: smallest value."),
            Field("max", .number, "integer/number: largest value."),
            Field("values", .list(.scalar), "enum: allowed values."),
            Field("properties", .map(.object("parameter")), "object: its fields."),
            Field("items", .object("parameter"), "array: the item type."),
            Field("min_items", .integer, "array: fewest items."),
            Field("max_items", .integer, "array: most items."),
        ]),
        Shape(name: "test case", doc: "A scenario for testers.", fields: [
            Field("scenario", .string, required: true, "What to do."),
            Field("expect", .string, required: true, "What must be sent."),
            Field("terminals", .list(.string), "Only on these terminals."),
        ]),
        Shape(name: "approval", doc: "A sign-off, bound to the content's digest.", fields: [
            Field("by", .string, required: true, "Who."),
            Field("role", .string, required: true, "As which role."),
            Field("at", .datetime, required: true, "When."),
            Field("digest", .string, required: true, "sha256 of the canonical content approved."),
            Field("comment", .string, "Note."),
        ]),
        Shape(name: "verification", doc: "A recorded verification of captured events (written by trackplan verify --record).", fields: [
            Field("result", .oneOf(["passed", "failed"]), required: true, "The outcome."),
            Field("at", .datetime, "When."),
            Field("by", .string, "Who."),
            Field("digest", .string, "The plan's content digest when verified."),
            Field("input", .string, "Digest of the capture that was checked."),
            Field("events", .integer, "Events checked."),
            Field("findings", .integer, "Findings reported."),
            Field("note", .string, "Comment."),
        ]),
        Shape(name: "postmortem", doc: "What shipped and what was learned (written by trackplan postmortem).", fields: [
            Field("summary", .string, required: true, "The outcome in a few sentences."),
            Field("released", .date, "The actual release date."),
            Field("issues", .list(.string), "Problems found after release."),
            Field("follow_ups", .list(.string), "What will be done about them."),
            Field("at", .datetime, "When written."),
            Field("by", .string, "Who wrote it."),
        ]),
        Shape(name: "history entry", doc: "A lifecycle move.", fields: [
            Field("at", .datetime, required: true, "When."),
            Field("by", .string, required: true, "Who."),
            Field("from", .string, "Previous state."),
            Field("to", .string, "New state."),
            Field("action", .string, "What happened (submit, approve, reject...)."),
            Field("note", .string, "Comment."),
        ]),
    ]

    static let byName: [String: Shape] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func shape(_ name: String) -> Shape? { byName[name] }
}
