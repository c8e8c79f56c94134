/// An incremental HTTP/1.1 request parser over bytes (RFC 9112), strict wherever leniency would let
/// two parsers disagree about where a request ends (request smuggling).
///
/// `parse` returns nil when it needs more bytes and throws an `HTTPError` (400, 413, 414, 417, 431,
/// 501, 505) for a request that is malformed or over a limit; after a throw the connection must close.
struct RequestParser: Sendable {
    private enum State {
        case requestLine, headers, headComplete, body, chunkSize, chunkData, chunkDataEnd, trailers
    }

    private let limits: ServerConfiguration.Limits
    private var state = State.requestLine
    private var method = Method.get, target = "", version = HTTPVersion.http1_1
    private var headers = Headers()
    private var headerBytes = 0
    private var head: RequestHead?
    private var body: [UInt8] = []
    private var remaining = 0
    private var scanned = 0

    /// A parser enforcing `limits`.
    init(limits: ServerConfiguration.Limits) { self.limits = limits }

    /// Whether no byte of a next request has been consumed yet.
    var isAtRequestBoundary: Bool { state == .requestLine }

    /// Consumes what it can of `input`; returns the next event, or nil when more bytes are needed.
    mutating func parse(_ input: inout InputBuffer) throws(HTTPError) -> ParseEvent? {
        while true {
            switch state {
            case .requestLine:
                // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
                while input.getByte(at: 0) == ASCII.cr && input.getByte(at: 1) == ASCII.lf {
                    input.moveReaderIndex(forwardBy: 2)
                    scanned = 0
                }
                let tooLong = HTTPError(.uriTooLong, "The request line is longer than \(limits.requestLine) bytes.")
                guard let line = try readLine(&input, limit: limits.requestLine, overLimit: tooLong) else { return nil }
                try parseRequestLine(line)
                state = .headers
            case .headers, .trailers:
                let tooLarge = HTTPError(.headerFieldsTooLarge, "The header section is larger than \(limits.headerBytes) bytes.")
                let budget = limits.headerBytes - headerBytes
                guard let line = try readLine(&input, limit: budget, overLimit: tooLarge) else { return nil }
                headerBytes += line.count + 2
                if line.isEmpty {
                    if state == .trailers { return finish() }
                    let head = try makeHead()
                    self.head = head
                    state = .headComplete
                    return .head(head)
                }
                let field = try Self.parseField(line)
                // RFC 9110 §6.5: trailer fields are discarded; nothing here may change framing.
                guard state == .headers else { continue }
                guard headers.count < limits.headerCount else {
                    throw HTTPError(.headerFieldsTooLarge, "More than \(limits.headerCount) header fields.")
                }
                headers.add(field.name, field.value)
            case .headComplete:
                switch head?.framing ?? .none {
                case .none, .length(0): return finish()
                case .length(let count): remaining = count; state = .body
                case .chunked: state = .chunkSize
                }
            case .body, .chunkData:
                let count = min(remaining, input.readableCount)
                guard count > 0 else { return nil }
                body += input.readBytes(upTo: input.readerIndex + count)
                remaining -= count
                guard remaining == 0 else { return nil }
                if state == .body { return finish() }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let cr = input.getByte(at: 0), let lf = input.getByte(at: 1) else { return nil }
                // RFC 9112 §7.1: chunk-data is followed by exactly CRLF.
                guard cr == ASCII.cr && lf == ASCII.lf else { throw .badRequest("Chunk data is not followed by CRLF.") }
                input.moveReaderIndex(forwardBy: 2)
                state = .chunkSize
            case .chunkSize:
                let tooLong = HTTPError.badRequest("A chunk-size line is longer than \(Self.chunkLineLimit) bytes.")
                guard let line = try readLine(&input, limit: Self.chunkLineLimit, overLimit: tooLong) else { return nil }
                let size = try Self.parseChunkSize(line)
                if size == 0 {
                    state = .trailers
                } else {
                    guard size <= limits.body - body.count else { throw Self.bodyTooLarge(limits) }
                    remaining = size
                    state = .chunkData
                }
            }
        }
    }

    /// The longest chunk-size line (size plus extensions) accepted.
    static let chunkLineLimit = 4096

    private static func bodyTooLarge(_ limits: ServerConfiguration.Limits) -> HTTPError {
        HTTPError(.contentTooLarge, "The request body is larger than \(limits.body) bytes.")
    }

    /// Ends the current request and resets for the next one on the connection.
    private mutating func finish() -> ParseEvent? {
        guard let head else { preconditionFailure("finish() before the head was parsed") }
        let event = ParseEvent.complete(head, body: body)
        self = RequestParser(limits: limits)
        return event
    }

