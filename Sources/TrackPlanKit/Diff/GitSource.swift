import Foundation

/// Materialises BASE for `trackplan diff`: a folder holding a workspace, or a git revision
/// of the repository the workspace is in, read with git (never checked out) and loaded
/// in memory with the normal loader, so paths and positions are the same as for a folder.
public enum DiffBase {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    public struct Loaded: Sendable {
        /// How BASE is shown: the revision as given (with its short id), or the folder.
        public var label: String
        public var workspace: Workspace
    }

    /// Branches tried, in order, for the default BASE (their merge base with HEAD).
    public static let defaultBranches = ["origin/HEAD", "origin/main", "origin/master", "main", "master"]

    /// The workspace folder's path from the top of its git repository ("" at the top), or nil outside git.
    /// GitHub annotations need paths from the repository's top.
    public static func repositoryPrefix(root: String) -> String? {
        Git(directory: root).line(["rev-parse", "--show-prefix"])
    }

    /// Loads BASE: `spec` as a folder if one exists (relative to `cwd`), else as a git revision of the
    /// repository holding `root`; with no `spec`, the merge base of HEAD with the default branch.
    public static func load(_ spec: String?, root: String, cwd: String) throws -> Loaded {
        if let spec {
            let url = URL(fileURLWithPath: spec, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
                guard FileManager.default.fileExists(atPath: url.appendingPathComponent(WorkspaceLoader.settingsFile).path) else {
                    throw Failure(message: "BASE folder \(spec) holds no trackplan.yaml; name the workspace folder itself")
                }
                return Loaded(label: spec, workspace: WorkspaceLoader().load(root: url.path))
            }
        }
        let git = Git(directory: root)
        guard let top = git.line(["rev-parse", "--show-toplevel"]) else {
            if let spec { throw Failure(message: "BASE '\(spec)' is neither a folder nor a git revision (\(root) is not in a git repository)") }
            throw Failure(message: "no BASE given and \(root) is not in a git repository; name a folder or a revision")
        }
        let prefix = git.line(["rev-parse", "--show-prefix"]) ?? ""
        let commit: String
        let label: String
        if let spec {
            guard !spec.hasPrefix("-"), let sha = git.line(["rev-parse", "--verify", "--quiet", "--end-of-options", spec + "^{commit}"]) else {
                throw Failure(message: "BASE '\(spec)' is neither a folder nor a git revision")
            }
            commit = sha
            label = "\(spec) (\(sha.prefix(8)))"
        } else {
            var found: (String, String)?
            for branch in defaultBranches {
                if let sha = git.line(["merge-base", "HEAD", branch]) { found = (branch, sha); break }
            }
            guard let (branch, sha) = found else {
                throw Failure(message: "no BASE given and no merge base of HEAD with \(defaultBranches.joined(separator: ", ")); name a revision, e.g. `trackplan diff HEAD~1`")
            }
            commit = sha
            label = "merge base with \(branch) (\(sha.prefix(8)))"
        }
        let workspace = try read(commit: commit, prefix: prefix, git: Git(directory: top), root: root, label: label)
        return Loaded(label: label, workspace: workspace)
    }

    /// The workspace files at `commit` under `prefix` (the workspace's folder in the repository).
    static func read(commit: String, prefix: String, git: Git, root: String, label: String) throws -> Workspace {
        let specs = [WorkspaceLoader.settingsFile, "plans", "templates/events"].map { ":(literal)" + prefix + $0 }
        let listing = git.run(["ls-tree", "-r", "-z", "--full-tree", commit, "--"] + specs)
        guard listing.code == 0 else { throw Failure(message: "git ls-tree failed for \(label): \(listing.err)") }
        var wanted: [(path: String, object: String)] = []
        for entry in listing.out.split(separator: 0) {
            // "<mode> SP <type> SP <object> TAB <path>"
            guard let tab = entry.firstIndex(of: 0x09) else { continue }
            let meta = String(decoding: entry[entry.startIndex ..< tab], as: UTF8.self).split(separator: " ")
            let full = String(decoding: entry[(tab + 1)...], as: UTF8.self)
            guard meta.count == 3, meta[1] == "blob", meta[0] != "120000", full.hasPrefix(prefix) else { continue }
            let path = String(full.dropFirst(prefix.count))
            let isTemplate = path.hasPrefix("templates/events/") && !path.dropFirst("templates/events/".count).contains("/")
            guard path == WorkspaceLoader.settingsFile || (WorkspaceLoader.isYAML(path) && (isTemplate || path.hasPrefix("plans/"))) else { continue }
            wanted.append((path, String(meta[2])))
        }
        guard wanted.contains(where: { $0.path == WorkspaceLoader.settingsFile }) else {
            throw Failure(message: "no \(prefix)\(WorkspaceLoader.settingsFile) at \(label): the workspace did not exist there; name another BASE")
        }
        let blobs = try git.catFile(wanted.map(\.object))
        let files = zip(wanted, blobs).map { (path: $0.path, text: String(decoding: $1, as: UTF8.self)) }
        // Same order as a folder's discovery: settings, templates, plans.
        let ordered = files.sorted { a, b in
            func rank(_ p: String) -> Int { p == WorkspaceLoader.settingsFile ? 0 : p.hasPrefix("templates/") ? 1 : 2 }
            return (rank(a.path), a.path) < (rank(b.path), b.path)
        }
        return WorkspaceLoader().load(files: ordered, root: root)
    }
}

/// A git run in one folder, through Foundation's Process.
struct Git {
    var directory: String

    struct Output { var code: Int32; var out: Data; var err: String }

    func run(_ args: [String], input: Data? = nil) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + args
        var env = ProcessInfo.processInfo.environment
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["LC_ALL"] = "C"
        process.environment = env
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        do { try process.run() } catch {
            return Output(code: 127, out: Data(), err: "cannot run git: \(error)")
        }
        // Feed and drain concurrently, so neither side can block on a full pipe.
        let group = DispatchGroup()
        if let input {
            let writer = inPipe.fileHandleForWriting
            group.enter()
            DispatchQueue.global().async {
                writer.write(input)
                try? writer.close()
                group.leave()
            }
        }
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(code: process.terminationStatus, out: outData,
                      err: String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The first line of a successful run's output, or nil.
    func line(_ args: [String]) -> String? {
        let r = run(args)
        guard r.code == 0 else { return nil }
        let text = String(decoding: r.out, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
    }

    /// The contents of blobs, in order, from one `git cat-file --batch`.
    func catFile(_ objects: [String]) throws -> [Data] {
        guard !objects.isEmpty else { return [] }
        let r = run(["cat-file", "--batch"], input: Data((objects.joined(separator: "\n") + "\n").utf8))
        guard r.code == 0 else { throw DiffBase.Failure(message: "git cat-file failed: \(r.err)") }
        let bytes = r.out
        var blobs: [Data] = []
        var i = bytes.startIndex
        for object in objects {
            guard i < bytes.endIndex, let nl = bytes[i...].firstIndex(of: 0x0A) else { throw DiffBase.Failure(message: "git cat-file: short output for \(object)") }
            let header = String(decoding: bytes[i ..< nl], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), nl + 1 + size <= bytes.endIndex else {
                throw DiffBase.Failure(message: "git cat-file: cannot read \(object)")
            }
            blobs.append(bytes[(nl + 1) ..< (nl + 1 + size)])
            i = nl + 1 + size + 1
        }
        return blobs
    }
}
