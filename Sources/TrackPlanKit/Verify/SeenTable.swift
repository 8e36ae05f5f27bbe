/// A 64-bit fingerprint of some bytes (eight at a time, multiply-xorshift mixing), for
/// remembering which event ids and exposure keys a capture has already sent. Two distinct
/// values share a fingerprint with odds of about one in 2^64 per pair.
struct Fingerprint {
    private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always)
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = UInt64(bytes.count) << 56
        var shift: UInt64 = 0
        while i < bytes.count { tail |= UInt64(bytes[i]) << shift; shift += 8; i += 1 }
        mix(tail)
    }

    mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    mutating func mix(_ x: UInt64) {
        var h = (value ^ x) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        value = h ^ (h >> 29)
    }
}

/// Fingerprints seen so far, each with the line it was first seen at: an open-addressing
/// table of plain integers (no per-entry objects; 12 bytes a slot, at most half full).
struct SeenTable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    private var lines: [UInt32] = Array(repeating: 0, count: 1024)
    private(set) var count = 0

    /// The line `key` was first seen at, or nil after recording it at `line`.
    mutating func firstLine(of key: UInt64, orInsertAt line: Int) -> Int? {
        let k = key == 0 ? 1 : key
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k >> 17) & mask
        while true {
            let present = keys[i]
            if present == 0 {
                keys[i] = k
                lines[i] = UInt32(clamping: line)
                count += 1
                if count * 2 > keys.count { grow() }
                return nil
            }
            if present == k { return Int(lines[i]) }
            i = (i + 1) & mask
        }
    }

    /// The value stored with `key`, or nil.
    func value(of key: UInt64) -> Int? {
        let k = key == 0 ? 1 : key
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k >> 17) & mask
        while keys[i] != 0 {
            if keys[i] == k { return Int(lines[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    func contains(_ key: UInt64) -> Bool {
        let k = key == 0 ? 1 : key
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k >> 17) & mask
        while keys[i] != 0 {
            if keys[i] == k { return true }
            i = (i + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let oldKeys = keys, oldLines = lines
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        lines = Array(repeating: 0, count: oldKeys.count * 2)
        count = 0
        for (k, line) in zip(oldKeys, oldLines) where k != 0 { _ = firstLine(of: k, orInsertAt: Int(line)) }
    }
}
