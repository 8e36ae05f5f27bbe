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
///
/// Memory is bounded: the table grows to `maxSlots`, and when that fills it becomes the
/// "previous" generation and a fresh one starts (the generation before is dropped). So a
/// key is remembered for at least `maxSlots / 2` further distinct keys (262,144 by default),
/// and at most two generations, 12 MiB at the default, are ever held.
struct SeenTable {
    private var current = Generation(slots: 1024)
    private var previous: Generation?
    let maxSlots: Int

    init(maxSlots: Int = 1 << 19) {
        self.maxSlots = max(maxSlots, 16)
        current = Generation(slots: min(1024, self.maxSlots))
    }

    /// Keys remembered now (both generations).
    var count: Int { current.count + (previous?.count ?? 0) }

    /// The line `key` was first seen at, or nil after recording it at `line`.
    mutating func firstLine(of key: UInt64, orInsertAt line: Int) -> Int? {
        let k = key == 0 ? 1 : key
        if let found = current.value(of: k) ?? previous?.value(of: k) { return found }
        current.insert(k, line)
        if current.count * 2 > current.keys.count {
            if current.keys.count < maxSlots {
                current.grow()
            } else {
                previous = current
                current = Generation(slots: maxSlots)
            }
        }
        return nil
    }

    /// The value stored with `key`, or nil.
    func value(of key: UInt64) -> Int? {
        let k = key == 0 ? 1 : key
        return current.value(of: k) ?? previous?.value(of: k)
    }

    func contains(_ key: UInt64) -> Bool { value(of: key) != nil }

    struct Generation {
        var keys: [UInt64]
        var lines: [UInt32]
        var count = 0

        init(slots: Int) {
            keys = Array(repeating: 0, count: slots)
            lines = Array(repeating: 0, count: slots)
        }

        func value(of k: UInt64) -> Int? {
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: k >> 17) & mask
            while keys[i] != 0 {
                if keys[i] == k { return Int(lines[i]) }
                i = (i + 1) & mask
            }
            return nil
        }

        /// Inserts a key known to be absent.
        mutating func insert(_ k: UInt64, _ line: Int) {
            let mask = keys.count - 1
            var i = Int(truncatingIfNeeded: k >> 17) & mask
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = k
            lines[i] = UInt32(clamping: line)
            count += 1
        }

        mutating func grow() {
            let old = self
            self = Generation(slots: old.keys.count * 2)
            for (k, line) in zip(old.keys, old.lines) where k != 0 { insert(k, Int(line)) }
        }
    }
}
