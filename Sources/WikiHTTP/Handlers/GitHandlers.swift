import Foundation
import Synchronization
import WikiStore

/// The git smart-HTTP routes (gitprotocol-http) over WikiStore's byte-level protocol: `git clone`, `fetch`
/// and `push` of `/wiki.git`. Handlers are thin: pick the service, pass the body, stream the answer.
public struct GitHandlers: Sendable {
    /// The wiki served.
    public let wiki: Wiki
    /// Throws (401/403) when the requester may not clone or fetch.
    public let requireRead: @Sendable (RequestContext) throws -> Void
    /// What the requester may push, decided from the signed-in user's role (issue #5); throws 401 to ask for credentials.
    public let pushPermissions: @Sendable (Request, RequestContext) throws -> PushPermissions
    /// Put before `/proposals/<id>` in the message a proposal push prints (e.g. `https://wiki.example.org`).
    public let publicURL: String
    /// Runs after a push moved refs (refresh the search/history indexes and the clone pack cache).
    public let afterPush: @Sendable (PushResult) -> Void

    /// Makes the handlers; by default everyone may read and nobody may push.
    public init(wiki: Wiki, publicURL: String = "", requireRead: @escaping @Sendable (RequestContext) throws -> Void = { _ in },
                pushPermissions: @escaping @Sendable (Request, RequestContext) throws -> PushPermissions = { _, _ in .nobody },
                afterPush: @escaping @Sendable (PushResult) -> Void = { _ in }) {
        self.wiki = wiki
        self.publicURL = publicURL
        self.requireRead = requireRead
        self.pushPermissions = pushPermissions
        self.afterPush = afterPush
    }

    /// Adds the three routes of the repository at `/wiki.git`.
    public func register(in router: inout Router) {
        router.get("/wiki.git/info/refs") { request, context in try advertise(request, context) }
        router.post("/wiki.git/git-upload-pack") { request, context in
            try requireRead(context)
            return try uploadPack(request)
        }
        router.post("/wiki.git/git-receive-pack") { request, context in try receivePack(request, context) }
    }

    /// `GET info/refs?service=…`: the ref advertisement. No or another `service` is 403: opswiki serves only
    /// the smart protocol (gitprotocol-http: a dumb-protocol answer would mislead the client).
    func advertise(_ request: Request, _ context: RequestContext) throws -> Response {
        switch request.queryValue("service") {
        case "git-upload-pack":
            try requireRead(context)
            let body = try wiki.uploadPackAdvertisement(protocolVersion: GitHandlers.protocolVersion(request), forHTTP: true)
            return GitHandlers.response(body, type: "application/x-git-upload-pack-advertisement")
        case "git-receive-pack":
            guard try pushPermissions(request, context).mayPush else { throw HTTPError(.forbidden, "You may not push to this wiki.") }
            return GitHandlers.response(try wiki.receivePackAdvertisement(forHTTP: true), type: "application/x-git-receive-pack-advertisement")
        default:
            throw HTTPError(.forbidden, "Only the smart git protocol is served: use service=git-upload-pack or git-receive-pack.")
        }
    }

    /// `POST git-upload-pack`: negotiation and pack, streamed (chunked) as WikiStore writes it, so a clone of a
    /// big wiki never sits in memory. The server has already inflated a gzip body and capped its size.
    func uploadPack(_ request: Request) throws -> Response {
        try GitHandlers.requireContentType(request, "application/x-git-upload-pack-request")
        let version = GitHandlers.protocolVersion(request)
        let wiki = self.wiki, body = request.body
        var response = Response.stream(contentType: "application/x-git-upload-pack-result") { writer in
            try wiki.uploadPack(request: body, protocolVersion: version) { try writer.write($0) }
        }
        response.headers.set("Cache-Control", "no-cache")
        return response
    }

    /// `POST git-receive-pack`: authorization first (before the pack is looked at), then the status report.
    func receivePack(_ request: Request, _ context: RequestContext) throws -> Response {
        let permissions = try pushPermissions(request, context)
        guard permissions.mayPush else { throw HTTPError(.forbidden, "You may not push to this wiki.") }
        try GitHandlers.requireContentType(request, "application/x-git-receive-pack-request")
        var out: [UInt8] = []
        let result: PushResult
        do {
            result = try wiki.receivePack(request: request.body, permissions: permissions, linkPrefix: publicURL) { out += $0 }
        } catch StoreError.invalidInput(let message) {
            throw HTTPError(.badRequest, message)
        }
        if !result.updates.isEmpty { afterPush(result) }
        return GitHandlers.response(out, type: "application/x-git-receive-pack-result")
    }

    /// 2 when the client sent `Git-Protocol: version=2` (colon-separated parameters; gitprotocol-v2), else 0.
    static func protocolVersion(_ request: Request) -> Int {
        let parameters = request.headers.values("Git-Protocol").flatMap { $0.split(separator: ":") }
        return parameters.contains { $0.trimmingCharacters(in: .whitespaces) == "version=2" } ? 2 : 0
    }

    /// Refuses a POST whose body is not the service's request type (git http-backend answers 415 too).
    static func requireContentType(_ request: Request, _ type: String) throws {
        guard request.headers["Content-Type"]?.lowercased() == type else {
            throw HTTPError(.unsupportedMediaType, "Expected Content-Type: \(type).")
        }
    }

    /// A protocol answer: never cached by proxies (gitprotocol-http: "Cache-Control: no-cache").
    static func response(_ body: [UInt8], type: String) -> Response {
        var response = Response.bytes(body, contentType: type)
        response.headers.set("Cache-Control", "no-cache")
        return response
    }
}

/// git smart HTTP for the site: clone and fetch with the reader role (anonymous when the site allows it),
/// proposals through `refs/for/main` for contributors and up (the pusher is the proposer), pushes to main for maintainers. (The clone pack cache follows
/// pushes and web edits by itself once `serve` calls `Wiki.keepCloneCacheWarm()`.)
extension WikiApp {
    func registerGitRoutes(into router: inout Router) {
        let wiki = self.wiki
        GitHandlers(wiki: wiki, requireRead: { context in try self.require(.reader, context) }, pushPermissions: { _, context in
            // 401 with a Basic challenge when anonymous, so git asks for credentials (git-on-libgit2.md §2.1).
            try self.require(.contributor, context)
            return PushPermissions(mayUpdateMain: context.user?.role == .maintainer, mayPropose: true,
                                   pusher: context.user.map(WikiApp.participant))
        }).register(in: &router)
    }
}
