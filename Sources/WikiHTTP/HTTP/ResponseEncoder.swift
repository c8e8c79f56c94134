import Glibc

/// Writes a response head (and a byte body) in HTTP/1.1 wire format; the server owns framing headers.
enum ResponseEncoder {
    /// A response ready for the socket.
    struct Encoded {
        /// Status line, headers and, for a byte body, the body.
        var bytes: [UInt8]
        /// Whether a streamed body follows; `chunked` says how it is framed.
        var streams: Bool
        var chunked: Bool
        /// Whether the connection stays open afterwards.
        var keepAlive: Bool
        /// Body bytes included in `bytes` (for the access log).
        var bodyCount: Int
    }

    /// Headers the server computes itself; a handler's values for them are ignored.
    private static let reserved = ["Content-Length", "Transfer-Encoding", "Connection", "Date", "Keep-Alive"]

    /// Encodes `response` for a request of `version`; `isHead` keeps the headers and drops the body.
    static func encode(_ response: Response, version: HTTPVersion, keepAlive: Bool, isHead: Bool) -> Encoded {
        var keepAlive = keepAlive
        var out = headPrefix(response)
        appendField("Date", httpDate(), to: &out)
        var body: [UInt8] = []
        var streams = false, chunked = false
        switch response.body {
        case .bytes(let bytes):
            if !response.status.forbidsBody {
                appendField("Content-Length", String(bytes.count), to: &out)
                body = bytes
            }
        case .stream:
            guard !response.status.forbidsBody else { break }
            // RFC 9112 §7: chunked needs HTTP/1.1; a 1.0 client reads to the close instead.
            if version == .http1_1 {
                appendField("Transfer-Encoding", "chunked", to: &out)
                chunked = true
            } else {
                keepAlive = false
            }
            streams = !isHead
        }
        if !keepAlive {
            appendField("Connection", "close", to: &out)
        } else if version == .http1_0 {
            appendField("Connection", "keep-alive", to: &out)
        }
        out += "\r\n".utf8
        if !isHead { out += body }
        return Encoded(bytes: out, streams: streams, chunked: chunked, keepAlive: keepAlive, bodyCount: isHead ? 0 : body.count)
    }

    /// The status line and the handler's headers (security headers added; reserved ones dropped): everything
    /// of the head that does not depend on the moment, the connection or the framing.
    static func headPrefix(_ response: Response) -> [UInt8] {
        var response = response
        SecurityHeaders.apply(to: &response)
        var out: [UInt8] = []
        out.reserveCapacity(512)
        // RFC 9110 §6.2: a server answers with the highest minor version it supports.
        out += "HTTP/1.1 \(response.status.code) \(response.status.reason)\r\n".utf8
        for field in response.headers where !reserved.contains(where: { Headers.equal($0, field.name) }) {
            // A handler's header must never split the response: names must be tokens, and control bytes
            // in values become spaces.
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(ASCII.isTokenByte) else { continue }
            appendField(field.name, field.value, to: &out)
        }
        return out
    }

    /// A cached byte response for one request: `prefix` (from `headPrefix`), then `Date` (`date`, already
    /// formatted), framing and connection fields, then the body unless `isHead`.
    static func encodeCached(prefix: [UInt8], body: [UInt8], date: [UInt8], version: HTTPVersion, keepAlive: Bool,
                             isHead: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(prefix.count + 100 + (isHead ? 0 : body.count))
        out += prefix
        out += "Date: ".utf8
        out += date
        out += "\r\nContent-Length: ".utf8
        appendDecimal(body.count, to: &out)
        out += "\r\n".utf8
        if !keepAlive {
            out += "Connection: close\r\n".utf8
        } else if version == .http1_0 {
            out += "Connection: keep-alive\r\n".utf8
        }
        out += "\r\n".utf8
        if !isHead { out += body }
        return out
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        out += digits.reversed()
    }

    /// One chunk of a chunked body (RFC 9112 §7.1); an empty chunk is never written by accident.
    static func appendChunk(_ bytes: [UInt8], to out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        out += String(bytes.count, radix: 16).utf8
        out += "\r\n".utf8
        out += bytes
        out += "\r\n".utf8
    }

    /// The last chunk and an empty trailer section.
    static let lastChunk = Array("0\r\n\r\n".utf8)

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out += name.utf8
        out += ": ".utf8
        for byte in value.utf8 { out.append(ASCII.isFieldValueByte(byte) ? byte : ASCII.space) }
        out += "\r\n".utf8
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func httpDate(_ seconds: time_t = time(nil)) -> String {
        var clock = seconds
        var parts = tm()
        gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { String(value).leftPadded(to: 2) }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
