public struct CommonParameterRedeclaredRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "common-parameter-redeclared",
        summary: "Plans and templates do not redeclare a common parameter (one listed under common_parameters in trackplan.yaml).",
        rationale: "Common parameters such as session_id are sent by the SDK with every event and land in one shared warehouse column; a plan that declares its own session_id either duplicates the field or quietly changes its type or meaning for one event. A change to a common parameter belongs in trackplan.yaml, where every event sees it.",
        nonTriggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true }"),
        ],
        triggering: [
            RuleExample(event: "name: search_click\ntype: click\nparameters:\n  keyword: { type: string, required: true }\n  ↓session_id: { type: string }"),
            RuleExample(event: "name: search_click\ntype: click\nterminal_overrides:\n  mini_program:\n    parameters:\n      ↓page_view_id: { required: false }"),
            RuleExample(files: ["templates/events/page_view.yaml": "template: page_view\ntype: page_view\nparameters:\n  ↓client_ts: { type: timestamp, required: true }\n  referrer: { type: string }\n"]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    struct Common {
        /// Each common parameter's name and where it is declared.
        var declared: [String: SourceLocation] = [:]
        var settingsPath: String
    }

    func context(_ workspace: Workspace) -> Common {
        workspace.sharedMemo.value("CommonParameterRedeclaredRule.context") {
            var common = Common(settingsPath: workspace.settings.path)
            for p in workspace.settings.commonParameters where common.declared[p.name] == nil {
                common.declared[p.name] = p.keyNode?.start ?? .start
            }
            return common
        }
    }

    /// A top-level parameter of a template, an event or a terminal override named like a common one.
    func check(_ site: EventRuleSupport.ParameterSite, _ common: inout Common, _ sink: inout DiagnosticSink) {
        guard !site.isNested, site.origin != .common, !common.declared.isEmpty,
              let at = common.declared[site.parameter.name], let key = site.parameter.keyNode else { return }
        let place = switch site.origin {
        case .template: "this template"
        case .terminalOverride: "this terminal override"
        default: "this event"
        }
        sink.report(site.path, key, "'\(site.parameter.name)' is a common parameter (\(common.settingsPath):\(at)), sent with every event; remove it from \(place), " +
            "and change it in common_parameters in \(common.settingsPath) if it needs to differ")
    }
}
