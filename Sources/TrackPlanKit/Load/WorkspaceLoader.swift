import Foundation

/// Reads a workspace folder (or files given in memory) into a `Workspace`,
/// collecting every problem instead of stopping at the first.
public struct WorkspaceLoader: Sendable {
    public static let settingsFile = "trackplan.yaml"
    public var reader: YAMLReader

    public init(reader: YAMLReader = YAMLReader()) {
        self.reader = reader
    }

    /// The nearest folder at or above `start` that holds trackplan.yaml, as git finds .git.
    public static func findRoot(from start: String) -> String? {
        var dir = URL(fileURLWithPath: start).standardizedFileURL
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), !isDir.boolValue {
            dir = dir.deletingLastPathComponent()
        }
        while true {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(settingsFile).path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Workspace-relative paths of the YAML files a workspace holds: the settings,
    /// the event templates and (unless `plans` is false) every plan (plans/ is searched recursively).
    public static func discover(root: String, plans includePlans: Bool = true) -> [String] {
        var files = [settingsFile]
        let fm = FileManager.default
        let rootURL = URL(fileURLWithPath: root)
        if let names = try? fm.contentsOfDirectory(atPath: rootURL.appendingPathComponent("templates/events").path) {
            files += names.filter(isYAML).sorted().map { "templates/events/\($0)" }
        }
        if includePlans {
            files += relativePaths(under: rootURL.appendingPathComponent("plans").path).filter(isYAML).map { "plans/\($0)" }.sorted()
        }
        return files
    }

    /// Every path below `folder`, relative to it, as `FileManager.enumerator(atPath:)` gives them
    /// (symbolic links listed, not followed; hidden files included). Read with `readdir`: Foundation's
    /// enumerator made a URL for each entry and the relative path with a string replace, most of the
    /// cost of discovering a large workspace, and all of it before any file could be read.
    static func relativePaths(under folder: String) -> [String] {
        var paths: [String] = []
        func walk(_ dir: String, _ prefix: String) {
            guard !dir.isEmpty, let handle = opendir(dir) else { return }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                paths.append(relative)
                let full = dir + "/" + name
                var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
                if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                    var info = stat()
                    isFolder = lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
                }
                if isFolder { walk(full, relative) }
            }
        }
        walk(folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder, "")
        return paths
    }

    static func isYAML(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// Loads the workspace at `root`. With `onlyPlans`, only those plan files
    /// (workspace-relative) are read besides the settings and templates: fast for
    /// pre-commit hooks, at the price of cross-plan checks seeing only those plans.
    public func load(root: String, onlyPlans: [String]? = nil) -> Workspace {
        let files = Self.split(root: root, onlyPlans: onlyPlans)
        let outcomes = parseConcurrently(files.others) + parseConcurrently(files.plans)
        return assemble(root: root, outcomes: outcomes)
    }

    /// Loads the workspace at `root` as `load(root:onlyPlans:)` does, but hands each plan to `visit`
    /// (with a workspace of the settings and templates, no plans) on the core that read it, as soon
    /// as it is decoded, and keeps only what `visit` returns: the workspace handed back has no plans.
    /// A plan's nodes and model are freed before the next file is read, so beyond the files' bytes
    /// (kept for reporters that quote lines) memory is that of a few files however large the
    /// workspace (the lint's streaming path).
    func load<R>(root: String, onlyPlans: [String]? = nil,
                 visitingPlans visit: (Workspace, Plan) -> R) -> (workspace: Workspace, visits: [(path: String, result: R)]) {
        let files = Self.split(root: root, onlyPlans: onlyPlans)
        let others = parseConcurrently(files.others)
        let base = assemble(root: root, outcomes: others)
        let reader = self.reader
        let plans = Concurrent.map(files.plans.count) { i -> (FileOutcome, R?) in
            var outcome = Self.readAndProcess(files.plans[i], reader)
            guard case .plan(let plan) = outcome.decoded else { return (outcome, nil) }
            outcome.decoded = .nothing
            return (outcome, visit(base, plan))
        }
        let workspace = assemble(root: root, outcomes: others + plans.map(\.0))
        return (workspace, plans.compactMap { outcome, result in result.map { (outcome.path, $0) } })
    }

    /// The files to read, as (full path, workspace-relative path): the settings and templates, then the plans.
    private static func split(root: String, onlyPlans: [String]?) -> (others: [(full: String, shown: String)], plans: [(full: String, shown: String)]) {
        var paths = discover(root: root, plans: onlyPlans == nil)
        if let only = onlyPlans {
            paths = paths.filter { !$0.hasPrefix("plans/") } + only
        }
        let prefix = root.isEmpty || root.hasSuffix("/") ? root : root + "/"
        let files = paths.map { (full: prefix + $0, shown: $0) }
        let isPlan = { (f: (full: String, shown: String)) in f.shown != settingsFile && !f.shown.hasPrefix("templates/") }
        return (files.filter { !isPlan($0) }, files.filter(isPlan))
    }

    /// Loads files given in memory, as `(workspace-relative path, text)`.
    public func load(files: [(path: String, text: String)], root: String = ".") -> Workspace {
        let outcomes = files.map { Self.process(reader.parse(Array($0.text.utf8), path: $0.path)) }
        return assemble(root: root, outcomes: outcomes)
    }

    /// One file read, checked and decoded: the unit of work each core takes.
    struct FileOutcome: Sendable {
        enum Decoded: Sendable {
            case settings(Settings)
            case template(EventTemplate)
            case plan(Plan)
            case nothing
        }

        var path: String
        var source: [UInt8]
        var diagnostics: [Diagnostic]
        var decoded: Decoded
        var isSettings: Bool
    }

    private func parseConcurrently(_ files: [(full: String, shown: String)]) -> [FileOutcome] {
        let reader = self.reader
        return Concurrent.map(files.count) { i in Self.readAndProcess(files[i], reader) }
    }

    /// One file read from disk, checked and decoded: the unit of work each core takes.
    private static func readAndProcess(_ file: (full: String, shown: String), _ reader: YAMLReader) -> FileOutcome {
        process(reader.read(path: file.full, displayPath: file.shown))
    }

    /// Turns one parsed file into findings and a decoded value.
    static func process(_ result: YAMLParseResult) -> FileOutcome {
        let path = result.path
        var diagnostics: [Diagnostic] = []
        for error in result.errors {
            diagnostics.append(Diagnostic(path: path, location: error.location, severity: .error,
                                          ruleID: error.kind == .duplicateKey ? DuplicateKeyRule.id : YAMLSyntaxRule.id,
                                          message: error.message))
        }
        let isSettings = path == settingsFile
        var outcome = FileOutcome(path: path, source: result.source, diagnostics: diagnostics, decoded: .nothing, isSettings: isSettings)
        if result.errors.contains(where: { $0.kind != .duplicateKey }) { return outcome }
        let shapeName = isSettings ? "workspace settings" : path.hasPrefix("templates/") ? "event template" : "plan"
        guard let doc = result.documents.first, doc.value != .null else {
            let needs = FormatShapes.shape(shapeName)?.fields.filter(\.required).map(\.key).joined(separator: ", ") ?? "content"
            outcome.diagnostics.append(Diagnostic(path: path, location: .start, severity: .error, ruleID: RequiredFieldRule.id,
                                                  message: "file is empty; a \(shapeName) needs \(needs)"))
            return outcome
        }
        if result.documents.count > 1 {
            outcome.diagnostics.append(Diagnostic(path: path, location: result.documents[1].start, severity: .error, ruleID: InvalidValueRule.id,
                                                  message: "a \(shapeName) file holds one YAML document, this one holds \(result.documents.count); split it"))
        }
        var checker = ShapeChecker(path: path)
        checker.check(doc, shape: shapeName)
        outcome.diagnostics += checker.diagnostics
        switch shapeName {
        case "workspace settings": outcome.decoded = .settings(Decode.settings(doc, path: path))
        case "event template": outcome.decoded = Decode.template(doc, path: path).map { .template($0) } ?? .nothing
        default: outcome.decoded = Decode.plan(doc, path: path).map { .plan($0) } ?? .nothing
        }
        return outcome
    }

    private func assemble(root: String, outcomes: [FileOutcome]) -> Workspace {
        var diagnostics: [Diagnostic] = []
        var sources: [String: [UInt8]] = [:]
        var settings = Settings()
        var templates: [EventTemplate] = []
        var plans: [Plan] = []
        var sawSettings = false
        for outcome in outcomes {
            sources[outcome.path] = outcome.source
            diagnostics += outcome.diagnostics
            if outcome.isSettings { sawSettings = true }
            switch outcome.decoded {
            case .settings(let s): settings = s
            case .template(let t): templates.append(t)
            case .plan(let p): plans.append(p)
            case .nothing: break
            }
        }
        if !sawSettings {
            diagnostics.append(Diagnostic(path: Self.settingsFile, location: .start, severity: .error, ruleID: RequiredFieldRule.id,
                                          message: "no trackplan.yaml: the workspace settings are missing (`trackplan init` writes one)"))
        }
        return Workspace(root: root, settings: settings, templates: templates, plans: plans,
                         loadDiagnostics: diagnostics, sources: sources)
    }
}
