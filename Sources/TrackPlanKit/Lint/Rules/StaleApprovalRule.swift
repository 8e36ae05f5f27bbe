public struct StaleApprovalRule: LintRule {
    public init() {}
    public static let description = RuleDescription(
        id: "stale-approval",
        summary: "An approval counts only while the plan's content still matches the digest it approved.",
        rationale: "Reviews approve text that later changes: the approval is bound to a SHA-256 of the plan's canonical content (not its comments, formatting or the tool's own fields). When the content changes, the approval is stale and no gate counts it; `trackplan approve` again (an approval superseded by the same person's later approval in the same role is not reported).",
        severity: .warning,
        nonTriggering: [
            RuleExample(plan: """
            plan: example
            title: Example
            owner: alice@example.com
            # Comments and formatting do not change the digest.
            terminals: [ios]
            events:
              - { name: search_click, type: click }
            status: review
            approvals:
              - { by: dora@example.com, role: data_product_manager, at: 2026-11-20T10:00:00Z, digest: "sha256:5b100ebb990f0e6b65f90eb72e39e812ab2e3da12a4ab562a0d6de6e7f8ec511" }

            """),
            RuleExample(plan: """
            plan: example
            title: Example
            owner: alice@example.com
            terminals: [ios]
            events:
              - { name: search_click, type: click }
            status: review
            approvals:
              # An old approval, superseded by the same person's approval of the current content.
              - { by: dora@example.com, role: data_product_manager, at: 2026-11-19T10:00:00Z, digest: "sha256:0000000000000000000000000000000000000000000000000000000000000000" }
              - { by: dora@example.com, role: data_product_manager, at: 2026-11-20T10:00:00Z, digest: "sha256:5b100ebb990f0e6b65f90eb72e39e812ab2e3da12a4ab562a0d6de6e7f8ec511" }

            """),
        ],
        triggering: [
            RuleExample(plan: """
            plan: example
            title: Example
            owner: alice@example.com
            terminals: [ios, android]
            events:
              - { name: search_click, type: click }
            status: review
            approvals:
              - { by: dora@example.com, role: data_product_manager, at: 2026-11-20T10:00:00Z, digest: ↓"sha256:5b100ebb990f0e6b65f90eb72e39e812ab2e3da12a4ab562a0d6de6e7f8ec511" }

            """),
        ]
    )

    public func validate(_ workspace: Workspace, _ sink: inout DiagnosticSink) {
        for plan in workspace.plans where !plan.approvals.isEmpty {
            let current = ContentDigest.of(plan: plan.node)
            for (i, approval) in plan.approvals.enumerated() where approval.digest != current {
                // Approved again later by the same person in the same role: the old one is history.
                if plan.approvals[(i + 1)...].contains(where: { Identity.same($0.by, approval.by) && $0.role == approval.role }) {
                    continue
                }
                let at = approval.node["digest"]?.start ?? approval.node.start
                sink.report(plan.path, at, "approval by \(approval.by) (\(approval.role)) at \(approval.at) is stale: the plan changed since; it does not count until approved again")
            }
        }
    }
}
