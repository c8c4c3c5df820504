import Foundation
import Hummingbird

/// The workbench's pages: the files of the `Web/` resource folder (HTML, CSS, JavaScript, the
/// icon), read into memory once and served by name only — a request can name nothing else, so
/// no path is ever built from it. They need no token; opening `/?token=…` with the right
/// token sets the `alliance_token` cookie (HttpOnly, SameSite=Strict) and redirects to `/`,
/// so the token leaves the address bar and the pages' requests carry the cookie.
struct StaticPages: Sendable {
    struct File: Sendable {
        var bytes: [UInt8]
        var contentType: String
    }

    /// Name (as requested, without the leading `/`) → file.
    let files: [String: File]

    /// The cookie that carries the token for the pages' own requests.
    static let cookieName = "alliance_token"

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml", "json": "application/json; charset=utf-8",
        "png": "image/png", "ico": "image/x-icon",
    ]

    /// Reads every file of the `Web` resource folder (one level, names as they are).
    init() throws {
        guard let folder = Bundle.module.url(forResource: "Web", withExtension: nil) else {
            throw APIError(500, "the Web resource folder is missing")
        }
        var files: [String: File] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let ext = (name as NSString).pathExtension.lowercased()
            guard let type = Self.contentTypes[ext],
                  let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            files[name] = File(bytes: Array(data), contentType: type)
        }
        self.files = files
    }

    /// The Content-Security-Policy of every answer: the pages' own files and API only — no other
    /// origin for scripts, styles, fonts, images or connections, no inline script, no frames.
    static let contentSecurityPolicy = [
        "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
        "font-src 'self'", "connect-src 'self'", "manifest-src 'self'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors 'none'",
    ].joined(separator: "; ")

    func add(to router: Router<BasicRequestContext>, token: String) {
        router.get("/") { request, _ in
            if let given = request.uri.queryParameters.get("token") {
                guard TokenMiddleware.same(given, token) else {
                    return self.page("index.html", status: .unauthorized)
                }
                var response = Response(status: .seeOther, headers: [.location: "/"])
                response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
                return response
            }
            return self.page("index.html")
        }
        router.get(":file") { _, context in
            self.page(try context.parameters.require("file"))
        }
    }

    /// The named file, or a plain 404.
    func page(_ name: String, status: HTTPResponse.Status = .ok) -> Response {
        guard let file = files[name] else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "not found")))
        }
        return Response(status: status, headers: [.contentType: file.contentType, .cacheControl: "no-cache"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}

/// Headers on every answer, pages and API alike: the Content-Security-Policy, no MIME sniffing,
/// no referrer (the address may carry the token), no framing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = StaticPages.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPFields.Element.Name("X-Frame-Options")!] = "DENY"
        return response
    }
}
