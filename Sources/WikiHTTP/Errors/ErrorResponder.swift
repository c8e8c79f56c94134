import WikiRender
import WikiStore

/// The only place an Error becomes a status and a page (HTML, or JSON when `Accept` prefers it).
public enum ErrorResponder {
    /// Maps `error` to a response; unexpected errors are logged and answered 500 without detail.
    ///
    /// `accept` is the request's `Accept` header (nil before a request could be parsed).
    public static func response(for error: any Error, accept: String?, logger: Logger, requestID: UInt64 = 0) -> Response {
        let httpError = httpError(for: error, logger: logger, requestID: requestID)
        var response = Negotiation.prefersJSON(accept: accept)
            ? Response.json(json(httpError), status: httpError.status)
            : Response.html(html(httpError), status: httpError.status)
        for field in httpError.headers { response.headers.add(field.name, field.value) }
        return response
    }

    /// The status and message for `error`: the domain errors of WikiStore and WikiRender by their
    /// meaning, anything unexpected logged and answered 500 without detail.
    public static func httpError(for error: any Error, logger: Logger, requestID: UInt64 = 0) -> HTTPError {
        switch error {
        case let error as HTTPError:
            return error
        case is ResponseStream.Cancelled:
            return HTTPError(.serviceUnavailable, "The connection closed.")
        case let error as StoreError:
            return httpError(for: error, logger: logger, requestID: requestID)
        default:
            logger.error("\(error)", ["request": "\(requestID)"])
            return HTTPError(.internalServerError, "Something went wrong.")
        }
    }

    private static func httpError(for error: StoreError, logger: Logger, requestID: UInt64) -> HTTPError {
        switch error {
        case .pageNotFound(let name): return HTTPError(.notFound, "There is no page \(name).")
        case .fileNotFound(let path): return HTTPError(.notFound, "There is no file \(path).")
        case .revisionNotFound(let revision): return HTTPError(.notFound, "There is no revision \(revision).")
        case .invalidPageName(let name, let reason): return HTTPError(.badRequest, "'\(name)' is not a valid page name: \(reason).")
        case .invalidPath(let path, let reason): return HTTPError(.badRequest, "'\(path)' is not a valid path: \(reason).")
        case .invalidRevision(let revision): return HTTPError(.badRequest, "'\(revision)' is not a revision.")
        case .ambiguousRevision(let revision): return HTTPError(.badRequest, "'\(revision)' names more than one revision; give more digits.")
        case .invalidInput(let reason): return HTTPError(.badRequest, reason)
        case .pageExists(let name): return HTTPError(.conflict, "A page \(name) exists already.")
        case .proposalNotFound(let id): return HTTPError(.notFound, "There is no proposal #\(id).")
        case .proposalNotOpen(let id, let state): return HTTPError(.conflict, "Proposal #\(id) is \(state.rawValue) already.")
        case .patchDoesNotApply(let file, let hunk, let patch): return HTTPError(.unprocessableContent, hunk.isEmpty ? "Patch \(patch) does not apply: \(file) is missing, or already exists when the patch creates it." : "Patch \(patch) does not apply: hunk \(hunk) of \(file) does not match.")
        case .busy: return HTTPError(.serviceUnavailable, "The wiki is busy; try again.", headers: [.init(name: "Retry-After", value: "1")])
        default:
            logger.error("\(error)", ["request": "\(requestID)"])
            return HTTPError(.internalServerError, "Something went wrong.")
        }
    }

    private static func html(_ error: HTTPError) -> [UInt8] {
        let title = SafeHTML(escaping: error.status.description).string
        let message = SafeHTML(escaping: error.message).string
        return Array("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title></head>
            <body><h1>\(title)</h1><p>\(message)</p></body></html>

            """.utf8)
    }

    private static func json(_ error: HTTPError) -> [UInt8] {
        Array("{\"error\":{\"status\":\(error.status.code),\"message\":\"\(JSONEscaping.escape(error.message, escapingLessThan: true))\"}}\n".utf8)
    }
}
