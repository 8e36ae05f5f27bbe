import ArgumentParser
import Foundation
import TrackPlanKit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the plan format, for editors (YAML language server).",
        discussion: """
        Examples:
          trackplan schema plan > .trackplan/trackplan-plan.schema.json
          trackplan schema --out .trackplan        # all three schemas
        See docs/editor-setup.md for wiring them to VS Code and other editors.
        """
    )

    @Argument(help: "Which file's schema: plan, template or settings.")
    var document: String = "plan"

    @Option(help: ArgumentHelp("Write every schema into this folder instead of printing one.", valueName: "dir"), completion: .directory)
    var out: String?

    func validate() throws {
        guard FormatSchema.Document(rawValue: document) != nil else {
            throw ValidationError("unknown schema '\(document)'; choose plan, template or settings")
        }
    }

    func run() throws {
        if let out {
            for doc in FormatSchema.Document.allCases {
                let path = URL(fileURLWithPath: out).appendingPathComponent(doc.fileName).path
                try AtomicFile.write(FormatSchema.json(doc), to: path)
                print(path)
            }
            return
        }
        print(FormatSchema.json(FormatSchema.Document(rawValue: document)!), terminator: "")
    }
}
