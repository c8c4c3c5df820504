/// The start plan and pins of re-planning (MODEL.md, "Re-planning: start plan, pins and the
/// change limit"), mapped onto merged units.
extension Problem {
    /// A pin's claim on a community's lead: the unit it names, and whether the claim is the start
    /// plan's lead kept by a unit or community pin (`fromStart`) rather than a lead pin.
    public struct LeadClaim: Sendable, Hashable {
        public var unit: Int
        public var pin: Pin
        public var fromStart: Bool
    }

    /// What `init` derives from `options.from` and `options.pins`.
    struct StartPins {
        var from: [Bool]
        var fromPairCount = 0
        var ignoredRows = 0
        var required: [Int: Pin] = [:]
        var forbidden: [Int: Pin] = [:]
        var leadClaims: [Int: [LeadClaim]] = [:]
    }

    /// Maps the start plan and the pins onto merged units. Throws `InputErrors` for pins naming
    /// unknown ids (at the pin's cell or option), for unit and community pins and a change limit
    /// without a start plan, and for a negative change limit.
    static func pins(options: PlanningOptions, units: [Unit], unitOfOrganization: [Int],
                     orgIndex: [String: Int], communityIndex: [String: Int],
                     communityCount nC: Int) throws -> StartPins {
        let nU = units.count
        var result = StartPins(from: [Bool](repeating: false, count: nU * nC))
        var fromLead = [Int?](repeating: nil, count: nC)
        if let plan = options.from {
            for row in plan {
                guard let o = orgIndex[row.orgID], let c = communityIndex[row.communityID] else {
                    result.ignoredRows += 1
                    continue
                }
                let u = unitOfOrganization[o], p = u * nC + c
                if !result.from[p] {
                    result.from[p] = true
                    result.fromPairCount += 1
                }
                if row.role == .lead && fromLead[c] == nil { fromLead[c] = u }
            }
        }

        var errors: [InputError] = []
        let commandLine = SourceLocation(file: "command line", line: 1, column: 1)
        if let limit = options.maxChanges {
            if limit < 0 {
                errors.append(InputError(commandLine, Message.maxChangesNegative(limit: limit).text))
            }
            if options.from == nil {
                errors.append(InputError(commandLine, Message.maxChangesNeedsFrom.text))
            }
        }
        let unitByID = Dictionary(units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func prefix(_ pin: Pin) -> String { pin.option.map { "\($0): " } ?? "" }
        func unit(_ pin: Pin) -> Int? {
            let location = pin.unitSource ?? pin.location
            guard let id = pin.unitID, !id.isEmpty else {
                errors.append(InputError(location, prefix(pin) + Message.pinNamesNoUnit(pin.kind).text))
                return nil
            }
            if let o = orgIndex[id] { return unitOfOrganization[o] }
            if let u = unitByID[id] { return u }
            errors.append(InputError(location, prefix(pin) + Message.unknownPinUnit(id: id).text))
            return nil
        }
        func community(_ pin: Pin) -> Int? {
            let location = pin.communitySource ?? pin.location
            guard let id = pin.communityID, !id.isEmpty else {
                errors.append(InputError(location, prefix(pin) + Message.pinNamesNoCommunity(pin.kind).text))
                return nil
            }
            if let c = communityIndex[id] { return c }
            errors.append(InputError(location, prefix(pin) + Message.unknownID(.community, id: id, list: "communities.csv").text))
            return nil
        }
        func needsStart(_ pin: Pin) -> Bool {
            guard options.from == nil else { return true }
            errors.append(InputError(pin.location,
                prefix(pin) + Message.pinNeedsFrom(pin.kind).text))
            return false
        }
        func keep(_ p: Int, by pin: Pin) {
            if result.from[p] {
                if result.required[p] == nil { result.required[p] = pin }
            } else if result.forbidden[p] == nil {
                result.forbidden[p] = pin
            }
        }
        for pin in options.pins {
            switch pin.kind {
            case .unit:
                guard let u = unit(pin), needsStart(pin) else { continue }
                for c in 0..<nC {
                    keep(u * nC + c, by: pin)
                    if fromLead[c] == u { result.leadClaims[c, default: []].append(LeadClaim(unit: u, pin: pin, fromStart: true)) }
                }
            case .community:
                guard let c = community(pin), needsStart(pin) else { continue }
                for u in 0..<nU { keep(u * nC + c, by: pin) }
                if let u = fromLead[c] { result.leadClaims[c, default: []].append(LeadClaim(unit: u, pin: pin, fromStart: true)) }
            case .lead:
                let c = community(pin), u = unit(pin)
                guard let c, let u else { continue }
                if result.required[u * nC + c] == nil { result.required[u * nC + c] = pin }
                result.leadClaims[c, default: []].append(LeadClaim(unit: u, pin: pin, fromStart: false))
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return result
    }

    /// The number of unit–community pairs in which `plan` differs from the start plan, added plus
    /// removed (0 without one). Leads do not count.
    public func changes(_ plan: Plan) -> Int {
        var count = 0
        for p in 0..<from.count where plan.assigned[p] != from[p] { count += 1 }
        return count
    }
}
