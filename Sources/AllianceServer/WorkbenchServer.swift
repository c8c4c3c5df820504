import AllianceKit
import Foundation
import Hummingbird
import ServiceLifecycle

/// How `alliance serve` runs: where the data lives, where it listens, how many solves may run
/// at once, the access token, and the largest request body.
public struct WorkbenchConfiguration: Sendable {
    public var dataDirectory: URL
    public var host: String
    public var port: Int
    public var jobs: Int
    public var token: String
    public var maxBodyBytes: Int

    public init(dataDirectory: URL, host: String = "127.0.0.1", port: Int = 8080, jobs: Int = 1,
                token: String = WorkbenchConfiguration.randomToken(), maxBodyBytes: Int = 50 << 20) {
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.jobs = jobs
        self.token = token
        self.maxBodyBytes = maxBodyBytes
    }

    /// 32 hex digits from the system's random source.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The address to open, with the token: `http://127.0.0.1:8080/?token=…`.
    public func url(port: Int? = nil) -> String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port ?? self.port)/?token=\(token)"
    }
}

/// The workbench's JSON API on Hummingbird (`alliance serve`). Builds the router over a
/// `Workspace` (the data folder) and a `JobQueue`; `makeApplication` gives the application to
/// run, or to test in process with HummingbirdTesting. Endpoints: `openapi.json`.
public struct WorkbenchServer: Sendable {
    public let configuration: WorkbenchConfiguration
    let workspace: Workspace
    let jobs: JobQueue
    let pages: StaticPages
    /// How often a job's event stream looks for news.
    let eventInterval = Duration.milliseconds(500)

    public init(configuration: WorkbenchConfiguration) throws {
        self.configuration = configuration
        workspace = try Workspace(root: configuration.dataDirectory)
        jobs = JobQueue(limit: configuration.jobs)
        pages = try StaticPages()
    }

