import Foundation

/// `trackplan verify` as a function: load the workspace, read the captures into the
/// verifier, add coverage findings, report, and optionally record the outcome in each
/// plan's `verification` field (which the release gate reads).
public struct VerifyRunner {
    public struct Options: Sendable {
        public var files: [String] = []
        public var plans: [String] = []
        public var terminal: String?
        public var format = "text"
        public var record = false
        public var identity: String?
        public var note: String?
        public var color = false
        public var currentDirectory = FileManager.default.currentDirectoryPath
        public var now = Date()
        public init() {}
    }

    public struct Outcome: Sendable {
        public var output: String
        public var errorOutput: String
        /// 0 the capture passes, 1 it does not, 2 usage or unreadable input.
        public var exitCode: Int32
        public var summary: Verifier.Summary?
    }

    public static let formats = ["text", "json", "junit", "github", "sarif"]

    public var options: Options
    public init(options: Options) { self.options = options }

    static func usage(_ message: String) -> Outcome {
        Outcome(output: "", errorOutput: "error: \(message)\n", exitCode: 2, summary: nil)
    }

    public func run() -> Outcome {
        guard Self.formats.contains(options.format) else {
            return Self.usage("unknown format '\(options.format)'; choose one of \(Self.formats.joined(separator: ", "))")
        }
        guard !options.files.isEmpty else { return Self.usage("name at least one capture file (JSON lines, a JSON array or a HAR file)") }
        let cwd = URL(fileURLWithPath: options.currentDirectory)
        guard let root = WorkspaceLoader.findRoot(from: cwd.path) else {
            return Self.usage("no trackplan.yaml found in \(cwd.path) or any folder above it; `trackplan init` creates a workspace")
        }
        let workspace = WorkspaceLoader().load(root: root)
        let broken = LoadRefusal.errors(in: workspace, plans: options.plans)
        if !broken.isEmpty {
            return Outcome(output: "", errorOutput: LoadRefusal.message(broken, what: "verified"), exitCode: 2, summary: nil)
        }
        for p in options.plans where !workspace.plans.contains(where: { $0.id == p }) {
            return Self.usage("no plan '\(p)' in the workspace\(TemplateRuleSupport.didYouMean(p, workspace.plans.map(\.id).sorted()))")
        }
        if let t = options.terminal, workspace.settings.terminals[t] == nil {
            return Self.usage("no terminal '\(t)' in \(workspace.settings.path)\(TemplateRuleSupport.didYouMean(t, workspace.settings.terminalOrder))")
        }
        let prefix = LintRunner.prefix(root: root, cwd: cwd.standardizedFileURL.path)

        var verifier = Verifier(workspace: workspace, options: .init(plans: options.plans, terminal: options.terminal), planPrefix: prefix)
        let inputs = options.files.map { (shown: $0, url: URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL) }
        let digest: String
        do { digest = try CaptureReader.read(inputs, into: &verifier, digest: options.record) } catch { return Self.usage("\(error)") }
        let summary = verifier.summary(inputs: options.files, inputDigest: digest)

        // Events never seen are findings at the event in the plan.
        var diagnostics = verifier.diagnostics
        for row in summary.unseen {
            guard let plan = workspace.plans.first(where: { $0.id == row.plan }),
                  let event = plan.events.first(where: { $0.name == row.event }) else { continue }
            let at = (event.nameNode ?? event.node).start
            let terminal = row.terminal == "?" ? "" : " on \(row.terminal)"
            diagnostics.append(Diagnostic(path: prefix + plan.path, location: at, severity: .error, ruleID: "verify/never-seen",
                                          message: "'\(row.event)' was never seen\(terminal) in the capture"))
        }
        var sources: [String: [UInt8]] = [:]
        for (path, bytes) in workspace.sources { sources[prefix + path] = bytes }

        var output: String
        switch options.format {
        case "json":
            output = json(summary, diagnostics)
        case "text":
            output = TextReporter().report(ReportInput(diagnostics: diagnostics, sources: sources, filesChecked: options.files.count,
                                                       color: options.color))
            output += text(summary)
        default:
            output = Reporters.make(options.format)!.report(ReportInput(diagnostics: diagnostics, sources: sources,
                                                                        filesChecked: options.files.count))
        }

        var errorOutput = ""
        if options.record {
            guard let who = options.identity, !who.isEmpty else {
                return Outcome(output: output, errorOutput: "error: --record needs an identity: --as, TRACKPLAN_USER or git config user.email\n",
                               exitCode: 2, summary: summary)
            }
            if summary.planResults.isEmpty {
                errorOutput += "nothing recorded: no plan had events in the capture (name one with --plan)\n"
            }
            let lifecycle = Lifecycle(root: root, identity: who, now: options.now)
            for (plan, passed) in summary.planResults.sorted(by: { $0.key < $1.key }) {
                let counts = summary.plans[plan] ?? Verifier.Counts()
                let findings = counts.errors + counts.warnings + summary.unseen.filter { $0.plan == plan }.count
                do {
                    let message = try lifecycle.perform(.recordVerification(passed: passed && summary.malformed == 0, input: digest,
                                                                            events: counts.events, findings: findings, note: options.note),
                                                        plan: plan, directory: root)
                    errorOutput += message + "\n"
                } catch let failure as Lifecycle.Failure {
                    return Outcome(output: output, errorOutput: errorOutput + "error: \(failure.message)\n", exitCode: failure.exitCode, summary: summary)
                } catch {
                    return Outcome(output: output, errorOutput: errorOutput + "error: \(error)\n", exitCode: 2, summary: summary)
                }
            }
        }
        return Outcome(output: output, errorOutput: errorOutput, exitCode: summary.passed ? 0 : 1, summary: summary)
    }

