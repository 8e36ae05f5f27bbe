/// A place in a source file: 1-based line and column (the column counts Unicode
/// scalars, as editors do) and the 0-based byte offset into the file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourceLocation(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column, lhs.offset) < (rhs.line, rhs.column, rhs.offset)
    }

    /// `line:column`, as used inside messages ("first defined at 9:5").
    public var description: String { "\(line):\(column)" }
}

/// Where a YAML problem lies and what it is. Errors are values: the reader
/// collects them and keeps going where it can (duplicate keys), and stops a
/// file only where libyaml cannot go on (syntax errors).
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case duplicateKey
        case invalidUTF8
        case misplacedByteOrderMark
        case unsupportedEncoding
        case undefinedAlias
        case aliasExpansionLimit
        case depthLimit
        case sizeLimit
        case unreadable
    }

    public var kind: Kind
    public var path: String
    public var location: SourceLocation
    public var message: String

    public init(kind: Kind, path: String, location: SourceLocation, message: String) {
        self.kind = kind
        self.path = path
        self.location = location
        self.message = message
    }

    /// `path:line:column: error: message`, the form compilers use.
    public var description: String {
        "\(path):\(location.line):\(location.column): error: \(message)"
    }
}

/// Bounds that make hostile input fail fast. The defaults fit real tracking
/// plans with a wide margin; every bound is settable.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest file read, in bytes.
    public var maxFileSize: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// How many nodes aliases may add to one document when expanded
    /// (a "billion laughs" file needs billions; a real plan needs none).
    public var maxAliasExpansion: Int

    public init(maxFileSize: Int = 16 << 20, maxDepth: Int = 128, maxAliasExpansion: Int = 100_000) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }

    public static let `default` = YAMLLimits()
}
