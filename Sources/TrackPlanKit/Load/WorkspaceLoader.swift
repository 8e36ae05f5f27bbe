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
    /// the event templates and every plan (plans/ is searched recursively).
    public static func discover(root: String) -> [String] {
        var files = [settingsFile]
        let fm = FileManager.default
        let rootURL = URL(fileURLWithPath: root)
        if let names = try? fm.contentsOfDirectory(atPath: rootURL.appendingPathComponent("templates/events").path) {
            files += names.filter(isYAML).sorted().map { "templates/events/\($0)" }
        }
        if let walker = fm.enumerator(atPath: rootURL.appendingPathComponent("plans").path) {
            var plans: [String] = []
            while let p = walker.nextObject() as? String { if isYAML(p) { plans.append("plans/\(p)") } }
            files += plans.sorted()
        }
        return files
    }

    static func isYAML(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

    /// Loads the workspace at `root`. With `onlyPlans`, only those plan files
    /// (workspace-relative) are read besides the settings and templates: fast for
    /// pre-commit hooks, at the price of cross-plan checks seeing only those plans.
    public func load(root: String, onlyPlans: [String]? = nil) -> Workspace {
        var paths = Self.discover(root: root)
        if let only = onlyPlans {
            paths = paths.filter { !$0.hasPrefix("plans/") } + only
        }
        let rootURL = URL(fileURLWithPath: root)
        let results = parseConcurrently(paths.map { (rootURL.appendingPathComponent($0).path, $0) })
        return assemble(root: root, results: results)
    }

    /// Loads files given in memory, as `(workspace-relative path, text)`.
    public func load(files: [(path: String, text: String)], root: String = ".") -> Workspace {
        let results = files.map { reader.parse(Array($0.text.utf8), path: $0.path) }
        return assemble(root: root, results: results)
    }

    private func parseConcurrently(_ files: [(full: String, shown: String)]) -> [YAMLParseResult] {
        let count = files.count
        let buffer = UnsafeMutableBufferPointer<YAMLParseResult?>.allocate(capacity: count)
        buffer.initialize(repeating: nil)
        defer { buffer.deinitialize(); buffer.deallocate() }
        nonisolated(unsafe) let slots = buffer
        let reader = self.reader
        DispatchQueue.concurrentPerform(iterations: count) { i in
            slots[i] = reader.read(path: files[i].full, displayPath: files[i].shown)
        }
        return buffer.map { $0! }
    }

    private func assemble(root: String, results: [YAMLParseResult]) -> Workspace {
        var diagnostics: [Diagnostic] = []
        var sources: [String: [UInt8]] = [:]
        var settings = Settings()
        var templates: [EventTemplate] = []
        var plans: [Plan] = []
        var sawSettings = false
        for result in results {
            let path = result.path
            sources[path] = result.source
            for error in result.errors {
                diagnostics.append(Diagnostic(path: path, location: error.location, severity: .error,
                                              ruleID: error.kind == .duplicateKey ? DuplicateKeyRule.id : YAMLSyntaxRule.id,
                                              message: error.message))
            }
            let fatal = result.errors.contains { $0.kind != .duplicateKey }
            if fatal { if path == Self.settingsFile { sawSettings = true }; continue }
            let shapeName: String
            if path == Self.settingsFile {
                shapeName = "workspace settings"
                sawSettings = true
            } else if path.hasPrefix("templates/") {
                shapeName = "event template"
            } else {
                shapeName = "plan"
            }
            guard let doc = result.documents.first, doc.value != .null else {
                diagnostics.append(Diagnostic(path: path, location: .start, severity: .error, ruleID: RequiredFieldRule.id,
                                              message: "file is empty; a \(shapeName) needs " +
                                                  (FormatShapes.shape(shapeName)?.fields.filter(\.required).map(\.key).joined(separator: ", ") ?? "content")))
                continue
            }
            if result.documents.count > 1 {
                diagnostics.append(Diagnostic(path: path, location: result.documents[1].start, severity: .error, ruleID: InvalidValueRule.id,
                                              message: "a \(shapeName) file holds one YAML document; this is document \(result.documents.count > 1 ? 2 : 1) of \(result.documents.count)"))
            }
            var checker = ShapeChecker(path: path)
            checker.check(doc, shape: shapeName)
            diagnostics += checker.diagnostics
            switch shapeName {
            case "workspace settings": settings = Decode.settings(doc, path: path)
            case "event template": if let t = Decode.template(doc, path: path) { templates.append(t) }
            default: if let p = Decode.plan(doc, path: path) { plans.append(p) }
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
