import Synchronization

/// Responses counted by status code: one relaxed atomic per common code, so counting takes no lock;
/// a code outside the table (rare: a handler inventing one) goes to a small locked overflow map.
final class StatusCounters: Sendable {
    /// The codes with a slot of their own (RFC 9110 §15, plus 422 and 429 which handlers use).
    static let codes = [100, 200, 201, 204, 206, 301, 302, 303, 304, 307, 308,
                        400, 401, 403, 404, 405, 406, 408, 409, 410, 412, 413, 414, 415, 416, 417, 422, 429, 431,
                        500, 501, 502, 503, 504, 505]
    /// `slotOfCode[code]` is the slot + 1 of a code in `codes`, 0 for any other code (index = code, 0..<600).
    private static let slotOfCode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 600)
        for (slot, code) in codes.enumerated() { table[code] = UInt8(slot + 1) }
        return table
    }()

    private let counts: InlineArray<40, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }
    private let overflow = Mutex<[Int: UInt64]>([:])

    /// Counts one response with status `code`.
    func record(_ code: Int) {
        if code >= 0, code < Self.slotOfCode.count, case let slot = Int(Self.slotOfCode[code]), slot > 0 {
            counts[slot - 1].add(1, ordering: .relaxed)
        } else {
            overflow.withLock { $0[code, default: 0] += 1 }
        }
    }

    /// The codes seen so far with their counts, in ascending code order.
    func snapshot() -> [(code: Int, count: UInt64)] {
        var seen: [(code: Int, count: UInt64)] = []
        for (slot, code) in Self.codes.enumerated() {
            let count = counts[slot].load(ordering: .relaxed)
            if count > 0 { seen.append((code, count)) }
        }
        seen += overflow.withLock { $0.map { (code: $0.key, count: $0.value) } }
        return seen.sorted { $0.code < $1.code }
    }
}