    /// The application listening on the configured host and port; `onRunning` is told the
    /// port actually bound (port 0 picks a free one).
    public func makeApplication(onRunning: @escaping @Sendable (Int?) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: makeRouter(),
                    configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                         serverName: "alliance"),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port) })
    }

    /// Runs until SIGINT or SIGTERM, telling `announce` the address to open once listening.
    /// On the signal the solve jobs stop first — each running one keeps its best plan as a new
    /// version with status `interrupted` — then the server closes its connections and returns.
    public func run(announce: @escaping @Sendable (String) -> Void) async throws {
        let app = makeApplication { port in announce(configuration.url(port: port)) }
        // A service group shuts its services down last to first: the jobs before the server.
        let group = ServiceGroup(configuration: .init(services: [app, JobsService(jobs: jobs)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: app.logger))
        try await group.run()
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        pages.add(to: router, token: configuration.token)
        let api = router.group("api").add(middleware: TokenMiddleware(token: configuration.token))
        api.get("openapi.json") { _, _ in try Self.openAPI() }
        api.get("template.xlsx") { _, _ in
            Response(status: .ok, headers: [.contentType: Self.fileTypes["plan.xlsx"]!,
                                             .contentDisposition: "attachment; filename=\"lists-template.xlsx\""],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: try InputTemplate.data())))
        }
        api.get("projects") { _, _ in json(["projects": await self.workspace.summaries()]) }
        api.post("projects") { request, _ in try await self.createProject(request) }
        api.get("projects/:id") { _, context in
            json(try await self.project(context).checkReport())
        }
        api.get("projects/:id/lists") { _, context in json(try await self.project(context).lists()) }
        api.put("projects/:id/previous-plan") { request, context in
            let data = try await self.body(request)
            return json(try await self.project(context).setPreviousPlan(data))
        }
        api.get("projects/:id/diff") { request, context in
            let against = request.uri.queryParameters.get("against") ?? "previous"
            return json(try await self.project(context).diff(against: against))
        }
        api.post("projects/:id/solve") { request, context in try await self.solve(request, context) }
        api.get("projects/:id/jobs") { _, context in
            let project = try await self.project(context)
            return json(["jobs": await self.jobs.jobs(ofProject: project.id).map(\.document)])
        }
        api.get("jobs/:job") { _, context in json(try await self.job(context).document) }
        api.get("jobs/:job/events") { _, context in try await self.events(self.job(context)) }
        api.delete("jobs/:job") { _, context in
            let job = try await self.job(context)
            job.cancel()
            return json(job.document)
        }
        api.get("projects/:id/plan") { _, context in
            jsonData(try await self.project(context).planDocument())
        }
        api.post("projects/:id/plan/edits") { request, context in
            let edit = try await self.decode(EditRequest.self, request)
            return json(try await self.project(context).apply(edit))
        }
        api.post("projects/:id/plan/undo") { _, context in json(try await self.project(context).undo()) }
        api.post("projects/:id/plan/redo") { _, context in json(try await self.project(context).redo()) }
        api.get("projects/:id/explain") { _, context in
            let (_, plan, problem) = try await self.project(context).current()
            return json(ExplainDocument(PlanExplanation(plan: plan, problem: problem), problem: problem))
        }
        api.get("projects/:id/suggest") { request, context in
            try await self.suggest(request, context)
        }
        api.get("projects/:id/files/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let type = Self.fileTypes[name] else { throw APIError.notFound("file \(name)") }
            let report = try await self.project(context).currentReport()
            guard let contents = try report.file(name) else {
                throw APIError.notFound("file \(name) (the plan has none)")
            }
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: contents)))
        }
        return router
    }

    /// The files of a plan that can be downloaded, with their types.
    static let fileTypes = ["plan.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "report.html": "text/html; charset=utf-8", "plan.csv": "text/csv; charset=utf-8",
                            "projects.csv": "text/csv; charset=utf-8", "communities.csv": "text/csv; charset=utf-8"]

    // MARK: Handlers

    private func project(_ context: BasicRequestContext) async throws -> ProjectStore {
        try await workspace.project(try context.parameters.require("id"))
    }

    private func job(_ context: BasicRequestContext) async throws -> SolveJob {
        let id = try context.parameters.require("job")
        guard let job = await jobs.job(id) else { throw APIError.notFound("job \(id)") }
        return job
    }

    private func body(_ request: Request) async throws -> Data {
        var buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
        return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    /// A JSON body as `T` (an empty body as `{}`); a malformed one is 400.
    private func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        var data = try await body(request)
        if data.isEmpty { data = Data("{}".utf8) }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw APIError.badRequest("the body is not the expected JSON: \(error)")
        }
    }

    /// `201 {"id"}`; lists with a `district` column: one project per district,
    /// `201 {"id": first, "districts": [{"district", "id"}]}`.
    private func createProject(_ request: Request) async throws -> Response {
        struct Created: Encodable {
            struct District: Encodable {
                var district: String
                var id: String
            }
            var id: String
            var districts: [District]?
        }
        let data = try await body(request)
        let name = request.uri.queryParameters.get("name").flatMap { Upload.displayName(String($0)) }
        let created = try await workspace.create(upload: data, name: name)
        guard let first = created.first else { throw APIError.unprocessable("the lists hold no district") }
        let districts = created.compactMap { entry in entry.district.map { Created.District(district: $0, id: entry.store.id) } }
        return json(Created(id: first.store.id, districts: districts.isEmpty ? nil : districts), status: .created)
    }

    private func solve(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let project = try await self.project(context)
        let solveRequest = try await decode(SolveRequest.self, request)
        let (problem, options, weights) = try await project.solveSetup(solveRequest)
        let job = SolveJob(id: Workspace.newID(), project: project.id)
        let run = PlanningRun(options: options, cancellation: job.cancellation,
                              progress: { job.record($0) },
                              warning: { line in job.state.withLock { $0.warnings.append(line) } })
        await jobs.submit(job) {
            job.state.withLock {
                $0.status = .running
                $0.started = .now
            }
            switch await run.solveOffPool(problem) {
            case .success(let report):
                do {
                    let version = try await project.adoptSolve(report, weights: weights)
                    job.finish(objective: report.evaluation.objective, bound: report.bound, seconds: report.solveSeconds)
                    job.state.withLock { s in
                        s.status = job.cancellation.isCancelled ? .cancelled : .done
                        s.version = version
                    }
                } catch {
                    job.state.withLock { $0.status = .failed; $0.error = "the plan could not be kept: \(error)" }
                }
            case .failure(let failure):
                job.state.withLock { s in
                    s.status = job.cancellation.isCancelled ? .cancelled : .failed
                    s.error = failure.message
                    if let started = s.started { s.elapsed = (ContinuousClock.now - started).seconds }
                }
            }
        }
        return json(["job": job.id], status: .accepted)
    }

    /// Server-sent events of a job: `event: progress` with the job's document whenever it
    /// changed (checked every `eventInterval`), a comment line every 15 s to keep the connection,
    /// and `event: end` with the final document, after which the stream closes.
    private func events(_ job: SolveJob) -> Response {
        let interval = eventInterval
        let body = ResponseBody { writer in
            var last: Data?
            var quiet = Duration.zero
            while true {
                let finished = job.isFinished
                let document = try apiJSON(job.document)
                if finished || document != last {
                    let name = finished ? "end" : "progress"
                    try await writer.write(ByteBuffer(string: "event: \(name)\ndata: \(String(decoding: document, as: UTF8.self))\n\n"))
                    last = document
                    quiet = .zero
                } else if quiet >= .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": waiting\n\n"))
                    quiet = .zero
                }
                if finished { break }
                try await Task.sleep(for: interval)
                quiet += interval
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                        body: body)
    }

    private func suggest(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (_, plan, problem) = try await project(context).current()
        let query = request.uri.queryParameters
        let org = query.get("org"), community = query.get("community")
        guard (org == nil) != (community == nil) else { throw APIError.badRequest("give exactly one of ?org= and ?community=") }
        let top = query.get("top").flatMap { Int($0) } ?? 10
        let engine = SuggestionEngine(plan: plan, problem: problem)
        let ranked: [Suggestion]
        var orgID: String?
        if let org {
            guard let u = problem.unitIndex(ofOrganizationOrGroup: org) else {
                throw APIError.notFound("unit \(org) (neither an organization id nor a group name)")
            }
            ranked = engine.suggestions(forUnit: u)
            orgID = problem.units[u].id
        } else {
            guard let c = problem.communities.firstIndex(where: { $0.id == community }) else {
                throw APIError.notFound("community \(community!)")
            }
            ranked = engine.suggestions(forCommunity: c)
        }
        let feasible = ranked.filter(\.feasible), infeasible = ranked.filter { !$0.feasible }
        let shown = (top <= 0 ? feasible : Array(feasible.prefix(top))) + (top <= 0 ? infeasible : Array(infeasible.prefix(top)))
        let objective = PlanExplanation(plan: plan, problem: problem).objective
        return json(SuggestDocument(orgID: orgID, communityID: community, objective: objective, suggestions: shown, engine: engine))
    }

    /// The hand-written OpenAPI 3 document (`openapi.json`, a resource of this target).
    static func openAPI() throws -> Response {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = FileManager.default.contents(atPath: url.path) else { throw APIError(500, "openapi.json is missing") }
        return jsonData(data)
    }
}

