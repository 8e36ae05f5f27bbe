public struct TemplateLockedRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "template-locked",
        summary: "Parameters a template lists in `locked` are not redeclared by its events, their terminal overrides or child templates; `locked` names parameters the template has.",
        rationale: "A template locks the parameters every event must send exactly alike, such as banner_id, so reports join exposures and clicks across plans. Redeclaring one, even only on one terminal, forks the definition.",
        nonTriggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  position_index: { type: integer, max: 4 }"),
        ],
        triggering: [
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nparameters:\n  ↓banner_id: { type: string, max_length: 32 }"),
            RuleExample(event: "name: homepage_banner_click\ntemplate: banner_click\nterminal_overrides:\n  android:\n    parameters:\n      ↓banner_id: { required: false }"),
            RuleExample(files: [
                "templates/events/promo_click.yaml": "template: promo_click\nextends: click\nparameters:\n  promo_id: { type: string, required: true }\nlocked: [promo_id, ↓promo_code]\n",
            ]),
            RuleExample(files: [
                "templates/events/hero_banner_click.yaml": "template: hero_banner_click\nextends: banner_click\nparameters:\n  ↓banner_id: { type: string, max_length: 32 }\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for t in workspace.checkedTemplates {
            let parents = workspace.templateChain(t.extends)
            if parents.contains(where: { $0.id == t.id }) { continue }   // a cycle: template-cycle reports it
            let locked = TemplateRuleSupport.lockedNames(parents)
            for p in t.parameters {
                guard let owner = locked[p.name] else { continue }
                sink.report(t.path, p.keyNode?.start ?? p.location("type"),
                            "parameter '\(p.name)' is locked by template '\(owner)'; template '\(t.id)' may not redeclare it (remove it here)")
            }
            // A chain cut by a missing parent cannot tell what is declared: template-exists reports that.
            guard t.extends == nil || parents.first.map({ $0.extends == nil }) == true else { continue }
            var declared = Set(t.parameters.map(\.name))
            for parent in parents { for p in parent.parameters { declared.insert(p.name) } }
            for item in t.locked {
                guard let name = item.text, !declared.contains(name) else { continue }
                sink.report(t.path, item,
                            "template '\(t.id)' locks '\(name)', which neither it nor its parents declare\(TemplateRuleSupport.didYouMean(name, declared.sorted())); declare the parameter or remove it from `locked`")
            }
        }
        for plan in workspace.plans {
            for event in plan.events where event.template != nil {
                let locked = TemplateRuleSupport.lockedNames(workspace.templateChain(event.template))
                if locked.isEmpty { continue }
                for p in event.parameters {
                    guard let owner = locked[p.name] else { continue }
                    sink.report(plan.path, p.keyNode?.start ?? p.location("type"),
                                "parameter '\(p.name)' is locked by template '\(owner)'; event '\(event.name)' sends it exactly as the template defines it, so remove it here")
                }
                for o in event.terminalOverrides {
                    for p in o.parameters {
                        guard let owner = locked[p.name] else { continue }
                        sink.report(plan.path, p.keyNode?.start ?? p.location("type"),
                                    "parameter '\(p.name)' is locked by template '\(owner)'; the \(o.terminal) override of event '\(event.name)' may not change it (remove it here)")
                    }
                }
            }
        }
    }
}
