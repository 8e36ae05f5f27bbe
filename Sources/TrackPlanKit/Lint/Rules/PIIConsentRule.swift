public struct PIIConsentRule: ParameterSiteRule {
    public init() {}
    public static let description = RuleDescription(
        id: "pii-consent",
        summary: "A parameter marked `pii: true` names a `consent` purpose from trackplan.yaml privacy.consent_purposes; `consent` without `pii: true` is a warning.",
        rationale: "Personal data may only be collected for a purpose the user agreed to, and generated code sends PII only through the consent-aware path for that purpose. A PII field without a known purpose cannot be sent lawfully; a purpose on a non-PII field suggests a missing `pii: true`.",
        nonTriggering: [
            RuleExample(event: "name: callback_request_submit\ntype: custom\nparameters:\n  contact_phone: { type: string, pii: true, consent: marketing }\n  city: { type: string }"),
        ],
        triggering: [
            RuleExample(event: "name: callback_request_submit\ntype: custom\nparameters:\n  contact_phone: { type: string, pii: ↓true }"),
            RuleExample(event: "name: callback_request_submit\ntype: custom\nparameters:\n  contact_phone: { type: string, pii: true, consent: ↓marketting }"),
            RuleExample(event: "name: callback_request_submit\ntype: custom\nparameters:\n  city: { type: string, consent: ↓analytics }"),
            RuleExample(event: "name: order_submit\ntype: custom\nparameters:\n  shipping_address:\n    type: object\n    properties:\n      phone: { type: string, pii: ↓true }"),
            RuleExample(files: [
                "templates/events/lead_form_submit.yaml": "template: lead_form_submit\ntype: custom\nparameters:\n  email: { type: string, format: email, pii: true, consent: ↓newsletter }\n",
            ]),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) { validateAlone(workspace, &sink) }

    func context(_ workspace: Workspace) -> [String] { workspace.settings.consentPurposes }

    /// Checks one written parameter or property against what it overrides (its template's, or the event's for a terminal).
    func check(_ site: EventRuleSupport.ParameterSite, _ purposes: inout [String], _ sink: inout DiagnosticSink) {
        let p = site.parameter, base = site.inherited
        var name: String { site.label }   // made for a finding only
        let isPII = (p.pii ?? base?.pii) == true
        let consent = p.consent ?? base?.consent
        if p.pii == true, consent == nil {
            let choices = purposes.isEmpty ? "declare purposes in trackplan.yaml privacy.consent_purposes" : "one of \(purposes.joined(separator: ", "))"
            sink.report(p.path, p.location("pii"),
                        "parameter '\(name)' is PII but names no consent purpose; add consent: (\(choices)) so it is sent only with the user's consent")
        }
        if let c = p.consent {
            if !isPII {
                sink.report(p.path, p.location("consent"),
                            "parameter '\(name)' names consent '\(c)' but is not marked pii: true; add pii: true if it is personal data, else remove consent",
                            severity: .warning)
            } else if !purposes.contains(c) {
                var message = "consent '\(c)' of parameter '\(name)' is not a consent purpose in trackplan.yaml"
                if let guess = Suggest.closest(to: c, in: purposes) {
                    message += " (did you mean '\(guess)'?)"
                } else if purposes.isEmpty {
                    message += "; privacy.consent_purposes declares none"
                } else {
                    message += "; use one of \(purposes.joined(separator: ", "))"
                }
                sink.report(p.path, p.location("consent"), message)
            }
        }
    }
}