// MARK: Responses

func jsonData(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
             body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
}

func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    do {
        return jsonData(try apiJSON(value), status: status)
    } catch {
        return jsonData(Data(#"{"error":"the answer could not be encoded"}"#.utf8), status: .internalServerError)
    }
}

/// Every API request must carry the token — `Authorization: Bearer <token>`, or the pages'
/// `alliance_token` cookie; without it `401` and no data.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String

    /// Compares in time independent of where the strings differ.
    static func same(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = a.count ^ b.count
        for i in 0..<min(a.count, b.count) { difference |= Int(a[i] ^ b[i]) }
        return difference == 0
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let bearer = request.headers[.authorization].map { Self.same($0, "Bearer " + token) } ?? false
        let cookie = request.cookies[StaticPages.cookieName].map { Self.same($0.value, token) } ?? false
        guard bearer || cookie else {
            var response = json(["error": "missing or wrong access token (Authorization: Bearer <token>)"], status: .unauthorized)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}

/// Turns every error into a JSON answer `{"error": …}` with its status (input errors: `422`
/// with the list of locations), so a bad request never takes the server down or leaks a trace.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return json(["error": error.message], status: HTTPResponse.Status(code: error.status))
        } catch let error as InputErrorsResponse {
            return json(error.entries, status: .unprocessableContent)
        } catch let error as any HTTPResponseError {
            let message = (error as? HTTPError)?.body ?? "\(error.status.reasonPhrase)"
            return json(["error": message], status: error.status)
        } catch {
            context.logger.error("request failed: \(error)")
            return json(["error": "internal error: \(error)"], status: .internalServerError)
        }
    }
}

/// The solve jobs as a service of the server's group: on graceful shutdown (SIGTERM, SIGINT) it
/// stops them all and returns once every running one has kept its plan.
struct JobsService: Service {
    let jobs: JobQueue

    func run() async throws {
        try? await gracefulShutdown()
        await jobs.stopAll()
    }
}
