// Compiled only with -DFUZZING (it needs -enable-testing for @testable); see main.swift.
#if FUZZING
@testable import WikiHTTP

/// What one feeding produced, for comparing whole and split feeding.
private struct Outcome: Equatable {
    var requests: [String] = []
    var failure: Int?
}

/// Feeds `bytes` in pieces of `step` bytes (0 = all at once) and decodes each complete request.
private func feed(_ bytes: [UInt8], step: Int) -> Outcome {
    var limits = ServerConfiguration.Limits()
    limits.requestLine = 256
    limits.headerBytes = 1024
    limits.headerCount = 16
    limits.body = 4096
    var parser = RequestParser(limits: limits)
    var input = InputBuffer()
    var outcome = Outcome()
    var offset = 0
    repeat {
        let end = step == 0 ? bytes.count : min(bytes.count, offset + step)
        input.append(bytes[offset..<end])
        offset = end
        do {
            while let event = try parser.parse(&input) {
                guard case .complete(let head, let body) = event else { continue }
                // Decoding the target and a form body must never trap, whatever the bytes.
                let request = try? Request(method: head.method, target: head.target, version: head.version,
                                           headers: head.headers, body: body)
                if let request { _ = try? FormData(request: request) }
                outcome.requests.append("\(head.method) \(head.target) \(head.framing) \(body.count) \(request?.path ?? "-")")
            }
        } catch {
            outcome.failure = error.status.code
            return outcome
        }
    } while offset < bytes.count
    return outcome
}

/// One fuzzer iteration: parse `data` whole and split, and trap if the outcomes differ.
func fuzzRequestParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks how the rest is split, so the fuzzer explores chunk boundaries too.
    let step = Int(bytes[0] % 16)
    let payload = Array(bytes.dropFirst())
    let whole = feed(payload, step: 0)
    let split = feed(payload, step: max(1, step))
    // NIO's verifier property: how the bytes arrive must not change what is parsed.
    precondition(whole == split, "whole \(whole) != split(\(step)) \(split)")
    return 0
}
#endif