    func text(_ s: Verifier.Summary) -> String {
        var out = "\n\(s.events) event\(s.events == 1 ? "" : "s") checked in \(s.payloads) payload\(s.payloads == 1 ? "" : "s")"
        if s.skipped > 0 { out += ", \(s.skipped) skipped (other plans, or not tracked events)" }
        if s.malformed > 0 { out += ", \(s.malformed) malformed" }
        out += "; \(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s").\n"
        if !s.coverage.isEmpty {
            out += "\ncoverage\n"
            let rows = s.coverage.map { [$0.plan, $0.event, $0.terminal, $0.count == 0 ? "never seen" : "\($0.count)"] }
            let widths = (0 ..< 3).map { c in rows.map { TextWidth.of($0[c]) }.max() ?? 0 }
            for r in rows {
                out += "  " + (0 ..< 3).map { r[$0] + String(repeating: " ", count: widths[$0] - TextWidth.of(r[$0])) }.joined(separator: "  ") + "  " + r[3] + "\n"
            }
        }
        out += "\n" + (s.passed ? "PASS" : "FAIL") + ": "
        if s.passed {
            out += "every event matches the plan and every planned event was seen.\n"
        } else {
            var why: [String] = []
            if s.events == 0 { why.append("no planned events in the capture") }
            if s.errors > 0 { why.append("\(s.errors) error\(s.errors == 1 ? "" : "s")") }
            if !s.unseen.isEmpty { why.append("\(s.unseen.count) planned event\(s.unseen.count == 1 ? "" : "s") never seen") }
            out += why.joined(separator: ", ") + ".\n"
        }
        return out
    }

    /// `passed`, the summary, and the findings as `lint --format json` writes them.
    func json(_ s: Verifier.Summary, _ diagnostics: [Diagnostic]) -> String {
        struct Document: Encodable {
            var passed: Bool
            var summary: Verifier.Summary
            var findings: [JSONReporter.Item]
        }
        return Reporters.encode(Document(passed: s.passed, summary: s, findings: diagnostics.map {
            JSONReporter.Item(path: $0.path, line: $0.location.line, column: $0.location.column, offset: $0.location.offset,
                              severity: $0.severity.rawValue, rule: $0.ruleID, message: $0.message)
        }))
    }
}