    /// Reads one CRLF-terminated line without its CRLF; nil when the LF has not arrived yet.
    ///
    /// `scanned` remembers how far the unfinished line was searched, so a line dripping in byte by byte
    /// costs linear time, not quadratic.
    private mutating func readLine(_ input: inout InputBuffer, limit: Int, overLimit: HTTPError) throws(HTTPError) -> ArraySlice<UInt8>? {
        guard let lf = input.firstIndex(of: ASCII.lf, skipping: scanned) else {
            scanned = input.readableCount
            if input.readableCount > limit { throw overLimit }
            return nil
        }
        scanned = 0
        let length = lf - input.readerIndex
        guard length <= limit else { throw overLimit }
        // RFC 9112 §2.2: we accept only CRLF, because a lone LF or CR is read differently by other parsers.
        guard length > 0, input.getByte(at: length - 1) == ASCII.cr else { throw .badRequest("A line ends with a bare LF.") }
        let line = input.readBytes(upTo: lf - 1)
        input.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// request-line = method SP request-target SP HTTP-version (RFC 9112 §3), single spaces only.
    private mutating func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPError) {
        guard let firstSpace = line.firstIndex(of: ASCII.space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: ASCII.space) else {
            throw .badRequest("The request line is malformed.")
        }
        let methodBytes = line[..<firstSpace], targetBytes = line[(firstSpace + 1)..<secondSpace]
        let versionBytes = line[(secondSpace + 1)...]
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenByte) else { throw .badRequest("The method is not a token.") }
        // RFC 9112 §3.2: the target is visible ASCII; NUL, controls, spaces and raw non-ASCII are refused.
        guard !targetBytes.isEmpty, targetBytes.allSatisfy(ASCII.isVisible) else {
            throw .badRequest("The request target contains a forbidden byte.")
        }
        let versionText = Array(versionBytes)
        guard versionText.count == 8, versionText.starts(with: "HTTP/".utf8), versionText[6] == UInt8(ascii: "."),
              let major = Self.digit(versionText[5]), let minor = Self.digit(versionText[7]) else {
            throw .badRequest("The HTTP version is malformed.")
        }
        guard major == 1 else { throw HTTPError(.httpVersionNotSupported, "Only HTTP/1.x is supported.") }
        method = Method(rawValue: String(decoding: methodBytes, as: UTF8.self))
        target = String(decoding: targetBytes, as: UTF8.self)
        // RFC 9110 §6.2: a higher minor version is answered as the highest we support.
        version = minor == 0 ? .http1_0 : .http1_1
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPError) -> Headers.Field {
        // RFC 9112 §5.2: obs-fold (a line starting with whitespace) is rejected with 400.
        guard let first = line.first, first != ASCII.space, first != ASCII.tab else {
            throw .badRequest("Obsolete line folding is not accepted.")
        }
        guard let colon = line.firstIndex(of: ASCII.colon) else { throw .badRequest("A header line has no colon.") }
        let name = line[..<colon]
        // RFC 9112 §5.1: no whitespace between the field name and the colon.
        guard !name.isEmpty, name.allSatisfy(ASCII.isTokenByte) else { throw .badRequest("A header name is not a token.") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == ASCII.space || byte == ASCII.tab { value = value.dropFirst() }
        while let byte = value.last, byte == ASCII.space || byte == ASCII.tab { value = value.dropLast() }
        // RFC 9110 §5.5: NUL, CR, LF and other controls in a value are rejected, never repaired.
        guard value.allSatisfy(ASCII.isFieldValueByte) else { throw .badRequest("A header value contains a control byte.") }
        return Headers.Field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// Checks the header section as a whole and decides the body's framing (RFC 9112 §6.3).
    private func makeHead() throws(HTTPError) -> RequestHead {
        // RFC 9112 §3.2: a 1.1 request has exactly one Host; more than one is always an error.
        let hosts = headers.values("Host").count
        guard hosts <= 1, hosts == 1 || version == .http1_0 else { throw .badRequest("A request needs exactly one Host header.") }
        let lengths = headers.values("Content-Length")
        let codings = headers.values("Transfer-Encoding")
        var framing = BodyFraming.none
        if !codings.isEmpty {
            // RFC 9112 §6.1: Content-Length with Transfer-Encoding is a smuggling attempt: 400 and close.
            guard lengths.isEmpty else { throw .badRequest("Both Content-Length and Transfer-Encoding are present.") }
            // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means the framing is faulty.
            guard version != .http1_0 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request.") }
            let list = codings.flatMap { $0.split(separator: ",").map { $0.trimmingSpaces.lowercased() } }
            guard list.last == "chunked" else { throw .badRequest("The final transfer coding is not chunked.") }
            guard list == ["chunked"] else { throw HTTPError(.notImplemented, "Only the chunked transfer coding is supported.") }
            framing = .chunked
        } else if let text = lengths.first {
            // RFC 9112 §6.3: several or non-numeric Content-Length values are unrecoverable: 400 and close.
            guard lengths.count == 1 else { throw .badRequest("More than one Content-Length header.") }
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ Self.digit($0) != nil }),
                  let count = Int(text) else {
                throw .badRequest("Content-Length is not a number.")
            }
            framing = .length(count)
        }
        if case .length(let count) = framing, count > limits.body { throw Self.bodyTooLarge(limits) }
        var expectsContinue = false
        let expectations = headers.values("Expect")
        if !expectations.isEmpty {
            // RFC 9110 §10.1.1: the only expectation defined is 100-continue; others get 417.
            guard expectations.allSatisfy({ Headers.equal($0, "100-continue") }) else {
                throw HTTPError(.expectationFailed, "Only Expect: 100-continue is supported.")
            }
            expectsContinue = version == .http1_1
        }
        let keepAlive = version == .http1_1
            ? !headers.containsToken("close", in: "Connection")
            : headers.containsToken("keep-alive", in: "Connection")
        return RequestHead(method: method, target: target, version: version, headers: headers, framing: framing,
                           keepAlive: keepAlive, expectsContinue: expectsContinue)
    }
}
