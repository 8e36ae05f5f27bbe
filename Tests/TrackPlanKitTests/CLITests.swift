import Foundation
import Testing
@testable import TrackPlanKit

/// Runs the real `trackplan` binary, as a user or CI would.
enum CLI {
    static var binary: URL { TestPaths.repository.appendingPathComponent(".build/debug/trackplan") }

    struct Result { var code: Int32; var out: String; var err: String }

    static func run(_ args: [String], in dir: URL = TestPaths.repository, env: [String: String] = [:]) throws -> Result {
        try Proc.run(binary, args, in: dir, env: env)
    }
}

/// Runs any program and collects its exit code and output.
enum Proc {
    /// `name` looked up on PATH, or nil.
    static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func run(_ executable: URL, _ args: [String], in dir: URL, env: [String: String] = [:]) throws -> CLI.Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = args
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in env { environment[k] = v }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLI.Result(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
    }
}

/// Golden files: compared byte for byte; TRACKPLAN_UPDATE_GOLDENS=1 rewrites them,
/// and a missing golden is written *and fails*, so nothing passes unseen.
enum Golden {
    static func check(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = TestPaths.fixtures.appendingPathComponent("goldens/\(name)")
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !exists || ProcessInfo.processInfo.environment["TRACKPLAN_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            if !exists { Issue.record("golden \(name) was missing; it has been written: review it and run again", sourceLocation: sourceLocation) }
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from golden \(name) (TRACKPLAN_UPDATE_GOLDENS=1 rewrites it)", sourceLocation: sourceLocation)
    }
}

@Suite(.serialized) struct CLITests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.binary.path), "run `swift build` first (make test does)")
    }

    @Test func exampleWorkspaceLintsClean() throws {
        let r = try CLI.run(["lint"])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.hasPrefix("No problems in "))
    }

    @Test func lintFromASubfolderFindsTheWorkspace() throws {
        let r = try CLI.run(["lint", "--format", "json"], in: TestPaths.repository.appendingPathComponent("plans"))
        #expect(r.code == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("\"errors\" : 0"))
    }

    @Test func outsideAWorkspaceIsAUsageError() throws {
        let r = try CLI.run(["lint"], in: URL(fileURLWithPath: "/"))
        #expect(r.code == 2)
        #expect(r.err.contains("no trackplan.yaml found"))
    }

    @Test func missingPathAndUnknownFormatAreUsageErrors() throws {
        let missing = try CLI.run(["lint", "plans/nope.yaml"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("plans/nope.yaml: no such file or folder"))
        let format = try CLI.run(["lint", "--format", "xml"])
        #expect(format.code == 2)
        #expect(format.err.contains("unknown format 'xml'"))
    }

    @Test func noColourWhenPipedOrNoColorSet() throws {
        let dir = TestPaths.fixtures.appendingPathComponent("broken")
        let piped = try CLI.run(["lint"], in: dir)
        #expect(piped.code == 1)
        #expect(!piped.out.contains("\u{1B}["))
        let forced = try CLI.run(["lint", "--color", "always"], in: dir)
        #expect(forced.out.contains("\u{1B}["))
        let never = try CLI.run(["lint", "--color", "never"], in: dir, env: ["NO_COLOR": "1"])
        #expect(!never.out.contains("\u{1B}["))
    }

    @Test func helpIsSnapshotted() throws {
        let root = try CLI.run(["--help"])
        #expect(root.code == 0)
        try Golden.check(root.out, "help-root.txt")
        let lint = try CLI.run(["lint", "--help"])
        #expect(lint.code == 0)
        try Golden.check(lint.out, "help-lint.txt")
    }

    @Test func completionScriptsAreOffered() throws {
        for shell in ["bash", "zsh", "fish"] {
            let r = try CLI.run(["--generate-completion-script", shell])
            #expect(r.code == 0)
            #expect(r.out.contains("lint"))
        }
    }

    @Test func schemaPrintsJSONSchemaForEachFileKind() throws {
        for kind in ["plan", "template", "settings"] {
            let r = try CLI.run(["schema", kind])
            #expect(r.code == 0)
            let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
            #expect(object?["$schema"] as? String == "http://json-schema.org/draft-07/schema#")
        }
        #expect(try CLI.run(["schema", "nonsense"]).code == 2)
    }

    @Test func rulesListsEveryRule() throws {
        let r = try CLI.run(["rules"])
        #expect(r.code == 0)
        for rule in RuleRegistry.all { #expect(r.out.contains(type(of: rule).description.id)) }
    }
}
