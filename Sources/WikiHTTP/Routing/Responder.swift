/// A handler: synchronous, run on a worker thread; throwing maps through `ErrorResponder`.
public typealias Handler = @Sendable (Request, inout RequestContext) throws -> Response

/// Anything that answers requests: `Routes`, or a wrapper adding auth or metrics around it.
public protocol Responder: Sendable {
    /// Answers `request`; a thrown error is turned into a response by `ErrorResponder`.
    func respond(to request: Request, context: inout RequestContext) throws -> Response
}
