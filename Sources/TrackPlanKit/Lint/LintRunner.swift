import Foundation

/// `trackplan lint` as a function: find the workspace, load, lint, filter,
/// report. The CLI only parses flags and prints what this returns.
public struct LintRunner: Sendable {
    public struct Options: Sendable {
        public var paths: [String] = []
        public var format = "text"
        public var strict = false
        public var baseline: String?
        public var writeBaseline: String?
        public var color = false
        public var currentDirectory = FileManager.default.currentDirectoryPath
        public init() {}
    }

    public struct Outcome: Sendable {
        public var output: String
        public var errorOutput: String
        /// 0 clean, 1 findings, 2 usage or unreadable input.
        public var exitCode: Int32
        public var diagnostics: [Diagnostic]
        /// The workspace as the lint left it (settings, templates, the files' bytes; the plans were
        /// checked and freed one by one), handed back so a short-lived process can exit without
        /// freeing the rest first.
        public var workspace: Workspace?
    }

    public var options: Options
    public init(options: Options) { self.options = options }

    static func usage(_ message: String) -> Outcome {
        Outcome(output: "", errorOutput: "error: \(message)\n", exitCode: 2, diagnostics: [], workspace: nil)
    }

    public func run() -> Outcome {
        guard let reporter = Reporters.make(options.format) else {
            return Self.usage("unknown format '\(options.format)'; choose one of \(Reporters.ids.joined(separator: ", "))")
        }
        let cwd = URL(fileURLWithPath: options.currentDirectory)
        let targets = options.paths.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL.path }
        for (given, target) in zip(options.paths, targets) where !FileManager.default.fileExists(atPath: target) {
            return Self.usage("\(given): no such file or folder")
        }
        guard let root = WorkspaceLoader.findRoot(from: targets.first ?? cwd.path) else {
            return Self.usage("no trackplan.yaml found in \(targets.first ?? cwd.path) or any folder above it; `trackplan init` creates a workspace")
        }
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        var relative: [String] = []
        for (given, target) in zip(options.paths, targets) {
            if target == root {
                relative.append("")
            } else if target.hasPrefix(rootPrefix) {
                relative.append(String(target.dropFirst(rootPrefix.count)))
            } else {
                return Self.usage("\(given) is outside the workspace at \(root)")
            }
        }

        // Only plan files named: load just those (fast in hooks); otherwise the whole workspace.
        let onlyPlans = !relative.isEmpty && relative.allSatisfy { $0.hasPrefix("plans/") && WorkspaceLoader.isYAML($0) }
        let clock = ContinuousClock()
        let t0 = clock.now
        let linted = Linter().lint(root: root, onlyPlans: onlyPlans ? relative : nil)
        var diagnostics = linted.diagnostics
        let workspace = linted.workspace
        let t1 = clock.now
        // TRACKPLAN_TIMINGS=1 prints where the time went, for `make bench` and curious users.
        let timings = ProcessInfo.processInfo.environment["TRACKPLAN_TIMINGS"] == "1"
        if !relative.isEmpty, !relative.contains("") {
            diagnostics = diagnostics.filter { d in relative.contains { d.path == $0 || d.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }
        }
        let unreadable = diagnostics.filter { $0.ruleID == YAMLSyntaxRule.id && ($0.message.hasPrefix("cannot ") || $0.message.hasPrefix("is a directory")) }

        var errorOutput = ""
        if let path = options.writeBaseline {
            do {
                try AtomicFile.write(Baseline(diagnostics: diagnostics).encoded(), to: URL(fileURLWithPath: path, relativeTo: cwd).path)
                errorOutput += "wrote a baseline of \(diagnostics.count) finding\(diagnostics.count == 1 ? "" : "s") to \(path)\n"
            } catch {
                return Self.usage("\(error)")
            }
        }
        if let path = options.baseline {
            do {
                diagnostics = try Baseline.read(path: URL(fileURLWithPath: path, relativeTo: cwd).path).filter(diagnostics)
            } catch {
                return Self.usage("cannot read baseline \(path): \(error.localizedDescription)")
            }
        }
        if options.strict {
            diagnostics = diagnostics.map { var d = $0; if d.severity == .warning { d.severity = .error }; return d }
        }

        let filesChecked = relative.isEmpty || relative.contains("") ? workspace.sources.count
            : workspace.sources.keys.filter { p in relative.contains { p == $0 || p.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") } }.count
        let input = ReportInput(diagnostics: diagnostics, sources: workspace.sources, filesChecked: filesChecked,
                                pathPrefix: Self.prefix(root: root, cwd: cwd.standardizedFileURL.path), color: options.color)
        let output = reporter.report(input)
        if timings {
            errorOutput += "timings: load and rules \(t1 - t0), report \(clock.now - t1)\n"
        }
        let code: Int32 = !unreadable.isEmpty ? 2 : diagnostics.contains { $0.severity == .error } ? 1 : 0
        return Outcome(output: output, errorOutput: errorOutput, exitCode: code, diagnostics: diagnostics, workspace: workspace)
    }

    /// How the workspace root is written from the current folder ("" when they are the same).
    static func prefix(root: String, cwd: String) -> String {
        if root == cwd { return "" }
        let cwdSlash = cwd.hasSuffix("/") ? cwd : cwd + "/"
        if root.hasPrefix(cwdSlash) { return String(root.dropFirst(cwdSlash.count)) + "/" }
        let r = root.split(separator: "/"), c = cwd.split(separator: "/")
        var common = 0
        while common < min(r.count, c.count), r[common] == c[common] { common += 1 }
        let up = Array(repeating: "..", count: c.count - common)
        let parts = up + r[common...].map(String.init)
        return parts.isEmpty ? "" : parts.joined(separator: "/") + "/"
    }
}
