import ArgumentParser
import Foundation
import TrackPlanKit

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Typed code stubs for the planned events (swift, kotlin, java, typescript, python) or JSON Schemas.",
        discussion: """
        One typed function per event, enums and nested types from the plan, constants for names, positions and \
        exposure rules, runtime checks, and a small transport interface the app implements. Templates: built-in, \
        overridden file by file by templates/render/TARGET/ (see `trackplan templates export`). \
        --check exits 1 when the files on disk are out of date (for CI).
        """
    )

    @Argument(help: ArgumentHelp("swift, kotlin, java, typescript, python or jsonschema.", valueName: "target"))
    var target: String

    @Option(help: "Output folder (default: generated/TARGET in the workspace).", completion: .directory)
    var out: String?

    @Option(help: "Only events planned for this terminal, with its parameter overrides applied.")
    var terminal: String?

    @Option(name: .customLong("plan"), help: "Only this plan (repeatable).")
    var plans: [String] = []

    @Flag(help: "Write nothing; exit 1 if the files on disk differ from what would be generated.")
    var check = false

    func run() throws {
        guard CodeGenerator.targets.contains(target) else {
            fail("unknown target '\(target)'; choose one of \(CodeGenerator.targets.joined(separator: ", "))", code: 2)
        }
        let root = workspaceRoot()
        let workspace = WorkspaceLoader().load(root: root)
        refuseIfBroken(workspace, plans: plans, what: "generated")
        let outputs: [CodeGenerator.Output]
        do {
            outputs = try CodeGenerator.generate(target: target, workspace: workspace,
                                                 options: CodeModel.Options(terminal: terminal, plans: plans))
        } catch {
            fail("\(error)", code: 2)
        }
        let dir = outputFolder(out, default: (root as NSString).appendingPathComponent("generated/\(target)"))
        if check {
            let stale = CodeGenerator.stale(outputs, in: dir, target: target)
            if stale.isEmpty {
                print("up to date: \(outputs.count) file\(outputs.count == 1 ? "" : "s") in \(dir)")
                return
            }
            var command = "trackplan generate \(target)"
            if let out { command += " --out \(out)" }
            if let terminal { command += " --terminal \(terminal)" }
            for p in Array(Set(plans)).sorted() { command += " --plan \(p)" }
            printError("out of date in \(dir) (run `\(command)` to update):\n" + stale.map { "  \($0)\n" }.joined())
            Foundation.exit(1)
        }
        writeOutputs(target, count: outputs.count, in: dir) { try CodeGenerator.write(outputs, to: dir, target: target) }
    }
}

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "The render templates behind `trackplan generate`.",
        subcommands: [Export.self]
    )

    struct Export: ParsableCommand {
        // Named here, as every other command is: ArgumentParser builds the whole command tree
        // on every run, and deriving a name from the type's name is its costliest step.
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Copy a target's built-in templates into templates/render/TARGET/ to start a team's own.",
            discussion: "Files there override the built-ins one by one; delete the ones you do not change. Never overwrites."
        )

        @Argument(help: ArgumentHelp("swift, kotlin, java, typescript or python.", valueName: "target"))
        var target: String

        @Option(help: "Folder to copy into (default: templates/render/TARGET in the workspace).", completion: .directory)
        var out: String?

        func run() throws {
            let dir = outputFolder(out, default: (workspaceRoot() as NSString).appendingPathComponent("templates/render/\(target)"))
            do {
                for path in try CodeGenerator.export(target: target, to: dir) { print(path) }
            } catch {
                fail("\(error)", code: 2)
            }
        }
    }
}

/// Exits 2, saying where, when the workspace does not load cleanly (see `LoadRefusal`).
func refuseIfBroken(_ workspace: Workspace, plans: [String], what: String) {
    let errors = LoadRefusal.errors(in: workspace, plans: plans)
    guard !errors.isEmpty else { return }
    printError(LoadRefusal.message(errors, what: what))
    Foundation.exit(2)
}

/// `--out` read from the current folder, else `fallback`.
func outputFolder(_ out: String?, default fallback: String) -> String {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return out.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL.path } ?? fallback
}

/// Runs a generator's write and says what it did: `label: N files in DIR (k changed, r removed)`.
func writeOutputs(_ label: String, count: Int, in dir: String, _ write: () throws -> (written: [String], removed: [String])) {
    do {
        let result = try write()
        print("\(label): \(count) file\(count == 1 ? "" : "s") in \(dir) (\(result.written.count) changed\(result.removed.isEmpty ? "" : ", \(result.removed.count) removed"))")
    } catch {
        fail("\(error)", code: 2)
    }
}
