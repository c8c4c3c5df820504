/// The table of the messages people read on the terminal, each in English and in Chinese.
///
/// One case per message; its associated values are the message's arguments, typed, so that the
/// two texts cannot disagree on what they are given. `text` renders a message in
/// `Language.current` (English unless the command chose Chinese from the locale), `text(in:)` in
/// a given language. A message is built where the problem is found, the way a string was before:
/// `InputError(location, Message.requiredFileMissing.text)`. The location prefix
/// (`file:line:column: `, `workbook:sheet!cell: `) is not part of a message, so it reads the same
/// in both languages and editors still jump to it.
///
/// `MessageTableTests` checks that every case has a non-empty English and Chinese text that both
/// mention every argument, so a new message cannot ship untranslated. Messages still written as
/// plain English strings at their call sites are listed in the README ("Language").
public enum Message: Sendable, Hashable {
    // MARK: The command's verdicts
    case inputErrors(count: Int)
    case nothingWritten
    case warning(String)

    // MARK: Reading cells (AllianceInput)
    case missingValue(column: String)
    case expectedNumber(found: String, decimalComma: Bool)
    case mustBeNonNegative(column: String, found: String)
    case mustBePositive(column: String, found: String)
    case expectedWholeNumber(found: String)
    case mustBeAtLeast(column: String, minimum: Int, found: String)
    case expectedBoolean(found: String)
    case minAboveMax(minColumn: String, min: Int, maxColumn: String, max: Int, maxByDefault: Bool)

    // MARK: Tables, files and ids
    case emptyTable(isSheet: Bool, expected: String)
    case unusedColumn(column: String, file: String)
    case duplicateColumn(column: String, writtenAs: String, earlier: String)
    case columnNumber(Int)
    case missingColumn(column: String, alias: String?, file: String)
    case tooManyCells(count: Int, width: Int)
    case requiredFileMissing
    case unknownID(Noun, id: String, list: String)
    case duplicateID(Noun, id: String, first: String)
    case titleRowsSkipped(headerRow: Int)
    case fullWidthNumbers(count: Int, cells: String, more: Int)
    case unexpectedByteOrderMark(pasted: Bool)
    case unterminatedQuote
    case textAfterClosingQuote
    case unexpectedNUL

    // MARK: Coordinates and groups
    case coordinateWithoutPair(column: String, other: String)
    case bothCoordinateKinds
    case latitudeOutOfRange(column: String, found: String)
    case longitudeOutOfRange(column: String, found: String)
    case placesWithoutCoordinates(communities: Int, ofCommunities: Int, units: Int, ofUnits: Int)
    case mixedCoordinateKinds
    case groupNamedAfterUnit(group: String, unitAt: String)
    case groupSpansDistricts(group: String, here: String, there: String, at: String)

    // MARK: Encodings and workbooks
    case utf16File
    case noGB18030Converter
    case cannotReadFile(reason: String)
    case notUTF8(byte: String)
    case notUTF8ButReadFurther(byte: String)
    case notGB18030(byte: String?, neitherUTF8: Bool, firstNonUTF8Line: Int?, firstNonUTF8Column: Int?)
    case noSuchFile
    case cannotReadTheFile
    case oldStyleWorkbook
    case notAWorkbook
    case sheetsHoldSameList(first: String, second: String, file: String)
    case noSheetForList(file: String, expected: String, sheets: String)

    // MARK: Pairs and plans
    case preferNeedsScore
    case unknownRule(word: String)
    case pairFixedAndForbidden(unit: String, community: String, forbidFirst: Bool, at: String)
    case unknownRole(word: String)
    case unitListedTwice(unit: String, community: String, first: String)

    // MARK: Pre-checks (`Prechecks`, `InfeasibilityReason`)
    case noCommunities
    case assignmentsShort(needed: Int, offered: Int)
    case assignmentsSurplus(required: Int, taken: Int)
    case leadsShort(communities: Int, leaders: Int, capacity: Int)
    case communityMinAboveMax(id: String, min: Int, max: Int, leadRule: Bool)
    case communitiesMinAboveMax(leadRule: Bool)
    case communityNoAllowedUnit(id: String)
    case communitiesNoAllowedUnit
    case communityTooFewAllowed(id: String, needs: Int, allowed: Int)
    case communitiesTooFewAllowed
    case communityNoLead(id: String, candidates: Int)
    case communitiesNoLead
    case communityTooManyFixed(id: String, fixed: Int, max: Int)
    case communitiesTooManyFixed
    case unitTooFewAllowed(id: String, min: Int, allowed: Int)
    case unitsTooFewAllowed
    case unitTooManyFixed(id: String, fixed: Int, max: Int)
    case unitsTooManyFixed
    case needsAllowedExample(id: String, needs: Int, allowed: Int)
    case countAboveExample(id: String, count: Int, limit: Int)
    case reasonFamily(count: Int, sentence: String, examples: String, more: Int)

    // MARK: Solving (`SolveError`)
    case noPlanSatisfiesRules
    case noPlanWithinTimeLimit(seconds: String)
    case solverFailed(String)
    case interruptedBeforeAnyPlan

    // MARK: `alliance solve` and `evaluate`: the summary
    case statusOptimal
    case statusInterrupted
    case statusFeasible
    case objectiveLine(objective: String, bound: String?, gap: String?)
    case coverageLine(share: String)
    case balanceLine(value: String, band: String)
    case distanceLine(value: String)
    case preferenceLine(value: String)
    case keepLine(share: String, previousPairs: Int)
    case startLine(objective: String, file: String?, repairs: Int, usable: Bool)
    case changesLine(changes: Int, limit: Int?)
    case strengthLine(min: String, mean: String, max: String, target: String?, band: String?)
    case alliancesLine(communities: Int, assignments: Int, seconds: String)
    case wroteLine(files: String)
    case claimsLine(claimed: Int, total: Int, value: String, totalValue: String, share: String?, unclaimed: String?,
                    proven: Bool)
    case unclaimed(count: Int, UnclaimedReason)
    case coverageValueLine(String)
    case balanceValueLine(String)
    case keepValueLine(String)
    case evaluatedChangesLine(changes: Int)
    case rulesSatisfied
    case rulesBroken(count: Int)

    // MARK: `alliance check`
    case checkCommunities(count: Int, streets: Int?)
    case checkUnits(organizations: Int, units: Int, leaders: Int)
    case checkAssignments(min: Int, max: Int)
    case checkSizes(smallest: Int, largest: Int, totalMin: Int, totalMax: Int)
    case checkStrength(mean: String, band: String, low: String, high: String)
    case checkNeeds(rows: Int, categories: Int, weightedTotal: String)
    case checkResources(rows: Int)
    case checkProjects(count: Int)
    case checkPairs(fix: Int, forbid: Int, prefer: Int)
    case checkCandidates(allowed: Int, total: Int)
    case checkDistances(longestKm: String?)
    case checkPrevious(rows: Int, pairs: Int)
    case checkWarning(String)
    case prechecksPassed
    case prechecksFailed(count: Int)

    // MARK: Options the command checks itself (ArgumentParser's own usage text stays English)
    case timeLimitPositive
    case gapNonNegative
    case timeBudgetPositive
    case timeBudgetNeedsDistricts
    case priorityToleranceNonNegative
    case jobsAtLeastOne
    case prioritiesNeedExact
    case candidatesAtLeastOne
    case balanceBandNonNegative
    case maxDistanceNonNegative
    case claimJobsAtLeastOne
    case serveJobsAtLeastOne
    case portRange
    case tokenForm
    case planBreaksRule(String)
    case noProjectsFile(folder: String)
    case strategiesNeedOne
    case noStrategyFoundPlanFor(districts: String)
    case jsonCsvExclusive
    case orgXorCommunity
    case topNonNegative
    case planRowProblems(count: Int)
    case unknownOrgOption(org: String)
    case unknownCommunityOption(id: String)
    case outMustBeXLSX
    case fileExistsUseForce(path: String)
    case wroteFile(path: String)
    case wroteFilesInto(count: Int, folder: String, names: String)
    case weightForm(terms: String, got: String)
    case weightNeedsNumber(term: String, got: String)
    case prioritiesUnknownTerm(term: String, terms: String)
    case prioritiesTwice(term: String)
    case prioritiesNeedOne
    case maxPairsPositive

    // MARK: Pins (re-planning: pins.csv, --pin-unit/--pin-community/--pin-lead, --from, --max-changes)
    case pinsFileMissing
    case planFileMissing
    case pinName(Pin.Kind, target: String, at: String?)
    case unknownPinKind(word: String)
    case pinValueMissing(header: String, PinRule)
    case pinColumnMissing(PinRule, column: String, alias: String)
    case pinValueUnexpected(PinRule, header: String, found: String)
    case pinListedTwice(Pin.Kind, target: String, first: String)
    case unknownPinUnit(id: String)
    case pinExpectsUnit
    case pinExpectsCommunity
    case pinLeadForm
    case pinLeadBothIDs
    case pinLeadOneEquals
    case maxChangesNegative(limit: Int)
    case maxChangesNeedsFrom
    case pinNamesNoUnit(Pin.Kind)
    case pinNamesNoCommunity(Pin.Kind)
    case pinNeedsFrom(Pin.Kind)
    case pinAgainstForbid(pin: String, pair: String, forbidAt: String?)
    case pinAgainstPin(pin: String, forLead: Bool, pair: String, other: String)
    case pinRemovesFixed(pin: String, pair: String, fixAt: String?)
    case leadPinWithoutLeadRule(pin: String)
    case leadPinsDisagree(community: String, pins: String)
    case leadPinCannotLead(pin: String, unit: String, community: String, fromStart: Bool)
    case leadPinNotAllowed(pin: String, pair: String)
    case pinsOverfillCommunity(community: String, required: Int, pins: String, fixRows: Bool, max: Int)
    case pinsUnderfillCommunity(community: String, min: Int, leadRule: Bool, allowed: Int, pins: String)
    case pinsOverfillUnit(unit: String, required: Int, pins: String, fixRows: Bool, max: Int)
    case pinsUnderfillUnit(unit: String, min: Int, allowed: Int, pins: String)
    case maxChangesTooSmall(limit: Int, forced: Int)
    case listAndMore(shown: String, more: Int)

    // MARK: Damaged and refused workbooks
    case zipUnreadable(error: String)
    case tooManyZipEntries(limit: Int)
    case partTooLargeDeclared(part: String, size: String, limit: String)
    case workbookTooLargeDeclared(limit: String)
    case zipListsNoFiles
    case partTooLarge(part: String, limit: String)
    case workbookTooLarge(limit: String)
    case partNotExtracted(part: String, error: String)
    case partChecksum(part: String)
    case tooManySharedStrings(part: String, limit: Int)
    case sharedStringTooLong(index: Int, part: String, limit: Int)
    case noSuchSheet(sheet: String)
    case sheetNotWorksheet(sheet: String)
    case sheetPartMissing(sheet: String)
    case notExcelWorkbook(path: String)
    case xmlRefused(part: String, reason: String, line: Int, column: Int)
    case xmlMalformed(part: String, line: Int, column: Int, reason: String)
    case partNotUTF8(part: String)
    case partOtherEncoding(part: String)
    case partDeclaresEntities(part: String, marker: String)
    case sheetsTooManyCells(limit: Int)
    case sheetTooManyRows(sheet: String, limit: Int)
    case badRowNumber(part: String, reference: String)
    case rowOutOfOrder(part: String, row: Int, previous: Int)
    case cellOutsideRow(part: String)
    case badCellReference(part: String, reference: String, row: Int)
    case cellsOutOfOrder(row: Int)
    case cellTooLong(limit: Int)
    case valueBeyondColumn(column: String)
    case sharedStringIndexNotNumber(raw: String)
    case noSharedStrings(index: Int)
    case tooFewSharedStrings(index: Int, count: Int)

    // MARK: Why an XML part of a workbook is malformed or refused (`XMLScanner`), inside the messages above
    case xmlControlCharacter(byte: String)
    case xmlByteNotUTF8(byte: String)
    case xmlUTF8CutOff
    case xmlUTF8Broken(lead: String, byte: String)
    case xmlInvalidUTF8
    case xmlCharacterNotAllowed(code: String)
    case xmlEndsInsideElement(element: String, notClosed: Int)
    case xmlNoRoot
    case xmlEndsInsideTag
    case xmlCDATAOutsideRoot
    case xmlDocumentType
    case xmlBangStartsNothing
    case xmlSecondRoot
    case xmlEndsInsideTagNamed(tag: String)
    case xmlTooDeep(levels: Int)
    case xmlAttributesNotSeparated(tag: String)
    case xmlAttributeTwice(attribute: String)
    case xmlAttributeWithoutValue(attribute: String)
    case xmlAttributeNotQuoted(attribute: String)
    case xmlAttributeNeverEnds(attribute: String)
    case xmlEndTagNotClosed(tag: String)
    case xmlEndTagClosesNothing(tag: String)
    case xmlEndTagMismatch(tag: String, open: String)
    case xmlDeclarationNotAtStart
    case xmlCommentNeverEnds
    case xmlDoubleDashInComment
    case xmlTextOutsideRoot(afterRoot: Bool)
    case xmlEndsWhere(XMLPlace)
    case xmlExpected(XMLPlace)
    case xmlNeverEnds(XMLPlace)
    case xmlLessThanInAttribute
    case xmlCDATAEndInText
    case xmlBareAmpersand
    case xmlUndefinedEntity(name: String)
    case xmlBadDigit
    case xmlReferenceNotAllowed(digits: String)

    // MARK: Rules a plan breaks (`Evaluator`)
    case unitServesOutOfBounds(unit: String, served: Int, min: Int, max: Int)
    case communitySizeOutOfBounds(community: String, size: Int, min: Int, max: Int)
    case leadNotMember(community: String, lead: String)
    case leadMayNotLead(community: String, unit: String)
    case noLeadUnit(community: String)
    case pairNotAllowed(unit: String, community: String)
    case fixedPairMissing(unit: String, community: String)
    case pinnedPairChanged(unit: String, community: String, pin: String, serves: Bool)
    case leadPinOverridden(community: String, lead: String?, pin: String, unit: String)
    case tooManyChanges(changes: Int, limit: Int)
    case planUnknownID(Noun, id: String)
    case planUnitListedTwice(unit: String, community: String)
    case secondLead(community: String, unit: String)
    case groupPartlyListed(group: String, community: String, missing: String, several: Bool)

    // MARK: District batches (lists with a district column, 区县)
    case fixPairCrossesDistricts(unit: String, community: String, unitDistrict: String, communityDistrict: String)
    case crossDistrictPairsIgnored(count: Int)
    case pinCrossesDistricts(pin: String, unit: String, unitDistrict: String, community: String, communityDistrict: String)
    case previousPairCrossesDistricts(unit: String, unitDistrict: String, community: String, communityDistrict: String)
    case startPairCrossesDistricts(unit: String, unitDistrict: String, community: String, communityDistrict: String)
    case startPlanMissesDistrict(district: String)
    case noDistrict(Noun, id: String)
    case districtWithoutCommunities(district: String)
    case planRowWrongDistrict(named: String, community: String, district: String)
    case unitServesOtherDistrict(unit: String, unitDistrict: String, community: String, communityDistrict: String)
    case column(Column)
    case checkDistricts(count: Int, names: String)
    case checkError(String)
    case inDistrict(String, district: String)
    case districtPassed
    case districtPrechecksFailed(count: Int)
    case districtInputError
    case districtsWithInputErrors(count: Int, of: Int)
    case rulesCell(broken: Int)
    case districtFailed(district: String, error: String?)
    case districtsWithoutPlan(count: Int, of: Int, file: String)
    case wroteDistrictFiles(files: String)
    case stoppingRule(gap: String?, batchDefault: Bool, timeLimit: String, atOnce: Int)
    case stoppingRuleBudget(gap: String?, batchDefault: Bool, districts: Int, budget: String, atOnce: Int,
                            firstShare: String, cap: String?)
    case timeBudgetUsed(used: String, budget: String, secondPass: Int, districts: String)
    case districtProgress(bar: String, done: Int, total: Int, failed: Int, running: Int, seconds: String)
    // Shards of a batch (`--shard`), resuming, `alliance merge`, `alliance generate`
    case shardForm(got: String)
    case shardCountMissing
    case shardIndexMissing
    case shardIndexOutOfRange(index: Int, count: Int)
    case shardBadVariable(name: String, value: String)
    case shardNeedsDistricts
    case districtSkipped(district: String, folder: String)
    case shardDone(shard: String, solved: Int, skipped: Int, failed: Int, folder: String)
    case mergeNoManifest(folder: String)
    case mergeManifestsDisagree(file: String, other: String)
    case mergeManifestUnreadable(file: String, reason: String)
    case mergeMissing(count: Int, of: Int, districts: String)
    case mergeFailed(count: Int, of: Int, districts: String)
    case districtNotSolvedYet(shard: String)
    case generatedCity(districts: Int, communities: Int, units: Int, family: String, folder: String)
    case generateCount(option: String, maximum: Int)
    case generatedPeople(members: Int, posts: Int, seats: Int)
    case duplicateScenario(name: String, first: String)
    case scenariosWithTimeBudget
    case statusFailedWord

    // MARK: Model and solver messages
    case candidatesNeedCommunityCoordinates(community: String)
    case candidatesNeedUnitCoordinates(unit: String)
    case candidatesNeedOneCoordinateKind
    case fixedAndForbiddenThroughGroup(unit: String, community: String)
    case startRowsIgnored(count: Int)
    case previousRowsIgnored(count: Int)
    case startPlanCannotBeRepaired(reason: String)
    case repairNoLead(community: String)
    case repairCommunityMinimum(community: String, min: Int)
    case repairUnitMinimum(unit: String, min: Int)
    case repairedPlanBreaksRule
    case relaxationInfeasible
    case communityHasNoAlliance(community: String)
    case glpkEnded(code: String, status: String)
    case glpkProvedInfeasible
    case claimingFailed(String)
    case modelTooLarge(pairs: Int, communities: Int, units: Int, limit: Int, hasDistanceLimit: Bool)
    case cannotWrite(path: String, reason: String)
    case programQuitting
    case interruptedStopping
    case interruptedAgain
    case readAsEncoding(file: String, encoding: String)
    case note(String)
    case solvingPhase
    case progressLine(phase: String, elapsed: String, plan: String, bound: String, gap: String)

    // MARK: Text output of `explain`, `suggest`, `diff` and `compare` (their --json and CSV stay English)
    case term(Term)
    case termShort(Term)
    case leadMark(String)
    case list([String])
    case clauses([String])
    case explainObjective(objective: String, broken: Int)
    case explainTermHeader
    case explainBrokenRules
    case explainCommunitiesHeading
    case explainCommunity(id: String, name: String, cost: String, objective: String, strength: String, band: String,
                          excess: String?, above: Bool, units: Int)
    case explainNeed(category: String, amount: String, priority: String, covered: String?, providers: String,
                     uncovered: String?, noHolder: Bool)
    case explainMember(lead: Bool, id: String, name: String, km: String, strength: String, preference: String?, kept: Bool,
                       objective: String, terms: String)
    case explainOwnBalance(value: String, tooWeak: Bool)
    case explainUnitsHeading
    case explainUnit(id: String, name: String, serves: String?, load: Int, min: Int, max: Int, objective: String, terms: String)
    case districtLine(String)
    case suggestUnitSubject(id: String, name: String, serves: String?)
    case suggestCommunitySubject(id: String, name: String, units: String)
    case suggestHeadline(subject: String, objective: String, broken: Int)
    case suggestFeasibleHeading(shown: Int, of: Int)
    case suggestInfeasibleHeading(shown: Int, of: Int)
    case suggestBreaks(rule: String, text: String)
    case suggestStillBreaks(count: Int)
    case suggestRepairs(rules: String)
    case editMove(unit: String?, from: String, to: String)
    case editAdd(unit: String?, to: String)
    case editRemove(unit: String?, from: String)
    case editSwap(unit: String?, from: String, to: String, with: String)
    case editSetLead(unit: String?, community: String, instead: String?)
    case editHandLead(unit: String?, community: String, to: String)
    case unitWouldServe(unit: String, served: Int, min: Int, max: Int)
    case communityWouldHave(community: String, size: Int, min: Int, max: Int)
    case communityWouldHaveNoLead(community: String)
    case leadWouldNotBeMember(community: String, lead: String)
    case diffCounts(joined: Int, left: Int, moved: Int, roleChanged: Int, unchanged: Int)
    case diffChange(DiffChange)
    case diffNoChanges
    case statusWord(SolveStatus)
    case noPlanCell
    case bestProvenBound(String)
    case strategyFailed(strategy: String, error: String)

    // MARK: The start plan's repairs (`solve --from`)
    case startPlanNote(String)
    case repairRemoved(unit: String, community: String, why: String)
    case repairAdded(unit: String, community: String, why: String)
    case repairLead(community: String, now: String?, before: String?, why: String)
    case whyForbidden(at: String?)
    case whyNotAllowed
    case whyUnitAboveMax(unit: String, served: Int, max: Int)
    case whyCommunityAboveMax(community: String, size: Int, max: Int)
    case whyNeededIn(community: String)
    case whyAnotherRule
    case whyPinRequires(pin: String)
    case whyFixed(at: String?)
    case whyCommunityBelowMin(community: String, size: Int, min: Int)
    case whyNoLeader(community: String)
    case whyUnitBelowMin(unit: String, served: Int, min: Int)
    case whyMovedFrom(community: String)
    case whyPinNamesLead(pin: String)
    case whyLeadNotMember(unit: String)
    case whyLeadMayNotLead(unit: String)
    case whyLeadLeft(unit: String)
    case whyPinNamesOtherLead
    case whyHadNoLead

    // MARK: Stage 3: people to posts (`alliance people`)
    case keptMatchDropped(member: String, post: String, KeptMatchProblem)
    case peopleNeedCommunityCoordinates(community: String)
    case peopleUnknownMember(member: String)
    case peopleUnknownPost(post: String)
    case peopleRepeatedMatch(member: String, post: String)
    case peopleSkillMismatch(member: String, post: String, category: String)
    case peopleNotCandidate(member: String, community: String)
    case peopleOverCapacity(member: String, capacity: Int)
    case peopleOverSeats(post: String, seats: Int)
    case peopleKeptMissing(member: String, post: String)
    case peopleMembersLine(members: Int, seats: Int)
    case peoplePostsLine(posts: Int, seats: Int, orders: Int)
    case peopleFilledLine(filled: Int, seats: Int, share: String, home: Int, unit: Int, kept: Int)
    case peopleOpenLine(open: Int, noSkill: Int, tooFar: Int, allBusy: Int)
    case peopleObjectiveLine(objective: String, optimal: Bool, method: String, seconds: String)
    case peopleMatchingInvalid(count: Int, first: String)
    case peopleAlgorithmUnavailable(algorithm: String, fallback: String)
    case peopleReassignNeedsFrom
    case peopleListsMissing(path: String)
    case peopleNotInBatch(lists: String, plan: String)

    // MARK: Stage 3 reading (members.csv, posts.csv, a people.csv given back; `PeopleReader`)
    case unknownPostKind(word: String)
    case matchesFileMissing

    /// A column of the per-district tables (and the total row's label).
    public enum Column: Sendable, Hashable, CaseIterable {
        case district, status, objective, gap, time, communities, units, pairs, coverage, balance, distance,
             preference, keep, rules, total
        case strategy, organization, change, before, after, community, joined, left, lead, roleChanged

        var texts: (String, String) {
            switch self {
            case .district: ("district", "区县")
            case .status: ("status", "状态")
            case .objective: ("objective", "目标值")
            case .gap: ("gap", "差距")
            case .time: ("time", "用时")
            case .communities: ("communities", "社区")
            case .units: ("units", "单位")
            case .pairs: ("pairs", "结对规则")
            case .coverage: ("coverage", "覆盖率")
            case .balance: ("balance", "均衡")
            case .distance: ("distance", "距离")
            case .preference: ("preference", "偏好")
            case .keep: ("keep", "保留")
            case .rules: ("rules", "规则")
            case .total: ("total", "合计")
            case .strategy: ("strategy", "策略")
            case .organization: ("organization", "单位")
            case .change: ("change", "变动")
            case .before: ("before", "调整前")
            case .after: ("after", "调整后")
            case .community: ("community", "社区")
            case .joined: ("joined", "加入")
            case .left: ("left", "退出")
            case .lead: ("lead", "牵头单位")
            case .roleChanged: ("role changed", "角色变动")
            }
        }
    }

    /// What a pin of pins.csv must or must not name, for "missing org_id: a unit pin names the
    /// unit whose pairs it keeps".
    public enum PinRule: Sendable, Hashable, CaseIterable {
        case unitNamesUnit, unitKeepsAllPairs, communityNamesCommunity, communityKeepsAlliance
        case leadNamesCommunity, leadNamesUnit

        var texts: (String, String) {
            switch self {
            case .unitNamesUnit: ("a unit pin names the unit whose pairs it keeps", "单位锁定须写明要保留其结对的单位")
            case .unitKeepsAllPairs: ("a unit pin keeps all of the unit's pairs", "单位锁定保留该单位的全部结对")
            case .communityNamesCommunity: ("a community pin names the community it keeps", "社区锁定须写明要保留的社区")
            case .communityKeepsAlliance: ("a community pin keeps the whole alliance", "社区锁定保留整个联盟")
            case .leadNamesCommunity: ("a lead pin names the community", "牵头锁定须写明社区")
            case .leadNamesUnit: ("a lead pin names the unit that leads", "牵头锁定须写明牵头单位")
            }
        }
    }

    /// When a district stops, for the stopping rule: (English, Chinese).
    private static func proven(gap: String?, batchDefault: Bool) -> (String, String) {
        let english = (gap.map { "once proven within \($0) (--gap" } ?? "once proven optimal (--gap 0")
            + (batchDefault ? ", the batch default)" : ")")
        let chinese = (gap.map { "证明与最优的差距在 \($0) 以内时停止（--gap" } ?? "证明最优时停止（--gap 0")
            + (batchDefault ? "，批量默认值）" : "）")
        return (english, chinese)
    }

    /// A term's name in Chinese, as the per-district tables head their columns.
    private static func chinese(_ term: Term) -> String {
        switch term {
        case .coverage: Column.coverage.texts.1
        case .balance: Column.balance.texts.1
        case .distance: Column.distance.texts.1
        case .preference: Column.preference.texts.1
        case .keep: Column.keep.texts.1
        }
    }

    /// "U5: " before a change `suggest --community` lists, in both languages ("" without a unit).
    private static func who(_ unit: String?) -> (String, String) {
        unit.map { ("\($0): ", "\($0)：") } ?? ("", "")
    }

    /// What an XML part should hold where it ends or goes wrong, for "expected an element name after '<'".
    public enum XMLPlace: Sendable, Hashable {
        case elementName, endTagName, attributeNameOrEnd(tag: String), processingTarget, declaration, cdata,
             processingInstruction

        var texts: (String, String) {
            switch self {
            case .elementName: ("an element name after '<'", "“<”之后的元素名")
            case .endTagName: ("an element name after '</'", "“</”之后的元素名")
            case let .attributeNameOrEnd(tag): ("an attribute name or the end of the tag <\(tag)>", "属性名或标签 <\(tag)> 的结尾")
            case .processingTarget: ("a processing instruction's target after '<?'", "“<?”之后的处理指令目标")
            case .declaration: ("the XML declaration", "XML 声明")
            case .cdata: ("the CDATA section", "CDATA 段")
            case .processingInstruction: ("the processing instruction", "处理指令")
            }
        }
    }

    /// Why a match of `--from people.csv` is not kept (the lists changed since it was made).
    public enum KeptMatchProblem: Sendable, Hashable, CaseIterable {
        case unknownMember, unknownPost, noSkill, repeated, memberFull, postFull

        var texts: (String, String) {
            switch self {
            case .unknownMember: ("the member is no longer in members.csv", "成员名单中已没有该成员")
            case .unknownPost: ("the post is no longer in posts.csv", "岗位清单中已没有该岗位")
            case .noSkill: ("the member no longer has the post's skill", "该成员已不具备该岗位所需技能")
            case .repeated: ("it is listed twice", "重复列出")
            case .memberFull: ("the member's capacity is already taken by earlier rows", "该成员的可承担数已被前面的行占满")
            case .postFull: ("the post's seats are already taken by earlier rows", "该岗位的名额已被前面的行占满")
            }
        }
    }

    /// A change between two plans, in words (`alliance diff`).
    public enum DiffChange: Sendable, Hashable, CaseIterable {
        case joined, left, moved, roleChanged

        var texts: (String, String) {
            switch self {
            case .joined: ("joined", "新加入")
            case .left: ("left", "退出")
            case .moved: ("moved", "调动")
            case .roleChanged: ("changed role", "角色变动")
            }
        }
    }

    /// A pin's kind in Chinese, before 锁定 ("单位锁定 U3").
    private static func chinese(_ kind: Pin.Kind) -> String {
        switch kind {
        case .unit: "单位"
        case .community: "社区"
        case .lead: "牵头"
        }
    }

    /// What a list holds, for "unknown unit 'U9'" and "duplicate community id 'C1'".
    public enum Noun: String, Sendable, Hashable, CaseIterable {
        case community, unit, project, member, post

        var chinese: String {
            switch self {
            case .community: "社区"
            case .unit: "单位"
            case .project: "项目"
            case .member: "成员"
            case .post: "岗位"
            }
        }
    }

    /// The message in `Language.current`.
    public var text: String { text(in: .current) }

    /// The message in `language`.
    public func text(in language: Language) -> String {
        let (english, chinese) = texts
        return language == .chinese ? chinese : english
    }

    /// Both texts: (English, Chinese).
    private var texts: (String, String) {
        switch self {
        case let .inputErrors(count):
            return (count == 1 ? "1 input error; nothing was written" : "\(count) input errors; nothing was written",
                    "共 \(count) 处输入错误；未写入任何文件")
        case .nothingWritten:
            return ("nothing was written", "未写入任何文件")
        case let .warning(text):
            return ("warning: \(text)", "警告：\(text)")

        case let .missingValue(column):
            return ("missing \(column)", "未填写 \(column)")
        case let .expectedNumber(found, decimalComma):
            return ("expected a number, found '\(found)'" + (decimalComma ? " (use '.' for decimals and no thousands separators)" : ""),
                    "应为数字，实际为“\(found)”" + (decimalComma ? "（小数点请用“.”，不要用千位分隔符）" : ""))
        case let .mustBeNonNegative(column, found):
            return ("\(column) must be 0 or more, found '\(found)'", "\(column) 应为 0 或以上，实际为“\(found)”")
        case let .mustBePositive(column, found):
            return ("\(column) must be greater than 0, found '\(found)'", "\(column) 应大于 0，实际为“\(found)”")
        case let .expectedWholeNumber(found):
            return ("expected a whole number, found '\(found)'", "应为整数，实际为“\(found)”")
        case let .mustBeAtLeast(column, minimum, found):
            return ("\(column) must be \(minimum == 0 ? "0 or more" : "at least \(minimum)"), found '\(found)'",
                    "\(column) 应不小于 \(minimum)，实际为“\(found)”")
        case let .expectedBoolean(found):
            return ("expected true or false (also 1/0, yes/no, 是/否), found '\(found)'",
                    "应为“是”或“否”（也可写 true/false、1/0、yes/no），实际为“\(found)”")
        case let .minAboveMax(minColumn, min, maxColumn, max, maxByDefault):
            return ("\(minColumn) (\(min)) is greater than \(maxColumn) (\(max)\(maxByDefault ? " by default" : ""))",
                    "\(minColumn)（\(min)）大于 \(maxColumn)（\(maxByDefault ? "默认为 " : "")\(max)）")

        case let .emptyTable(isSheet, expected):
            return ("\(isSheet ? "sheet" : "file") is empty; expected a header row with \(expected)",
                    "\(isSheet ? "工作表" : "文件")为空；第一行应为列名：\(expected)")
        case let .unusedColumn(column, file):
            return ("column '\(column)' is not used in \(file) and was ignored", "\(file) 不使用列“\(column)”，已忽略")
        case let .duplicateColumn(column, writtenAs, earlier):
            return ("column '\(column)' appears twice (also as '\(writtenAs)' at \(earlier))",
                    "列“\(column)”出现两次（\(earlier) 已有“\(writtenAs)”）")
        case let .columnNumber(column):
            return ("column \(column)", "第 \(column) 列")
        case let .missingColumn(column, alias, file):
            return ("missing required column '\(column)'\(alias.map { " (\($0))" } ?? "") in \(file)",
                    "\(file) 缺少必需的列“\(column)”\(alias.map { "（\($0)）" } ?? "")")
        case let .tooManyCells(count, width):
            return ("too many cells: this row has \(count) but the header has \(width)",
                    "单元格过多：此行有 \(count) 个，表头只有 \(width) 个")
        case .requiredFileMissing:
            return ("required file is missing", "缺少必需的文件")
        case let .unknownID(noun, id, list):
            return ("unknown \(noun.rawValue) '\(id)' (not in \(list))", "未知\(noun.chinese)“\(id)”（不在 \(list) 中）")
        case let .duplicateID(noun, id, first):
            return ("duplicate \(noun.rawValue) id '\(id)' (first at \(first))",
                    "\(noun.chinese)编号“\(id)”重复（首次出现在 \(first)）")
        case let .titleRowsSkipped(headerRow):
            return ("rows above row \(headerRow), which names the columns, were skipped as a title",
                    "第 \(headerRow) 行是列名，其上方的行视为标题，已跳过")
        case let .fullWidthNumbers(count, cells, more):
            return ("\(count == 1 ? "1 number cell was" : "\(count) number cells were") typed with full-width characters "
                        + "(as a Chinese input method writes them) and read as half-width numbers: \(cells)"
                        + (more > 0 ? ", … (\(more) more)" : ""),
                    "\(count) 个数字单元格是用全角字符输入的（中文输入法常见），已按半角数字读取：\(cells)"
                        + (more > 0 ? "，……（另有 \(more) 个）" : ""))
        case let .unexpectedByteOrderMark(pasted):
            return ("unexpected byte order mark (U+FEFF) here; delete it" + (pasted ? " (it often comes from pasting files together)" : ""),
                    "此处有多余的字节顺序标记（U+FEFF），请删除" + (pasted ? "（常见于把几个文件拼接在一起）" : ""))
        case .unterminatedQuote:
            return ("unterminated quoted field starting here (a \" opens a quoted cell that never closes)",
                    "从此处开始的带引号单元格没有结束（\" 开始了带引号的单元格，但一直没有闭合）")
        case .textAfterClosingQuote:
            return ("unexpected text after the closing quote; quote the whole cell and double any quote inside it (\"\")",
                    "闭合引号后还有文字；请给整个单元格加引号，并把其中的引号写成两个（\"\"）")

        case .unexpectedNUL:
            return ("unexpected NUL character (byte 0x00) here; the file is damaged, or UTF-16 without a byte order mark: "
                        + "save it as \"CSV UTF-8\"",
                    "此处有意外的 NUL 字符（字节 0x00）；文件已损坏，或是没有字节顺序标记的 UTF-16 文件：请另存为“CSV UTF-8”")
        case let .coordinateWithoutPair(column, other):
            return ("\(column) given without \(other)", "填写了 \(column) 但没有填写 \(other)")
        case .bothCoordinateKinds:
            return ("this row gives both x/y and lat/lon; keep one pair", "此行同时填写了 x/y 和 lat/lon；请只保留一组")
        case let .latitudeOutOfRange(column, found):
            return ("\(column) must be between -90 and 90, found '\(found)'", "\(column) 应在 -90 到 90 之间，实际为“\(found)”")
        case let .longitudeOutOfRange(column, found):
            return ("\(column) must be between -180 and 180, found '\(found)'", "\(column) 应在 -180 到 180 之间，实际为“\(found)”")
        case let .placesWithoutCoordinates(communities, ofCommunities, units, ofUnits):
            return ("\(communities) of \(ofCommunities) communities and \(units) of \(ofUnits) units have no coordinates; "
                        + "distances involving them are taken as 0",
                    "\(ofCommunities) 个社区中有 \(communities) 个、\(ofUnits) 个单位中有 \(units) 个没有坐标；涉及它们的距离按 0 计")
        case .mixedCoordinateKinds:
            return ("some places use x/y and others lat/lon; distances between the two kinds are taken as 0",
                    "有的地点用 x/y，有的用 lat/lon；两类地点之间的距离按 0 计")
        case let .groupNamedAfterUnit(group, unitAt):
            return ("group '\(group)' is also the id of unit \(group) (at \(unitAt)), which is in no group: two units would "
                        + "share the id; give the group a name of its own",
                    "分组“\(group)”与单位 \(group)（见 \(unitAt)）的编号相同，而该单位不在任何分组中：两个单位会共用一个编号；"
                        + "请给分组另起名称")
        case let .groupSpansDistricts(group, here, there, at):
            return ("group '\(group)' spans districts: '\(here)' here, '\(there)' at \(at)",
                    "分组“\(group)”跨了区县：此处为“\(here)”，\(at) 为“\(there)”")

        case .utf16File:
            return ("file is UTF-16, not UTF-8; " + Self.saveHint.0, "文件是 UTF-16 编码，不是 UTF-8；" + Self.saveHint.1)
        case .noGB18030Converter:
            return ("this system cannot decode GB18030 (iconv has no converter for it); " + Self.saveHint.0,
                    "本系统无法解码 GB18030（iconv 没有相应的转换器）；" + Self.saveHint.1)
        case let .cannotReadFile(reason):
            return ("cannot read the file: \(reason)", "无法读取文件：\(reason)")
        case let .notUTF8(byte):
            return ("file is not UTF-8 (byte 0x\(byte) here cannot be decoded); \(Self.saveHint.0), or read it with "
                        + "--encoding gb18030 if it was saved by Chinese Excel as plain CSV",
                    "文件不是 UTF-8 编码（此处的字节 0x\(byte) 无法解码）；\(Self.saveHint.1)；如果是中文 Excel 存成的普通 CSV，"
                        + "请用 --encoding gb18030 读取")
        case let .notUTF8ButReadFurther(byte):
            return ("file is neither UTF-8 nor GB18030: byte 0x\(byte) here is not UTF-8, though the text before it is; "
                        + Self.saveHint.0,
                    "文件既不是 UTF-8 也不是 GB18030 编码：此处的字节 0x\(byte) 不是 UTF-8，但它之前的文字是；" + Self.saveHint.1)
        case let .notGB18030(byte, neitherUTF8, line, column):
            var english = neitherUTF8 ? "file is neither UTF-8 nor GB18030" : "file is not GB18030"
            var chinese = neitherUTF8 ? "文件既不是 UTF-8 也不是 GB18030 编码" : "文件不是 GB18030 编码"
            if let line, let column {
                english += " (the first byte that is not UTF-8 is on line \(line), column \(column))"
                chinese += "（第一个不是 UTF-8 的字节在第 \(line) 行第 \(column) 列）"
            }
            english += ": \(byte.map { "byte 0x\($0)" } ?? "the end of the file") here cannot be decoded as GB18030; "
                + Self.saveHint.0 + (neitherUTF8 ? "" : ", or read it with --encoding auto if it is UTF-8")
            chinese += "：此处的\(byte.map { "字节 0x\($0)" } ?? "文件末尾")无法按 GB18030 解码；"
                + Self.saveHint.1 + (neitherUTF8 ? "" : "；如果是 UTF-8 文件，请用 --encoding auto 读取")
            return (english, chinese)
        case .noSuchFile:
            return ("no such file", "没有这个文件")
        case .cannotReadTheFile:
            return ("cannot read the file", "无法读取文件")
        case .oldStyleWorkbook:
            return ("not an .xlsx workbook: this is an old-style .xls workbook or a password-protected one; "
                        + "save it in Excel as \"Excel Workbook (*.xlsx)\" without a password",
                    "不是 .xlsx 工作簿：这是旧式 .xls 工作簿或设了密码的工作簿；请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”，不设密码")
        case .notAWorkbook:
            return ("not an .xlsx workbook (an .xlsx file is a zip archive, and this one does not start like one)",
                    "不是 .xlsx 工作簿（.xlsx 文件是 zip 压缩包，而这个文件的开头不像）")
        case let .sheetsHoldSameList(first, second, file):
            return ("sheets '\(first)' and '\(second)' both hold \(file); keep one",
                    "工作表“\(first)”和“\(second)”都是 \(file)；请只保留一个")
        case let .noSheetForList(file, expected, sheets):
            return ("no sheet for \(file): expected a sheet named one of \(expected); the workbook has \(sheets)",
                    "没有 \(file) 对应的工作表：工作表名应为 \(expected) 之一；此工作簿中有 \(sheets)")

        case .preferNeedsScore:
            return ("prefer needs a score", "“优先”（prefer）规则需要填写分数（score）")
        case let .unknownRule(word):
            return ("unknown rule '\(word)'; use forbid, fix or prefer (禁止, 固定, 优先)",
                    "未知规则“\(word)”；请用 禁止、固定 或 优先（forbid、fix、prefer）")
        case let .pairFixedAndForbidden(unit, community, forbidFirst, at):
            return ("pair (\(unit), \(community)) is both fixed and forbidden (\(forbidFirst ? "forbid" : "fix") at \(at))",
                    "结对（\(unit)，\(community)）既被固定又被禁止（\(forbidFirst ? "禁止" : "固定")见 \(at)）")
        case let .unknownRole(word):
            return ("unknown role '\(word)'; use lead or member (牵头, 成员)",
                    "未知角色“\(word)”；请用 牵头 或 成员（lead、member）")
        case let .unitListedTwice(unit, community, first):
            return ("unit '\(unit)' is listed twice for community '\(community)' (first at \(first))",
                    "单位“\(unit)”在社区“\(community)”下列出两次（首次出现在 \(first)）")

        case .noCommunities:
            return ("there are no communities (communities.csv has no rows)", "没有社区（communities.csv 没有数据行）")
        case let .assignmentsShort(needed, offered):
            return ("communities need at least \(needed) assignments (min_orgs), units offer at most "
                        + "\(offered) (max_communities): lower min_orgs or raise max_communities",
                    "各社区合计至少需要 \(needed) 个结对单位（min_orgs），各单位合计至多结对 \(offered) 次"
                        + "（max_communities）：请降低 min_orgs 或提高 max_communities")
        case let .assignmentsSurplus(required, taken):
            return ("units must make at least \(required) assignments (min_communities), communities take at most "
                        + "\(taken) (max_orgs): lower min_communities or raise max_orgs",
                    "各单位合计至少要结对 \(required) 次（min_communities），各社区合计至多接纳 \(taken) 个单位"
                        + "（max_orgs）：请降低 min_communities 或提高 max_orgs")
        case let .leadsShort(communities, leaders, capacity):
            return ("\(communities) communities need a lead, but only \(leaders) unit\(leaders == 1 ? "" : "s") may lead "
                        + "(column can_lead), serving at most \(capacity) communities in all: mark more units can_lead, "
                        + "raise their max_communities, or use --no-lead-rule",
                    "\(communities) 个社区都需要牵头单位，但只有 \(leaders) 个单位可以牵头（can_lead 列），合计至多服务 "
                        + "\(capacity) 个社区：请把更多单位标为可牵头、提高其 max_communities，或使用 --no-lead-rule")
        case let .communityMinAboveMax(id, min, max, leadRule):
            return ("community \(id) needs at least \(min) units but takes at most \(max) "
                        + "(min_orgs/max_orgs\(leadRule ? ", and the lead rule needs 1" : "")): make min_orgs ≤ max_orgs",
                    "社区 \(id) 至少需要 \(min) 个单位，但至多接纳 \(max) 个"
                        + "（min_orgs/max_orgs\(leadRule ? "，且牵头规则至少需要 1 个" : "")）：请使 min_orgs ≤ max_orgs")
        case let .communitiesMinAboveMax(leadRule):
            return ("communities need more units than they take (min_orgs > max_orgs"
                        + (leadRule ? ", the lead rule needs 1" : "") + "): make min_orgs ≤ max_orgs",
                    "社区需要的单位多于其接纳上限（min_orgs > max_orgs" + (leadRule ? "，牵头规则至少需要 1 个" : "")
                        + "）：请使 min_orgs ≤ max_orgs")
        case let .communityNoAllowedUnit(id):
            return ("community \(id) has no allowed unit (pairs.csv forbids or --max-distance-km excludes all)",
                    "社区 \(id) 没有可结对的单位（pairs.csv 全部禁止，或 --max-distance-km 全部排除）")
        case .communitiesNoAllowedUnit:
            return ("communities have no allowed unit (pairs.csv forbids or --max-distance-km excludes all)",
                    "社区没有可结对的单位（pairs.csv 全部禁止，或 --max-distance-km 全部排除）")
        case let .communityTooFewAllowed(id, needs, allowed):
            return ("community \(id) needs at least \(needs) units but only \(allowed) are allowed to serve it "
                        + "(pairs.csv forbid, --max-distance-km): allow more or lower min_orgs",
                    "社区 \(id) 至少需要 \(needs) 个单位，但只有 \(allowed) 个单位可以与它结对"
                        + "（pairs.csv 禁止、--max-distance-km）：请放开更多单位或降低 min_orgs")
        case .communitiesTooFewAllowed:
            return ("communities need more units than are allowed to serve them (pairs.csv forbid, --max-distance-km): "
                        + "allow more or lower min_orgs",
                    "社区需要的单位多于可与之结对的单位（pairs.csv 禁止、--max-distance-km）：请放开更多单位或降低 min_orgs")
        case let .communityNoLead(id, candidates):
            return ("community \(id) needs a lead, but none of the \(candidates) units allowed to serve it may lead (column can_lead)",
                    "社区 \(id) 需要牵头单位，但可与它结对的 \(candidates) 个单位都不能牵头（can_lead 列）")
        case .communitiesNoLead:
            return ("communities need a lead, but none of the units allowed to serve them may lead (column can_lead)",
                    "社区需要牵头单位，但可与之结对的单位都不能牵头（can_lead 列）")
        case let .communityTooManyFixed(id, fixed, max):
            return ("community \(id) has \(fixed) units fixed to it in pairs.csv but takes at most \(max) (max_orgs)",
                    "社区 \(id) 在 pairs.csv 中固定了 \(fixed) 个单位，但至多接纳 \(max) 个（max_orgs）")
        case .communitiesTooManyFixed:
            return ("communities have more units fixed to them in pairs.csv than they take (max_orgs)",
                    "社区在 pairs.csv 中固定的单位多于其接纳上限（max_orgs）")
        case let .unitTooFewAllowed(id, min, allowed):
            return ("unit \(id) must serve at least \(min) communities (min_communities) but only \(allowed) are allowed "
                        + "for it (pairs.csv forbid, --max-distance-km)",
                    "单位 \(id) 至少要服务 \(min) 个社区（min_communities），但只有 \(allowed) 个社区可以与它结对"
                        + "（pairs.csv 禁止、--max-distance-km）")
        case .unitsTooFewAllowed:
            return ("units must serve more communities (min_communities) than are allowed for them (pairs.csv forbid, "
                        + "--max-distance-km)",
                    "单位须服务的社区（min_communities）多于可与之结对的社区（pairs.csv 禁止、--max-distance-km）")
        case let .unitTooManyFixed(id, fixed, max):
            return ("unit \(id) is fixed to \(fixed) communities in pairs.csv but serves at most \(max) (max_communities)",
                    "单位 \(id) 在 pairs.csv 中固定到 \(fixed) 个社区，但至多服务 \(max) 个（max_communities）")
        case .unitsTooManyFixed:
            return ("units are fixed to more communities in pairs.csv than they serve (max_communities)",
                    "单位在 pairs.csv 中固定的社区多于其服务上限（max_communities）")
        case let .needsAllowedExample(id, needs, allowed):
            return ("\(id) (needs \(needs), \(allowed) allowed)", "\(id)（需要 \(needs) 个，可结对 \(allowed) 个）")
        case let .countAboveExample(id, count, limit):
            return ("\(id) (\(count) > \(limit))", "\(id)（\(count) > \(limit)）")
        case let .reasonFamily(count, sentence, examples, more):
            return ("\(count) \(sentence): \(examples)" + (more > 0 ? ", … (\(more) more)" : ""),
                    "\(count) 个\(sentence)：\(examples)" + (more > 0 ? "，……（另有 \(more) 个）" : ""))

        case .noPlanSatisfiesRules:
            return ("no plan satisfies the rules:", "没有方案能满足全部规则：")
        case let .noPlanWithinTimeLimit(seconds):
            return ("no plan was found within the time limit of \(seconds); raise --time-limit",
                    "在时间限制 \(seconds) 内没有找到方案；请提高 --time-limit")
        case let .solverFailed(message):
            return ("the solver failed: \(message)", "求解器出错：\(message)")
        case .interruptedBeforeAnyPlan:
            return ("interrupted before any plan was found", "在找到任何方案之前已被中断")

        case .statusOptimal:
            return ("status      optimal (proven)", label("状态") + "最优（已证明）")
        case .statusInterrupted:
            return ("status      interrupted (the best plan found so far; not proven optimal)",
                    label("状态") + "已中断（目前找到的最好方案；未证明最优）")
        case .statusFeasible:
            return ("status      feasible (not proven optimal)", label("状态") + "可行（未证明最优）")
        case let .objectiveLine(objective, bound, gap):
            return ("objective   \(objective)" + (bound.map { "   bound \($0)" } ?? "") + (gap.map { "   gap \($0)" } ?? ""),
                    label("目标值") + objective + (bound.map { "   界 \($0)" } ?? "") + (gap.map { "   差距 \($0)" } ?? ""))
        case let .coverageLine(share):
            return ("coverage    \(share) of the weighted needs covered", label("覆盖率") + "加权需求覆盖了 \(share)")
        case let .balanceLine(value, band):
            return ("balance     \(value) (strength outside ±\(band) of the mean, relative to the mean)",
                    label("均衡") + "\(value)（力量超出平均值 ±\(band) 的部分，相对平均值）")
        case let .distanceLine(value):
            return ("distance    \(value)", label("距离") + value)
        case let .preferenceLine(value):
            return ("preference  \(value)", label("偏好") + value)
        case let .keepLine(share, previousPairs):
            return ("keep        \(share) of \(previousPairs) previous pairs kept",
                    label("保留") + "上一轮 \(previousPairs) 个结对保留了 \(share)")
        case let .startLine(objective, file, repairs, usable):
            return ("start       \(objective) (\(file.map { "from \($0), " } ?? "")"
                        + (repairs == 1 ? "1 repair" : "\(repairs) repairs")
                        + (usable ? "" : "; it breaks a rule even repaired, so the strategies did not start from it") + ")",
                    label("起始方案") + "\(objective)（\(file.map { "来自 \($0)，" } ?? "")修补 \(repairs) 处"
                        + (usable ? "" : "；修补后仍违反规则，求解没有从它出发") + "）")
        case let .changesLine(changes, limit):
            return ("changes     \(changes)\(limit.map { " of at most \($0)" } ?? "") "
                        + "pair\(changes == 1 && limit == nil ? "" : "s") changed from the start plan",
                    label("变动") + "与起始方案相比变动了 \(changes) 个结对\(limit.map { "（至多 \($0) 个）" } ?? "")")
        case let .strengthLine(min, mean, max, target, band):
            let english = "strength    min \(min)  mean \(mean)  max \(max)", chinese = label("力量") + "最小 \(min)  平均 \(mean)  最大 \(max)"
            guard let target, let band else { return (english, chinese) }
            return (english + "  (target \(target) ± \(band))", chinese + "  （目标 \(target) ± \(band)）")
        case let .alliancesLine(communities, assignments, seconds):
            return ("alliances   \(communities) communities, \(assignments) unit assignments, solved in \(seconds)",
                    label("联盟") + "\(communities) 个社区，\(assignments) 个单位结对，求解用时 \(seconds)")
        case let .wroteLine(files):
            return ("wrote       \(files)", label("已写入") + files)
        case let .claimsLine(claimed, total, value, totalValue, share, unclaimed, proven):
            return ("projects    \(claimed) of \(total) claimed, value \(value) of \(totalValue)" + (share.map { " (\($0))" } ?? "")
                        + (unclaimed.map { "; unclaimed: \($0)" } ?? "") + (proven ? "" : " (not proven optimal)"),
                    label("项目") + "认领 \(claimed) / \(total) 个，价值 \(value) / \(totalValue)" + (share.map { "（\($0)）" } ?? "")
                        + (unclaimed.map { "；未认领：\($0)" } ?? "") + (proven ? "" : "（未证明最优）"))
        case let .unclaimed(count, reason):
            return switch reason {
            case .noMemberHasCategory: ("\(count) no member has the category", "\(count) 个无成员单位具备该类资源")
            case .notEnoughResource: ("\(count) not enough resource", "\(count) 个资源不足")
            case .noAlliance: ("\(count) community has no alliance", "\(count) 个所在社区没有联盟")
            }
        case let .coverageValueLine(value):
            return ("coverage    \(value)", label("覆盖率") + value)
        case let .balanceValueLine(value):
            return ("balance     \(value)", label("均衡") + value)
        case let .keepValueLine(value):
            return ("keep        \(value)", label("保留") + value)
        case let .evaluatedChangesLine(changes):
            return ("changes     \(changes) pair\(changes == 1 ? "" : "s") changed from the start plan (--from)",
                    label("变动") + "与起始方案（--from）相比变动了 \(changes) 个结对")
        case .rulesSatisfied:
            return ("rules       all satisfied", label("规则") + "全部满足")
        case let .rulesBroken(count):
            return ("rules       \(count) broken:", label("规则") + "违反 \(count) 条：")

        case let .checkCommunities(count, streets):
            return ("communities   \(count)" + (streets.map { " in \($0) streets" } ?? ""),
                    label("社区", 14) + "\(count) 个" + (streets.map { "，分属 \($0) 个街道" } ?? ""))
        case let .checkUnits(organizations, units, leaders):
            return ("units         \(organizations) organizations → \(units) units after merging groups; \(leaders) may lead",
                    label("单位", 14) + "\(organizations) 个单位 → 合并分组后 \(units) 个；\(leaders) 个可牵头")
        case let .checkAssignments(min, max):
            return ("assignments   units must make at least \(min) (min_communities) and at most \(max) (max_communities)",
                    label("结对次数", 14) + "各单位合计至少 \(min) 次（min_communities），至多 \(max) 次（max_communities）")
        case let .checkSizes(smallest, largest, totalMin, totalMax):
            return ("sizes         each community takes \(smallest)–\(largest) units; together at least \(totalMin), at most \(totalMax)",
                    label("联盟规模", 14) + "每个社区接纳 \(smallest)–\(largest) 个单位；合计至少 \(totalMin) 个，至多 \(totalMax) 个")
        case let .checkStrength(mean, band, low, high):
            return ("strength      mean alliance strength \(mean); band ±\(band) = \(low)–\(high)",
                    label("力量", 14) + "联盟平均力量 \(mean)；区间 ±\(band) = \(low)–\(high)")
        case let .checkNeeds(rows, categories, weightedTotal):
            return ("needs         \(rows) rows, \(categories) categories, weighted total \(weightedTotal)",
                    label("需求", 14) + "\(rows) 行，\(categories) 类，加权合计 \(weightedTotal)")
        case let .checkResources(rows):
            return ("resources     \(rows) rows", label("资源", 14) + "\(rows) 行")
        case let .checkProjects(count):
            return ("projects      \(count)", label("项目", 14) + "\(count) 个")
        case let .checkPairs(fix, forbid, prefer):
            return ("pairs         \(fix) fix, \(forbid) forbid, \(prefer) prefer",
                    label("结对规则", 14) + "固定 \(fix) 条，禁止 \(forbid) 条，优先 \(prefer) 条")
        case let .checkCandidates(allowed, total):
            return ("candidates    \(allowed) of \(total) unit–community pairs allowed",
                    label("候选结对", 14) + "\(total) 个单位–社区组合中允许 \(allowed) 个")
        case let .checkDistances(longestKm):
            return ("distances     " + (longestKm.map { "longest \($0) km" } ?? "no coordinates (distance term is 0)"),
                    label("距离", 14) + (longestKm.map { "最远 \($0) 公里" } ?? "没有坐标（距离项为 0）"))
        case let .checkPrevious(rows, pairs):
            return ("previous      \(rows) rows, \(pairs) unit–community pairs still listed",
                    label("上一轮方案", 14) + "\(rows) 行，其中 \(pairs) 个单位–社区结对仍在名单中")
        case let .checkWarning(text):
            return ("warning       \(text)", label("警告", 14) + text)
        case .prechecksPassed:
            return ("pre-checks    passed", label("预检查", 14) + "通过")
        case let .prechecksFailed(count):
            return ("pre-checks    \(count) failed: no plan can satisfy the rules",
                    label("预检查", 14) + "\(count) 项未通过：没有方案能满足全部规则")

        case .timeLimitPositive:
            return ("--time-limit must be a number of seconds > 0", "--time-limit 应为大于 0 的秒数")
        case .gapNonNegative:
            return ("--gap must be a number ≥ 0, e.g. 0.01 for 1 %", "--gap 应为 ≥ 0 的数，例如 0.01 表示 1 %")
        case .timeBudgetPositive:
            return ("--time-budget must be a number of seconds > 0 for the whole batch, e.g. 600",
                    "--time-budget 应为整批名单的总秒数（大于 0），例如 600")
        case .timeBudgetNeedsDistricts:
            return ("--time-budget shares one budget between the districts of lists with a district column (区县); "
                        + "these lists have none: use --time-limit",
                    "--time-budget 是在带区县列（区县）的名单中由各区县分享的总时间；这些名单没有区县列：请用 --time-limit")
        case .priorityToleranceNonNegative:
            return ("--priority-tolerance must be a number ≥ 0, e.g. 0.001 for 0.1 %",
                    "--priority-tolerance 应为 ≥ 0 的数，例如 0.001 表示 0.1 %")
        case .jobsAtLeastOne:
            return ("--jobs must be a whole number ≥ 1", "--jobs 应为 ≥ 1 的整数")
        case .prioritiesNeedExact:
            return ("--priorities works with --strategy exact only", "--priorities 只能与 --strategy exact 一起使用")
        case .candidatesAtLeastOne:
            return ("--candidates must be a whole number ≥ 1", "--candidates 应为 ≥ 1 的整数")
        case .balanceBandNonNegative:
            return ("--balance-band must be a number ≥ 0, e.g. 0.1 for ±10 %", "--balance-band 应为 ≥ 0 的数，例如 0.1 表示 ±10 %")
        case .maxDistanceNonNegative:
            return ("--max-distance-km must be a number ≥ 0", "--max-distance-km 应为 ≥ 0 的数")
        case .claimJobsAtLeastOne:
            return ("--jobs must be at least 1", "--jobs 应不小于 1")
        case .serveJobsAtLeastOne:
            return ("--jobs must be 1 or more", "--jobs 应为 1 或以上")
        case .portRange:
            return ("--port must be 0–65535", "--port 应在 0–65535 之间")
        case .tokenForm:
            return ("--token must be non-empty, of letters, digits and - . _ ~ only", "--token 不能为空，只能由字母、数字和 - . _ ~ 组成")
        case let .planBreaksRule(p0):
            return ("the plan breaks a rule: \(p0)", "方案违反一条规则：\(p0)")
        case let .noProjectsFile(folder):
            return ("no projects.csv in \(folder); every alliance has nothing to claim", "\(folder) 中没有 projects.csv；各联盟都没有可认领的项目")
        case .strategiesNeedOne:
            return ("--strategies needs at least one name", "--strategies 至少要写一个策略名")
        case let .noStrategyFoundPlanFor(districts):
            return ("no strategy found a plan for district \(districts)", "没有策略为区县 \(districts) 找到方案")
        case .jsonCsvExclusive:
            return ("--json and --csv exclude each other", "--json 和 --csv 不能同时使用")
        case .orgXorCommunity:
            return ("give exactly one of --org and --community", "--org 和 --community 只能且必须给出一个")
        case .topNonNegative:
            return ("--top must be 0 (all) or more", "--top 应为 0（全部）或以上")
        case let .planRowProblems(count):
            return ("the plan's rows have \(count) problem(s) (see `alliance evaluate`); suggesting on what could be read", "方案中有 \(count) 处问题（见 `alliance evaluate`）；按能读取的部分给出建议")
        case let .unknownOrgOption(org):
            return ("--org '\(org)' is neither an organization id nor a group name in these lists", "--org “\(org)” 既不是这些名单中的单位编号，也不是分组名称")
        case let .unknownCommunityOption(id):
            return ("--community '\(id)' is not a community id in these lists", "--community “\(id)” 不是这些名单中的社区编号")
        case .outMustBeXLSX:
            return ("--out must name an .xlsx file", "--out 应为 .xlsx 文件名")
        case let .fileExistsUseForce(path):
            return ("\(path) exists; use --force to replace it", "\(path) 已存在；如要覆盖请用 --force")
        case let .wroteFile(path):
            return ("wrote \(path)", "已写入 \(path)")
        case let .wroteFilesInto(count, folder, names):
            return ("wrote \(count) files into \(folder): \(names)", "已向 \(folder) 写入 \(count) 个文件：\(names)")
        case let .weightForm(terms, got):
            return ("--weight takes name=value with name one of \(terms); got '\(got)'", "--weight 应写成 名称=数值，名称为 \(terms) 之一；实际为“\(got)”")
        case let .weightNeedsNumber(term, got):
            return ("--weight \(term) needs a number, got '\(got)'", "--weight \(term) 需要一个数，实际为“\(got)”")
        case let .prioritiesUnknownTerm(term, terms):
            return ("--priorities: unknown term '\(term)'; use \(terms)", "--priorities：未知目标项“\(term)”；请用 \(terms)")
        case let .prioritiesTwice(term):
            return ("--priorities names \(term) twice", "--priorities 中 \(term) 出现了两次")
        case .prioritiesNeedOne:
            return ("--priorities needs at least one term", "--priorities 至少要写一个目标项")
        case .maxPairsPositive:
            return ("--max-pairs must be a whole number > 0", "--max-pairs 应为大于 0 的整数")

        case let .candidatesNeedCommunityCoordinates(community):
            return ("--candidates needs coordinates (x,y or lat,lon) for every community; community \(community) has none",
                    "--candidates 要求每个社区都有坐标（x,y 或 lat,lon）；社区 \(community) 没有坐标")
        case let .candidatesNeedUnitCoordinates(unit):
            return ("--candidates needs coordinates (x,y or lat,lon) for every unit; unit \(unit) has none",
                    "--candidates 要求每个单位都有坐标（x,y 或 lat,lon）；单位 \(unit) 没有坐标")
        case .candidatesNeedOneCoordinateKind:
            return ("--candidates needs one kind of coordinates: the lists mix x,y and lat,lon",
                    "--candidates 要求坐标只用一种：名单中混用了 x,y 和 lat,lon")
        case let .fixedAndForbiddenThroughGroup(unit, community):
            return ("unit \(unit) is both fixed to and forbidden from community \(community) (through its group)",
                    "单位 \(unit) 与社区 \(community) 的结对既被固定又被禁止（通过其分组）")
        case let .startRowsIgnored(count):
            return ("start plan (--from): \(count) row(s) name a unit or community that is not listed; ignored",
                    "起始方案（--from）：有 \(count) 行的单位或社区不在名单中；已忽略")
        case let .previousRowsIgnored(count):
            return ("previous plan: \(count) row(s) name a unit or community no longer listed; ignored",
                    "上一轮方案：有 \(count) 行的单位或社区已不在名单中；已忽略")
        case let .startPlanCannotBeRepaired(reason):
            return ("the start plan (--from) cannot be repaired: \(reason)", "起始方案（--from）无法修补：\(reason)")
        case let .repairNoLead(community):
            return ("community \(community) cannot get a unit that may lead without breaking another rule (min/max_communities, "
                        + "min/max_orgs, pairs.csv): mark more units can_lead or loosen those bounds",
                    "社区 \(community) 无法在不违反其他规则（min/max_communities、min/max_orgs、pairs.csv）的情况下得到可牵头的单位："
                        + "请把更多单位标为可牵头，或放宽这些限制")
        case let .repairCommunityMinimum(community, min):
            return ("community \(community) cannot reach its minimum of \(min) units together with the other rules: "
                        + "lower min_orgs or raise max_communities",
                    "社区 \(community) 在满足其他规则的同时无法达到至少 \(min) 个单位：请降低 min_orgs 或提高 max_communities")
        case let .repairUnitMinimum(unit, min):
            return ("unit \(unit) cannot serve its minimum of \(min) communities together with the other rules: "
                        + "lower min_communities or raise max_orgs",
                    "单位 \(unit) 在满足其他规则的同时无法服务至少 \(min) 个社区：请降低 min_communities 或提高 max_orgs")
        case .repairedPlanBreaksRule:
            return ("the repaired plan still breaks a rule", "修补后的方案仍违反规则")
        case .relaxationInfeasible:
            return ("even the LP relaxation has no solution: the size, lead and pair rules contradict each other",
                    "连线性规划松弛都无解：联盟规模、牵头和结对规则相互矛盾")
        case let .communityHasNoAlliance(community):
            return ("community \(community) has no alliance that satisfies its own rules (size, allowed and fixed pairs, lead)",
                    "社区 \(community) 没有能满足其自身规则（规模、允许和固定的结对、牵头）的联盟")
        case let .glpkEnded(code, status):
            return ("GLPK ended with \(code), status \(status)", "GLPK 结束，返回 \(code)，状态 \(status)")
        case .glpkProvedInfeasible:
            return ("GLPK proved that no plan satisfies every rule together (each rule alone passed the pre-checks): "
                        + "loosen min_orgs/max_orgs, min_communities/max_communities, the lead rule or pairs.csv",
                    "GLPK 证明没有方案能同时满足全部规则（每条规则单独都通过了预检查）："
                        + "请放宽 min_orgs/max_orgs、min_communities/max_communities、牵头规则或 pairs.csv")
        case let .claimingFailed(error):
            return ("claiming projects: \(error)", "认领项目：\(error)")
        case let .modelTooLarge(pairs, communities, units, limit, hasDistanceLimit):
            return ("the model is too large: \(pairs) allowed unit–community pairs (\(communities) communities × \(units) units) "
                        + "exceed the limit of \(limit). "
                        + (hasDistanceLimit ? "Lower --max-distance-km to forbid more far pairs"
                            : "Forbid far pairs with --max-distance-km (e.g. --max-distance-km 5)")
                        + ", or split the lists by street or district and plan each part separately; --max-pairs raises the "
                        + "limit (memory and time grow with the number of pairs)",
                    "模型太大：允许的单位–社区结对有 \(pairs) 个（\(communities) 个社区 × \(units) 个单位），超过上限 \(limit)。"
                        + (hasDistanceLimit ? "请降低 --max-distance-km，禁止更多距离远的结对"
                            : "请用 --max-distance-km 禁止距离远的结对（例如 --max-distance-km 5）")
                        + "，或按街道、区县拆分名单分别编排；--max-pairs 可提高上限（内存和时间随结对数增长）")
        case let .cannotWrite(path, reason):
            return ("cannot write \(path): \(reason)", "无法写入 \(path)：\(reason)")
        case .programQuitting:
            return ("the program is quitting", "程序正在退出")
        case .interruptedStopping:
            return ("interrupted: stopping the search and writing the best plan so far (interrupt again to quit at once)",
                    "已中断：停止搜索，写入目前找到的最好方案（再按一次中断立即退出）")
        case .interruptedAgain:
            return ("interrupted again: quitting; nothing more is written", "再次中断：立即退出；不再写入任何文件")
        case let .readAsEncoding(file, encoding):
            return ("\(file) was read as \(encoding) (not UTF-8)", "\(file) 按 \(encoding) 编码读取（不是 UTF-8）")
        case let .note(text):
            return ("note: \(text)", "提示：\(text)")
        case .solvingPhase:
            return ("solving", "求解中")
        case let .progressLine(phase, elapsed, plan, bound, gap):
            return ("\(phase)  \(elapsed)  plan \(plan)  bound \(bound)  gap \(gap)",
                    "\(phase)  \(elapsed)  方案 \(plan)  界 \(bound)  差距 \(gap)")
        case let .zipUnreadable(error):
            return ("damaged or truncated workbook: the zip archive cannot be read (\(error))",
                    "工作簿已损坏或不完整：无法读取 zip 压缩包（\(error)）")
        case let .tooManyZipEntries(limit):
            return ("refused: the workbook holds more than \(limit) files (zip entries)",
                    "拒绝读取：工作簿包含的文件（zip 条目）超过 \(limit) 个")
        case let .partTooLargeDeclared(part, size, limit):
            return ("refused: \(part) would expand to \(size) bytes, more than the limit of \(limit) bytes for one part (a zip bomb?)",
                    "拒绝读取：\(part) 解压后将有 \(size) 字节，超过单个部件 \(limit) 字节的上限（可能是 zip 炸弹）")
        case let .workbookTooLargeDeclared(limit):
            return ("refused: the workbook would expand to more than \(limit) bytes in total (a zip bomb?)",
                    "拒绝读取：工作簿解压后总计将超过 \(limit) 字节（可能是 zip 炸弹）")
        case .zipListsNoFiles:
            return ("damaged or truncated workbook: the zip archive lists no files",
                    "工作簿已损坏或不完整：zip 压缩包中没有文件")
        case let .partTooLarge(part, limit):
            return ("refused: \(part) expands to more than the limit of \(limit) bytes for one part, more than its header declares (a zip bomb)",
                    "拒绝读取：\(part) 解压后超过单个部件 \(limit) 字节的上限，也超过其头部声明的大小（zip 炸弹）")
        case let .workbookTooLarge(limit):
            return ("refused: the workbook expands to more than \(limit) bytes in total (a zip bomb)",
                    "拒绝读取：工作簿解压后总计超过 \(limit) 字节（zip 炸弹）")
        case let .partNotExtracted(part, error):
            return ("damaged or truncated workbook: \(part) cannot be extracted (\(error))",
                    "工作簿已损坏或不完整：无法解压 \(part)（\(error)）")
        case let .partChecksum(part):
            return ("damaged workbook: \(part) does not match its checksum (CRC-32); the file is damaged",
                    "工作簿已损坏：\(part) 与其校验和（CRC-32）不符；文件已损坏")
        case let .tooManySharedStrings(part, limit):
            return ("refused: \(part) holds more than \(limit) strings",
                    "拒绝读取：\(part) 中的字符串超过 \(limit) 个")
        case let .sharedStringTooLong(index, part, limit):
            return ("refused: shared string \(index) in \(part) is longer than \(limit) characters",
                    "拒绝读取：\(part) 中序号为 \(index) 的共享字符串超过 \(limit) 个字符")
        case let .noSuchSheet(sheet):
            return ("the workbook has no sheet '\(sheet)'",
                    "工作簿中没有工作表“\(sheet)”")
        case let .sheetNotWorksheet(sheet):
            return ("sheet '\(sheet)' is a chart or dialog sheet, not a worksheet of cells",
                    "工作表“\(sheet)”是图表或对话框工作表，不是存放单元格的工作表")
        case let .sheetPartMissing(sheet):
            return ("damaged workbook: the part of sheet '\(sheet)' is missing",
                    "工作簿已损坏：缺少工作表“\(sheet)”的部件")
        case let .notExcelWorkbook(path):
            return ("not an Excel workbook: the archive has no \(path)",
                    "不是 Excel 工作簿：压缩包中没有 \(path)")
        case let .xmlRefused(part, reason, line, column):
            return ("refused: \(part) \(reason) (line \(line), column \(column))",
                    "拒绝读取：\(part) \(reason)（第 \(line) 行第 \(column) 列）")
        case let .xmlMalformed(part, line, column, reason):
            return ("damaged workbook: \(part) is not well-formed XML at line \(line), column \(column) (\(reason))",
                    "工作簿已损坏：\(part) 第 \(line) 行第 \(column) 列处的 XML 格式不正确（\(reason)）")
        case let .partNotUTF8(part):
            return ("refused: \(part) is not UTF-8 XML (workbook parts written by spreadsheet programs are UTF-8)",
                    "拒绝读取：\(part) 不是 UTF-8 编码的 XML（电子表格软件写出的工作簿部件都是 UTF-8）")
        case let .partOtherEncoding(part):
            return ("refused: \(part) declares an encoding other than UTF-8",
                    "拒绝读取：\(part) 声明的编码不是 UTF-8")
        case let .partDeclaresEntities(part, marker):
            return ("refused: \(part) contains a document type or entity declaration (\(marker)); workbooks never need one, and its entities could expand without bound or read other files",
                    "拒绝读取：\(part) 含有文档类型或实体声明（\(marker)）；工作簿从不需要这种声明，而其中的实体可能无限展开或读取其他文件")
        case let .sheetsTooManyCells(limit):
            return ("refused: the sheets hold more than \(limit) cells in all",
                    "拒绝读取：各工作表合计超过 \(limit) 个单元格")
        case let .sheetTooManyRows(sheet, limit):
            return ("refused: sheet '\(sheet)' has more than \(limit) rows",
                    "拒绝读取：工作表“\(sheet)”超过 \(limit) 行")
        case let .badRowNumber(part, reference):
            return ("damaged workbook: \(part) has a row numbered '\(reference)'",
                    "工作簿已损坏：\(part) 中有一行的行号为“\(reference)”")
        case let .rowOutOfOrder(part, row, previous):
            return ("damaged workbook: in \(part) row \(row) comes after row \(previous)",
                    "工作簿已损坏：\(part) 中第 \(row) 行排在第 \(previous) 行之后")
        case let .cellOutsideRow(part):
            return ("damaged workbook: \(part) has a cell outside a row",
                    "工作簿已损坏：\(part) 中有单元格不在任何行内")
        case let .badCellReference(part, reference, row):
            return ("damaged workbook: \(part) has a cell '\(reference)' in row \(row)",
                    "工作簿已损坏：\(part) 第 \(row) 行中有单元格“\(reference)”")
        case let .cellsOutOfOrder(row):
            return ("damaged workbook: cells of row \(row) are out of order",
                    "工作簿已损坏：第 \(row) 行的单元格顺序错乱")
        case let .cellTooLong(limit):
            return ("refused: the cell holds more than \(limit) characters",
                    "拒绝读取：该单元格超过 \(limit) 个字符")
        case let .valueBeyondColumn(column):
            return ("refused: a value lies beyond column \(column)",
                    "拒绝读取：有值位于 \(column) 列之后")
        case let .sharedStringIndexNotNumber(raw):
            return ("damaged workbook: shared string index '\(raw)' is not a number",
                    "工作簿已损坏：共享字符串序号“\(raw)”不是数字")
        case let .noSharedStrings(index):
            return ("damaged workbook: the cell refers to shared string \(index), but the workbook has no shared strings",
                    "工作簿已损坏：该单元格引用序号为 \(index) 的共享字符串，但工作簿没有共享字符串")
        case let .tooFewSharedStrings(index, count):
            return ("damaged workbook: the cell refers to shared string \(index), but the workbook has only \(count)",
                    "工作簿已损坏：该单元格引用序号为 \(index) 的共享字符串，但工作簿只有 \(count) 个")
        case let .xmlControlCharacter(byte):
            return ("the control character 0x\(byte) is not allowed in XML", "XML 中不允许出现控制字符 0x\(byte)")
        case let .xmlByteNotUTF8(byte):
            return ("byte 0x\(byte) is not UTF-8", "字节 0x\(byte) 不是 UTF-8")
        case .xmlUTF8CutOff:
            return ("a UTF-8 sequence is cut off by the end of the part", "一个 UTF-8 字节序列被部件的结尾截断")
        case let .xmlUTF8Broken(lead, byte):
            return ("byte 0x\(lead) starts a UTF-8 sequence that byte 0x\(byte) breaks",
                    "字节 0x\(lead) 开始的 UTF-8 字节序列被字节 0x\(byte) 打断")
        case .xmlInvalidUTF8:
            return ("bytes at this place are not valid UTF-8 (an overlong form or a surrogate)",
                    "此处的字节不是有效的 UTF-8（超长编码或代理码点）")
        case let .xmlCharacterNotAllowed(code):
            return ("the character U+\(code) is not allowed in XML", "XML 中不允许出现字符 U+\(code)")
        case let .xmlEndsInsideElement(element, notClosed):
            return ("the part ends inside the element <\(element)> (\(notClosed) element\(notClosed == 1 ? "" : "s") not closed; truncated?)",
                    "部件在元素 <\(element)> 内就结束了（\(notClosed) 个元素未闭合；文件不完整？）")
        case .xmlNoRoot:
            return ("the part has no root element", "部件没有根元素")
        case .xmlEndsInsideTag:
            return ("the part ends inside a tag (truncated?)", "部件在标签内就结束了（文件不完整？）")
        case .xmlCDATAOutsideRoot:
            return ("a CDATA section outside the root element", "根元素之外有 CDATA 段")
        case .xmlDocumentType:
            return ("declares a document type (<!DOCTYPE), which workbooks never need and whose entities could expand "
                        + "without bound or read other files",
                    "声明了文档类型（<!DOCTYPE）：工作簿从不需要它，而其中的实体可能无限展开或读取其他文件")
        case .xmlBangStartsNothing:
            return ("'<!' starts no comment or CDATA section", "“<!”之后既不是注释也不是 CDATA 段")
        case .xmlSecondRoot:
            return ("a second root element", "出现了第二个根元素")
        case let .xmlEndsInsideTagNamed(tag):
            return ("the part ends inside the tag <\(tag)> (truncated?)", "部件在标签 <\(tag)> 内就结束了（文件不完整？）")
        case let .xmlTooDeep(levels):
            return ("nests elements deeper than \(levels) levels", "元素嵌套超过 \(levels) 层")
        case let .xmlAttributesNotSeparated(tag):
            return ("attributes of <\(tag)> must be separated by spaces", "<\(tag)> 的各属性之间必须用空格分隔")
        case let .xmlAttributeTwice(attribute):
            return ("the attribute '\(attribute)' appears twice", "属性“\(attribute)”出现了两次")
        case let .xmlAttributeWithoutValue(attribute):
            return ("the attribute '\(attribute)' has no '=' and value", "属性“\(attribute)”没有“=”和值")
        case let .xmlAttributeNotQuoted(attribute):
            return ("the value of the attribute '\(attribute)' is not in quotes", "属性“\(attribute)”的值没有加引号")
        case let .xmlAttributeNeverEnds(attribute):
            return ("the value of the attribute '\(attribute)' never ends (truncated?)", "属性“\(attribute)”的值没有结束（文件不完整？）")
        case let .xmlEndTagNotClosed(tag):
            return ("the end tag </\(tag)> is not closed by '>'", "结束标签 </\(tag)> 没有以“>”结尾")
        case let .xmlEndTagClosesNothing(tag):
            return ("the end tag </\(tag)> closes no element", "结束标签 </\(tag)> 没有可结束的元素")
        case let .xmlEndTagMismatch(tag, open):
            return ("the end tag </\(tag)> does not match the open element <\(open)>", "结束标签 </\(tag)> 与尚未结束的元素 <\(open)> 不匹配")
        case .xmlDeclarationNotAtStart:
            return ("an XML declaration that is not at the start of the part", "XML 声明不在部件的开头")
        case .xmlCommentNeverEnds:
            return ("the comment never ends (truncated?)", "注释没有结束（文件不完整？）")
        case .xmlDoubleDashInComment:
            return ("'--' inside a comment", "注释中出现了“--”")
        case let .xmlTextOutsideRoot(afterRoot):
            return afterRoot ? ("text after the root element", "根元素之后有文字") : ("text before the root element", "根元素之前有文字")
        case let .xmlEndsWhere(place):
            return ("the part ends where \(place.texts.0) should be (truncated?)", "部件在应为\(place.texts.1)的位置就结束了（文件不完整？）")
        case let .xmlExpected(place):
            return ("expected \(place.texts.0)", "此处应为\(place.texts.1)")
        case let .xmlNeverEnds(place):
            return ("\(place.texts.0) never ends (truncated?)", "\(place.texts.1)没有结束（文件不完整？）")
        case .xmlLessThanInAttribute:
            return ("a '<' inside an attribute value; write &lt;", "属性值中有“<”；请写成 &lt;")
        case .xmlCDATAEndInText:
            return ("']]>' in text outside a CDATA section", "CDATA 段之外的文字中有“]]>”")
        case .xmlBareAmpersand:
            return ("a '&' that starts no entity or character reference; write &amp;", "“&”之后既不是实体也不是字符引用；请写成 &amp;")
        case let .xmlUndefinedEntity(name):
            return ("the entity '&\(name);' is not defined (XML without a document type knows only &lt; &gt; &amp; &apos; &quot;)",
                    "实体“&\(name);”未定义（没有文档类型的 XML 只认得 &lt; &gt; &amp; &apos; &quot;）")
        case .xmlBadDigit:
            return ("a character reference with a digit it cannot have", "字符引用中有不该出现的数字")
        case let .xmlReferenceNotAllowed(digits):
            return ("the character reference '&#\(digits);' names no character XML allows", "字符引用“&#\(digits);”不是 XML 允许的字符")
        case let .unitServesOutOfBounds(unit, served, min, max):
            return ("unit \(unit) serves \(served) communities; it must serve between \(min) and \(max)",
                    "单位 \(unit) 服务 \(served) 个社区；应在 \(min) 到 \(max) 个之间")
        case let .communitySizeOutOfBounds(community, size, min, max):
            return ("community \(community) has \(size) units; it must have between \(min) and \(max)",
                    "社区 \(community) 有 \(size) 个单位；应在 \(min) 到 \(max) 个之间")
        case let .leadNotMember(community, lead):
            return ("community \(community): lead unit \(lead) is not one of its units",
                    "社区 \(community)：牵头单位 \(lead) 不是它的成员单位")
        case let .leadMayNotLead(community, unit):
            return ("community \(community): unit \(unit) may not lead (column can_lead)",
                    "社区 \(community)：单位 \(unit) 不能牵头（can_lead 列）")
        case let .noLeadUnit(community):
            return ("community \(community) has no lead unit", "社区 \(community) 没有牵头单位")
        case let .pairNotAllowed(unit, community):
            return ("unit \(unit) may not serve community \(community) (forbidden in pairs.csv or beyond --max-distance-km)",
                    "单位 \(unit) 不能服务社区 \(community)（pairs.csv 禁止，或超出 --max-distance-km）")
        case let .fixedPairMissing(unit, community):
            return ("unit \(unit) must serve community \(community) (fix in pairs.csv)",
                    "单位 \(unit) 必须服务社区 \(community)（pairs.csv 中固定）")
        case let .pinnedPairChanged(unit, community, pin, serves):
            return (serves ? "unit \(unit) serves community \(community), which it does not in the start plan (\(pin))"
                        : "unit \(unit) no longer serves community \(community) as in the start plan (\(pin))",
                    serves ? "单位 \(unit) 服务社区 \(community)，但起始方案中没有这一结对（\(pin)）"
                        : "单位 \(unit) 不再像起始方案那样服务社区 \(community)（\(pin)）")
        case let .leadPinOverridden(community, lead, pin, unit):
            return ("community \(community) is led by \(lead.map { "unit \($0)" } ?? "no unit"), but \(pin) wants unit \(unit)",
                    "社区 \(community) 的牵头单位是\(lead.map { "单位 \($0)" } ?? "空缺")，但 \(pin) 要求由单位 \(unit) 牵头")
        case let .tooManyChanges(changes, limit):
            return ("the plan changes \(changes) pairs of the start plan; --max-changes allows \(limit)",
                    "方案变动了起始方案的 \(changes) 个结对；--max-changes 只允许 \(limit) 个")
        case let .planUnknownID(noun, id):
            return ("unknown \(noun.rawValue) '\(id)'", "未知\(noun.chinese)“\(id)”")
        case let .planUnitListedTwice(unit, community):
            return ("unit \(unit) is listed twice for community \(community)", "单位 \(unit) 在社区 \(community) 下列出两次")
        case let .secondLead(community, unit):
            return ("community \(community) has a second lead unit \(unit)", "社区 \(community) 有第二个牵头单位 \(unit)")
        case let .groupPartlyListed(group, community, missing, several):
            return ("group \(group) serves community \(community) but \(missing) of the group \(several ? "are" : "is") not listed there",
                    "分组 \(group) 服务社区 \(community)，但该分组的 \(missing) 未在该社区下列出")
        case let .fixPairCrossesDistricts(unit, community, unitDistrict, communityDistrict):
            return ("fix pair \(unit)–\(community) crosses districts (unit in '\(unitDistrict)', community in '\(communityDistrict)'); "
                        + "districts are planned separately",
                    "固定结对 \(unit)–\(community) 跨了区县（单位在“\(unitDistrict)”，社区在“\(communityDistrict)”）；各区县分开编排")
        case let .crossDistrictPairsIgnored(count):
            return ("\(count) forbid/prefer row(s) pair a unit with a community of another district; ignored "
                        + "(districts are planned separately)",
                    "有 \(count) 行禁止/优先规则把单位与其他区县的社区结对；已忽略（各区县分开编排）")
        case let .pinCrossesDistricts(pin, unit, unitDistrict, community, communityDistrict):
            return ("\(pin) pairs unit \(unit) (district '\(unitDistrict)') with community \(community) (district "
                        + "'\(communityDistrict)'); districts are planned separately",
                    "\(pin) 把单位 \(unit)（区县“\(unitDistrict)”）与社区 \(community)（区县“\(communityDistrict)”）结对；各区县分开编排")
        case let .previousPairCrossesDistricts(unit, unitDistrict, community, communityDistrict):
            return ("previous plan pairs unit \(unit) (district '\(unitDistrict)') with community \(community) (district "
                        + "'\(communityDistrict)'); not kept (districts are planned separately)",
                    "上一轮方案把单位 \(unit)（区县“\(unitDistrict)”）与社区 \(community)（区县“\(communityDistrict)”）结对；"
                        + "不予保留（各区县分开编排）")
        case let .startPairCrossesDistricts(unit, unitDistrict, community, communityDistrict):
            return ("start plan (--from) pairs unit \(unit) (district '\(unitDistrict)') with community \(community) (district "
                        + "'\(communityDistrict)'); ignored (districts are planned separately)",
                    "起始方案（--from）把单位 \(unit)（区县“\(unitDistrict)”）与社区 \(community)（区县“\(communityDistrict)”）结对；"
                        + "已忽略（各区县分开编排）")
        case let .startPlanMissesDistrict(district):
            return ("start plan (--from) has no rows for district \(district); it is planned from scratch (no --max-changes there)",
                    "起始方案（--from）中没有区县 \(district) 的行；该区县从头编排（不受 --max-changes 限制）")
        case let .noDistrict(noun, id):
            return ("\(noun.rawValue) \(id) has no district (区县), but other rows do; every community and unit needs one for "
                        + "batch planning",
                    "\(noun.chinese) \(id) 没有填写区县，但其他行填写了；分区县批量编排时每个社区和单位都要填写区县")
        case let .districtWithoutCommunities(district):
            return ("district \(district) lists units but no communities", "区县 \(district) 有单位但没有社区")
        case let .planRowWrongDistrict(named, community, district):
            return ("row names district '\(named)' but community \(community) lies in '\(district)'",
                    "此行写的区县是“\(named)”，但社区 \(community) 属于“\(district)”")
        case let .unitServesOtherDistrict(unit, unitDistrict, community, communityDistrict):
            return ("unit \(unit) (district '\(unitDistrict)') serves community \(community) of district '\(communityDistrict)'; "
                        + "a unit serves only its own district",
                    "单位 \(unit)（区县“\(unitDistrict)”）服务区县“\(communityDistrict)”的社区 \(community)；单位只能服务本区县")
        case let .column(column):
            return column.texts
        case let .checkDistricts(count, names):
            return ("districts     \(count): \(names)", label("区县", 14) + "\(count) 个：\(names)")
        case let .checkError(text):
            return ("error         \(text)", label("错误", 14) + text)
        case let .inDistrict(text, district):
            return ("\(text) (district \(district))", "\(text)（区县 \(district)）")
        case .districtPassed:
            return ("passed", "通过")
        case let .districtPrechecksFailed(count):
            return ("\(count) pre-check\(count == 1 ? "" : "s") failed", "\(count) 项预检查未通过")
        case .districtInputError:
            return ("input error", "输入错误")
        case let .districtsWithInputErrors(count, of):
            return ("\(count) of \(of) districts have input errors", "\(of) 个区县中有 \(count) 个有输入错误")
        case let .rulesCell(broken):
            return broken == 0 ? ("all satisfied", "全部满足") : ("\(broken) broken", "违反 \(broken) 条")
        case let .districtFailed(district, error):
            return ("district \(district): \(error ?? "failed")", "区县 \(district)：\(error ?? "失败")")
        case let .districtsWithoutPlan(count, of, file):
            return ("\(count) of \(of) districts have no plan; see \(file)", "\(of) 个区县中有 \(count) 个没有方案；详见 \(file)")
        case let .wroteDistrictFiles(files):
            return ("wrote \(files) and one folder per district", "已写入 \(files)，以及每个区县一个文件夹")
        case let .stoppingRule(gap, batchDefault, timeLimit, atOnce):
            let (english, chinese) = Self.proven(gap: gap, batchDefault: batchDefault)
            return ("stopping rule: each district stops \(english) or after \(timeLimit) (--time-limit), \(atOnce) at once",
                    "停止规则：每个区县\(chinese)，或在 \(timeLimit) 后停止（--time-limit），同时求解 \(atOnce) 个")
        case let .stoppingRuleBudget(gap, batchDefault, districts, budget, atOnce, firstShare, cap):
            let (english, chinese) = Self.proven(gap: gap, batchDefault: batchDefault)
            return ("stopping rule: each district stops \(english); all \(districts) within \(budget) (--time-budget), "
                        + "\(atOnce) at once: \(firstShare) each first, then what is left to those not yet within the gap, "
                        + "hardest first" + (cap.map { ", each solve at most \($0) (--time-limit)" } ?? ""),
                    "停止规则：每个区县\(chinese)；全部 \(districts) 个区县共用 \(budget)（--time-budget），同时求解 \(atOnce) 个："
                        + "先各用 \(firstShare)，剩余时间再分给尚未达到差距要求的区县，最难的优先"
                        + (cap.map { "，每次求解至多 \($0)（--time-limit）" } ?? ""))
        case let .timeBudgetUsed(used, budget, secondPass, districts):
            return ("time budget: \(used) of \(budget) used; "
                        + (secondPass == 0 ? "no district had a second pass"
                            : "a second pass for \(secondPass) district\(secondPass == 1 ? "" : "s") (\(districts))"),
                    "时间预算：已用 \(used) / \(budget)；"
                        + (secondPass == 0 ? "没有区县进行第二轮求解" : "\(secondPass) 个区县进行了第二轮求解（\(districts)）"))
        case let .districtProgress(bar, done, total, failed, running, seconds):
            return ("districts [\(bar)] \(done)/\(total) done" + (failed > 0 ? ", \(failed) failed" : "")
                        + ", \(running) running, \(seconds)",
                    "区县 [\(bar)] 已完成 \(done)/\(total)" + (failed > 0 ? "，失败 \(failed) 个" : "")
                        + "，进行中 \(running) 个，\(seconds)")
        case let .shardForm(got):
            return ("--shard takes I/N (0 ≤ I < N), auto/N or auto; got '\(got)'",
                    "--shard 应写成 I/N（0 ≤ I < N）、auto/N 或 auto；实际为“\(got)”")
        case .shardCountMissing:
            return ("--shard auto needs the number of tasks: write --shard auto/N, or run it as a task of a Slurm array "
                        + "job (SLURM_ARRAY_TASK_COUNT)",
                    "--shard auto 需要任务总数：请写 --shard auto/N，或作为 Slurm 数组作业的任务运行（SLURM_ARRAY_TASK_COUNT）")
        case .shardIndexMissing:
            return ("--shard auto takes the task's index from SLURM_ARRAY_TASK_ID (a Slurm array job) or "
                        + "JOB_COMPLETION_INDEX (a Kubernetes Indexed Job), and neither is set",
                    "--shard auto 从 SLURM_ARRAY_TASK_ID（Slurm 数组作业）或 JOB_COMPLETION_INDEX（Kubernetes 索引作业）"
                        + "读取任务序号，但两者都没有设置")
        case let .shardIndexOutOfRange(index, count):
            return ("shard index \(index) is outside 0…\(count - 1): --shard I/N needs 0 ≤ I < N (here N = \(count))",
                    "分片序号 \(index) 不在 0…\(count - 1) 之内：--shard I/N 要求 0 ≤ I < N（此处 N = \(count)）")
        case let .shardBadVariable(name, value):
            return ("\(name)='\(value)' is not a whole number", "\(name)=“\(value)” 不是整数")
        case .shardNeedsDistricts:
            return ("--shard and --scenarios need lists with a district column (区县): only a batch by district can be split",
                    "--shard 和 --scenarios 需要带区县列的名单：只有按区县批量求解时才能分片或按方案求解")
        case let .districtSkipped(district, folder):
            return ("\(district): skipped, \(folder) already holds its plan from the same lists and options "
                        + "(--force solves it again)",
                    "\(district)：已跳过，\(folder) 中已有用相同名单和选项得到的方案（如要重新求解请用 --force）")
        case let .shardDone(shard, solved, skipped, failed, folder):
            return ("shard \(shard): \(solved) district\(solved == 1 ? "" : "s") solved, \(skipped) skipped, "
                        + "\(failed) failed, into \(folder); once every shard has finished: alliance merge \(folder)",
                    "分片 \(shard)：求解 \(solved) 个区县，跳过 \(skipped) 个，失败 \(failed) 个，写入 \(folder)；"
                        + "所有分片完成后运行：alliance merge \(folder)")
        case let .mergeNoManifest(folder):
            return ("\(folder) holds no shards/shard-*.json: it was not written by `alliance solve --shard`",
                    "\(folder) 中没有 shards/shard-*.json：它不是 `alliance solve --shard` 写出的文件夹")
        case let .mergeManifestsDisagree(file, other):
            return ("\(file) and \(other) describe different batches (other lists, districts or options); "
                        + "merge the shards of one batch only",
                    "\(file) 与 \(other) 属于不同的批量求解（名单、区县或选项不同）；只能合并同一批次的分片")
        case let .mergeManifestUnreadable(file, reason):
            return ("\(file) is not a shard manifest of alliance (\(reason))", "\(file) 不是 alliance 的分片清单（\(reason)）")
        case let .mergeMissing(count, of, districts):
            return ("\(count) of \(of) districts have no plan yet (not solved, or solved from other lists or options): "
                        + districts,
                    "\(of) 个区县中有 \(count) 个还没有方案（尚未求解，或是用其他名单或选项求解的）：" + districts)
        case let .mergeFailed(count, of, districts):
            return ("\(count) of \(of) districts failed (why: districts.csv): \(districts)",
                    "\(of) 个区县中有 \(count) 个求解失败（原因见 districts.csv）：\(districts)")
        case let .districtNotSolvedYet(shard):
            return ("no plan yet: shard \(shard) has not written this district", "尚无方案：分片 \(shard) 还没有写出这个区县")
        case .statusFailedWord:
            return ("failed", "失败")
        case .scenariosWithTimeBudget:
            return ("--scenarios and --time-budget exclude each other: give each scenario its time_limit instead",
                    "--scenarios 和 --time-budget 不能同时使用：请在各方案的 time_limit 中给出时限")
        case let .duplicateScenario(name, first):
            return ("scenario '\(name)' is listed twice (first at \(first)); each scenario needs a name of its own",
                    "方案“\(name)”出现了两次（第一次在 \(first)）；每个方案要有自己的名称")
        case let .generateCount(option, maximum):
            return ("\(option) must be a whole number from 1 (2 for communities and units) to \(maximum)",
                    "\(option) 应为 1（社区数和单位数为 2）到 \(maximum) 之间的整数")
        case let .generatedCity(districts, communities, units, family, folder):
            return ("wrote generated lists into \(folder): \(districts) district\(districts == 1 ? "" : "s") of "
                        + "\(communities) communities × \(units) units each, family \(family)",
                    "已向 \(folder) 写入生成的名单：\(districts) 个区县，每个 \(communities) 个社区 × \(units) 个单位，"
                        + "类型 \(family)")
        case let .generatedPeople(members, posts, seats):
            return ("and members.csv, posts.csv: \(members) members, \(posts) posts with \(seats) seats",
                    "以及 members.csv、posts.csv：\(members) 名党员，\(posts) 个岗位/订单共 \(seats) 个席位")
        case .pinsFileMissing:
            return ("pins file is missing", "锁定文件不存在")
        case .planFileMissing:
            return ("plan file is missing", "方案文件不存在")
        case let .pinName(kind, target, at):
            return ("\(kind.rawValue) pin \(target)" + (at.map { " (\($0))" } ?? ""),
                    "\(Self.chinese(kind))锁定 \(target)" + (at.map { "（\($0)）" } ?? ""))
        case let .unknownPinKind(word):
            return ("unknown pin kind '\(word)'; use unit, community or lead (单位, 社区, 牵头)",
                    "未知锁定类型“\(word)”；请用 单位、社区 或 牵头（unit、community、lead）")
        case let .pinValueMissing(header, rule):
            return ("missing \(header): \(rule.texts.0)", "未填写 \(header)：\(rule.texts.1)")
        case let .pinColumnMissing(rule, column, alias):
            return ("\(rule.texts.0), but there is no \(column) column (\(alias))", "\(rule.texts.1)，但没有 \(column) 列（\(alias)）")
        case let .pinValueUnexpected(rule, header, found):
            return ("\(rule.texts.0); leave \(header) empty (found '\(found)')",
                    "\(rule.texts.1)；\(header) 请留空（实际为“\(found)”）")
        case let .pinListedTwice(kind, target, first):
            return ("\(kind.rawValue) pin \(target) is listed twice (first at \(first))",
                    "\(Self.chinese(kind))锁定 \(target) 列出两次（首次出现在 \(first)）")
        case let .unknownPinUnit(id):
            return ("unknown unit '\(id)' (neither an id in organizations.csv nor a group name)",
                    "未知单位“\(id)”（既不是 organizations.csv 中的编号，也不是分组名称）")
        case .pinExpectsUnit:
            return ("expected a unit id or group name", "应为单位编号或分组名称")
        case .pinExpectsCommunity:
            return ("expected a community id", "应为社区编号")
        case .pinLeadForm:
            return ("expected COMMUNITY=UNIT (e.g. --pin-lead C1=U3)", "应写成 社区=单位（例如 --pin-lead C1=U3）")
        case .pinLeadBothIDs:
            return ("expected COMMUNITY=UNIT with both ids (e.g. --pin-lead C1=U3)",
                    "应写成 社区=单位，两个编号都要填写（例如 --pin-lead C1=U3）")
        case .pinLeadOneEquals:
            return ("expected one '=' between the community and the unit", "社区和单位之间应只有一个“=”")
        case let .maxChangesNegative(limit):
            return ("--max-changes must be 0 or more, not \(limit)", "--max-changes 应为 0 或以上，实际为 \(limit)")
        case .maxChangesNeedsFrom:
            return ("--max-changes counts changes against a start plan: give one with --from",
                    "--max-changes 计算的是相对起始方案的变动：请用 --from 给出起始方案")
        case let .pinNamesNoUnit(kind):
            return ("the \(kind.rawValue) pin names no unit", "\(Self.chinese(kind))锁定没有写明单位")
        case let .pinNamesNoCommunity(kind):
            return ("the \(kind.rawValue) pin names no community", "\(Self.chinese(kind))锁定没有写明社区")
        case let .pinNeedsFrom(kind):
            return ("a \(kind.rawValue) pin keeps what the start plan says: give one with --from",
                    "\(Self.chinese(kind))锁定保留起始方案中的安排：请用 --from 给出起始方案")
        case let .pinAgainstForbid(pin, pair, forbidAt):
            return ("\(pin) keeps the pair \(pair), but pairs.csv forbids it" + (forbidAt.map { " (forbid at \($0))" } ?? "")
                        + ": drop the pin or the forbid row",
                    "\(pin) 保留结对 \(pair)，但 pairs.csv 禁止该结对" + (forbidAt.map { "（禁止见 \($0)）" } ?? "")
                        + "：请删去锁定或禁止行")
        case let .pinAgainstPin(pin, forLead, pair, other):
            return ("\(pin) \(forLead ? "needs the pair \(pair) for the lead" : "keeps the pair \(pair)"), but \(other) removes it "
                        + "(it is not in the start plan)",
                    "\(pin) \(forLead ? "牵头需要结对 \(pair)" : "保留结对 \(pair)")，但 \(other) 会去掉该结对（它不在起始方案中）")
        case let .pinRemovesFixed(pin, pair, fixAt):
            return ("\(pin) removes the pair \(pair) (it is not in the start plan), but pairs.csv fixes it"
                        + (fixAt.map { " (fix at \($0))" } ?? " (fix in pairs.csv)") + ": drop the pin or the fix row",
                    "\(pin) 会去掉结对 \(pair)（它不在起始方案中），但 pairs.csv 固定了该结对"
                        + (fixAt.map { "（固定见 \($0)）" } ?? "（pairs.csv 中的固定行）") + "：请删去锁定或固定行")
        case let .leadPinWithoutLeadRule(pin):
            return ("\(pin) names a lead, but the lead rule is off (--no-lead-rule): drop the pin or the option",
                    "\(pin) 指定了牵头单位，但牵头规则已关闭（--no-lead-rule）：请删去锁定或该选项")
        case let .leadPinsDisagree(community, pins):
            return ("community \(community) has lead pins for different units: \(pins); keep one",
                    "社区 \(community) 的牵头锁定指定了不同的单位：\(pins)；请只保留一个")
        case let .leadPinCannotLead(pin, unit, community, fromStart):
            return ((fromStart ? "\(pin) keeps unit \(unit) as the lead of community \(community) (as in the start plan)"
                        : "\(pin) makes unit \(unit) the lead of community \(community)") + ", but the unit may not lead (column can_lead)",
                    (fromStart ? "\(pin) 保留单位 \(unit) 为社区 \(community) 的牵头单位（与起始方案相同）"
                        : "\(pin) 指定单位 \(unit) 为社区 \(community) 的牵头单位") + "，但该单位不能牵头（can_lead 列）")
        case let .leadPinNotAllowed(pin, pair):
            return ("\(pin) needs the pair \(pair), but it is not allowed (--max-distance-km or --candidates)",
                    "\(pin) 需要结对 \(pair)，但该结对不允许（--max-distance-km 或 --candidates）")
        case let .pinsOverfillCommunity(community, required, pins, fixRows, max):
            return ("community \(community) must keep \(required) units because of \(pins)" + (fixRows ? " and pairs.csv fix rows" : "")
                        + ", but takes at most \(max) (max_orgs): drop a pin or raise max_orgs",
                    "由于 \(pins)" + (fixRows ? " 和 pairs.csv 的固定行" : "") + "，社区 \(community) 必须保留 \(required) 个单位，"
                        + "但至多接纳 \(max) 个（max_orgs）：请删去一个锁定或提高 max_orgs")
        case let .pinsUnderfillCommunity(community, min, leadRule, allowed, pins):
            return ("community \(community) needs at least \(min) units (min_orgs\(leadRule ? ", lead rule" : "")), but only "
                        + "\(allowed) may serve it because of \(pins): drop a pin or lower min_orgs",
                    "社区 \(community) 至少需要 \(min) 个单位（min_orgs\(leadRule ? "、牵头规则" : "")），但由于 \(pins)，"
                        + "只有 \(allowed) 个单位可以与它结对：请删去一个锁定或降低 min_orgs")
        case let .pinsOverfillUnit(unit, required, pins, fixRows, max):
            return ("unit \(unit) must keep \(required) communities because of \(pins)" + (fixRows ? " and pairs.csv fix rows" : "")
                        + ", but serves at most \(max) (max_communities): drop a pin or raise max_communities",
                    "由于 \(pins)" + (fixRows ? " 和 pairs.csv 的固定行" : "") + "，单位 \(unit) 必须保留 \(required) 个社区，"
                        + "但至多服务 \(max) 个（max_communities）：请删去一个锁定或提高 max_communities")
        case let .pinsUnderfillUnit(unit, min, allowed, pins):
            return ("unit \(unit) must serve at least \(min) communities (min_communities), but only \(allowed) are allowed "
                        + "because of \(pins): drop a pin or lower min_communities",
                    "单位 \(unit) 至少要服务 \(min) 个社区（min_communities），但由于 \(pins)，只有 \(allowed) 个社区可以与它结对："
                        + "请删去一个锁定或降低 min_communities")
        case let .maxChangesTooSmall(limit, forced):
            return ("--max-changes \(limit) is too small: \(forced) pair\(forced == 1 ? "" : "s") must change anyway "
                        + "(start-plan pairs no longer allowed, fix rows and lead pins not in the start plan)",
                    "--max-changes \(limit) 太小：无论如何都有 \(forced) 个结对必须变动"
                        + "（起始方案中已不允许的结对、不在起始方案中的固定行和牵头锁定）")
        case let .listAndMore(shown, more):
            return (shown + " and \(more) more", shown + " 等，另有 \(more) 个")

        case let .term(term):
            return (term.rawValue, Self.chinese(term))
        case let .termShort(term):
            return switch term {
            case .coverage: ("cov", "覆盖")
            case .balance: ("bal", "均衡")
            case .distance: ("dist", "距离")
            case .preference: ("pref", "偏好")
            case .keep: ("keep", "保留")
            }
        case let .leadMark(id):
            return ("\(id) (lead)", "\(id)（牵头）")
        case let .list(items):
            return (items.joined(separator: ", "), items.joined(separator: "、"))
        case let .clauses(items):
            return (items.joined(separator: "; "), items.joined(separator: "；"))
        case let .explainObjective(objective, broken):
            return ("objective   \(objective)   " + (broken == 0 ? "all rules satisfied" : "\(broken) broken rule\(broken == 1 ? "" : "s")"),
                    label("目标值") + "\(objective)   " + (broken == 0 ? "全部规则均满足" : "违反 \(broken) 条规则"))
        case .explainTermHeader:
            return ("term        value       weight  weighted", label("目标项") + label("数值") + label("权重", 8) + "加权值")
        case .explainBrokenRules:
            return ("broken rules", "违反的规则")
        case .explainCommunitiesHeading:
            return ("communities, most costly first (cost: coverage lost + balance + distance, weighted)",
                    "各社区，代价高的在前（代价 = 损失的覆盖率 + 均衡 + 距离，加权）")
        case let .explainCommunity(id, name, cost, objective, strength, band, excess, above, units):
            let english = excess.map { "\(above ? "above" : "below") band \(band) by \($0)" } ?? "inside band \(band)"
            let chinese = excess.map { "比区间 \(band) \(above ? "高" : "低") \($0)" } ?? "在区间 \(band) 内"
            return ("  \(id) \(name)  cost \(cost)  objective \(objective)  strength \(strength) \(english)  units \(units)",
                    "  \(id) \(name)  代价 \(cost)  目标值 \(objective)  力量 \(strength)，\(chinese)  单位 \(units) 个")
        case let .explainNeed(category, amount, priority, covered, providers, uncovered, noHolder):
            return ("    need \(category) \(amount) (priority \(priority)): "
                        + (covered.map { "covered \($0) by \(providers)" } ?? "nothing covered")
                        + (uncovered.map { "; uncovered \($0), " + (noHolder ? "nobody in the alliance holds it" : "the shares are too small") } ?? ""),
                    "    需求 \(category) \(amount)（优先级 \(priority)）："
                        + (covered.map { "覆盖 \($0)，由 \(providers) 提供" } ?? "未覆盖")
                        + (uncovered.map { "；未覆盖 \($0)，" + (noHolder ? "联盟中没有单位具备该资源" : "各单位的份额太小") } ?? ""))
        case let .explainMember(lead, id, name, km, strength, preference, kept, objective, terms):
            return ("    \(lead ? "lead  " : "member") \(id) \(name)  \(km) km  strength \(strength)"
                        + (preference.map { "  prefer \($0)" } ?? "") + (kept ? "  kept" : "") + "  objective \(objective)  \(terms)",
                    "    \(lead ? "牵头" : "成员") \(id) \(name)  \(km) 公里  力量 \(strength)"
                        + (preference.map { "  偏好 \($0)" } ?? "") + (kept ? "  保留" : "") + "  目标值 \(objective)  \(terms)")
        case let .explainOwnBalance(value, tooWeak):
            return ("    community's own balance part \(value)" + (tooWeak ? " (too weak: no member caused it)" : ""),
                    "    社区自身的均衡部分 \(value)" + (tooWeak ? "（力量太弱：并非某个成员单位造成）" : ""))
        case .explainUnitsHeading:
            return ("units, lowest contribution first", "各单位，贡献低的在前")
        case let .explainUnit(id, name, serves, load, min, max, objective, terms):
            let outside = load < min || load > max
            return ("  \(id) \(name)  serves \(serves ?? "nothing")  load \(load) of \(min)–\(max)\(outside ? " (outside!)" : "")"
                        + "  objective \(objective)  \(terms)",
                    "  \(id) \(name)  服务 \(serves ?? "无")  社区数 \(load)，应为 \(min)–\(max)\(outside ? "（超出！）" : "")"
                        + "  目标值 \(objective)  \(terms)")
        case let .districtLine(district):
            return ("district    \(district)", label("区县") + district)
        case let .suggestUnitSubject(id, name, serves):
            return ("unit \(id) \(name) serves \(serves ?? "nothing")", "单位 \(id) \(name) 服务 \(serves ?? "无")")
        case let .suggestCommunitySubject(id, name, units):
            return ("community \(id) \(name) has \(units)", "社区 \(id) \(name) 有 \(units)")
        case let .suggestHeadline(subject, objective, broken):
            return ("\(subject); plan objective \(objective)"
                        + (broken > 0 ? " (the plan breaks \(broken) rule\(broken == 1 ? "" : "s"))" : ""),
                    "\(subject)；方案目标值 \(objective)" + (broken > 0 ? "（方案违反 \(broken) 条规则）" : ""))
        case let .suggestFeasibleHeading(shown, of):
            return ("feasible changes, best first (\(shown) of \(of))", "可行的调整，最好的在前（共 \(of) 项，列出 \(shown) 项）")
        case let .suggestInfeasibleHeading(shown, of):
            return ("infeasible changes (\(shown) of \(of))", "不可行的调整（共 \(of) 项，列出 \(shown) 项）")
        case let .suggestBreaks(rule, text):
            return ("breaks \(rule): \(text)", "违反 \(rule)：\(text)")
        case let .suggestStillBreaks(count):
            return ("the plan would still break \(count) rule\(count == 1 ? "" : "s")", "方案仍将违反 \(count) 条规则")
        case let .suggestRepairs(rules):
            return ("repairs \(rules)", "修复 \(rules)")
        case let .editMove(unit, from, to):
            return (Self.who(unit).0 + "move \(from) → \(to)", Self.who(unit).1 + "从 \(from) 调到 \(to)")
        case let .editAdd(unit, to):
            return (Self.who(unit).0 + "add to \(to)", Self.who(unit).1 + "加入 \(to)")
        case let .editRemove(unit, from):
            return (Self.who(unit).0 + "take out of \(from)", Self.who(unit).1 + "退出 \(from)")
        case let .editSwap(unit, from, to, with):
            return (Self.who(unit).0 + "swap \(from) ↔ \(to) with \(with)", Self.who(unit).1 + "与 \(with) 互换 \(from) ↔ \(to)")
        case let .editSetLead(unit, community, instead):
            return (Self.who(unit).0 + "make lead of \(community)" + (instead.map { " instead of \($0)" } ?? ""),
                    Self.who(unit).1 + "担任 \(community) 的牵头单位" + (instead.map { "（替代 \($0)）" } ?? ""))
        case let .editHandLead(unit, community, to):
            return (Self.who(unit).0 + "hand lead of \(community) to \(to)", Self.who(unit).1 + "把 \(community) 的牵头交给 \(to)")
        case let .unitWouldServe(unit, served, min, max):
            return ("unit \(unit) would serve \(served) communities; it must serve between \(min) and \(max)",
                    "单位 \(unit) 将服务 \(served) 个社区；应在 \(min) 到 \(max) 个之间")
        case let .communityWouldHave(community, size, min, max):
            return ("community \(community) would have \(size) units; it must have between \(min) and \(max)",
                    "社区 \(community) 将有 \(size) 个单位；应在 \(min) 到 \(max) 个之间")
        case let .communityWouldHaveNoLead(community):
            return ("community \(community) would have no lead unit", "社区 \(community) 将没有牵头单位")
        case let .leadWouldNotBeMember(community, lead):
            return ("community \(community): lead unit \(lead) would be not one of its units",
                    "社区 \(community)：牵头单位 \(lead) 将不是它的成员单位")
        case let .diffCounts(joined, left, moved, roleChanged, unchanged):
            return ("organizations  \(joined) joined, \(left) left, \(moved) moved, \(roleChanged) changed role, \(unchanged) unchanged",
                    "单位  新加入 \(joined) 个，退出 \(left) 个，调动 \(moved) 个，角色变动 \(roleChanged) 个，未变 \(unchanged) 个")
        case let .diffChange(change):
            return change.texts
        case .diffNoChanges:
            return ("the plans assign every organization alike", "两个方案对每个单位的安排都相同")
        case let .statusWord(status):
            return switch status {
            case .optimal: ("optimal", "最优")
            case .feasible: ("feasible", "可行")
            case .infeasible: ("infeasible", "无解")
            case .interrupted: ("interrupted", "已中断")
            }
        case .noPlanCell:
            return ("no plan", "无方案")
        case let .bestProvenBound(bound):
            return ("best proven bound \(bound)", "已证明的最佳界 \(bound)")
        case let .strategyFailed(strategy, error):
            return ("\(strategy): \(error)", "\(strategy)：\(error)")

        case let .startPlanNote(text):
            return ("start plan: \(text)", "起始方案：\(text)")
        case let .repairRemoved(unit, community, why):
            return ("start plan: removed unit \(unit) from community \(community): \(why)",
                    "起始方案：已将单位 \(unit) 移出社区 \(community)：\(why)")
        case let .repairAdded(unit, community, why):
            return ("start plan: added unit \(unit) to community \(community): \(why)",
                    "起始方案：已将单位 \(unit) 加入社区 \(community)：\(why)")
        case let .repairLead(community, now, before, why):
            return ("start plan: community \(community) is now led by \(now.map { "unit \($0)" } ?? "no unit") instead of "
                        + "\(before.map { "unit \($0)" } ?? "no unit"): \(why)",
                    "起始方案：社区 \(community) 的牵头单位由\(before.map { "单位 \($0) " } ?? "空缺")改为"
                        + "\(now.map { "单位 \($0)" } ?? "空缺")：\(why)")
        case let .whyForbidden(at):
            return ("pairs.csv forbids the pair" + (at.map { " (forbid at \($0))" } ?? ""),
                    "pairs.csv 禁止该结对" + (at.map { "（禁止见 \($0)）" } ?? ""))
        case .whyNotAllowed:
            return ("the pair is not allowed (--max-distance-km or --candidates)", "该结对不允许（--max-distance-km 或 --candidates）")
        case let .whyUnitAboveMax(unit, served, max):
            return ("unit \(unit) serves \(served) communit\(served == 1 ? "y" : "ies") in the start plan, more than max_communities \(max)",
                    "单位 \(unit) 在起始方案中服务 \(served) 个社区，超过 max_communities \(max)")
        case let .whyCommunityAboveMax(community, size, max):
            return ("community \(community) has \(size) unit\(size == 1 ? "" : "s") in the start plan, more than max_orgs \(max)",
                    "社区 \(community) 在起始方案中有 \(size) 个单位，超过 max_orgs \(max)")
        case let .whyNeededIn(community):
            return ("the unit is needed in community \(community) (see there)", "社区 \(community) 需要该单位（见该社区）")
        case .whyAnotherRule:
            return ("to meet another rule after the repairs above", "为在上述修补后满足其他规则")
        case let .whyPinRequires(pin):
            return ("\(pin) requires the pair", "\(pin) 要求该结对")
        case let .whyFixed(at):
            return ("pairs.csv fixes the pair" + (at.map { " (fix at \($0))" } ?? ""),
                    "pairs.csv 固定了该结对" + (at.map { "（固定见 \($0)）" } ?? ""))
        case let .whyCommunityBelowMin(community, size, min):
            return ("community \(community) has \(size) unit\(size == 1 ? "" : "s") in the start plan, fewer than its minimum \(min) (min_orgs)",
                    "社区 \(community) 在起始方案中只有 \(size) 个单位，少于下限 \(min)（min_orgs）")
        case let .whyNoLeader(community):
            return ("community \(community) has no unit that may lead in the start plan (lead rule)",
                    "社区 \(community) 在起始方案中没有可牵头的单位（牵头规则）")
        case let .whyUnitBelowMin(unit, served, min):
            return ("unit \(unit) serves \(served) communit\(served == 1 ? "y" : "ies") in the start plan, fewer than min_communities \(min)",
                    "单位 \(unit) 在起始方案中只服务 \(served) 个社区，少于 min_communities \(min)")
        case let .whyMovedFrom(community):
            return ("moved from community \(community) to meet another rule", "为满足其他规则从社区 \(community) 调来")
        case let .whyPinNamesLead(pin):
            return ("\(pin) names it", "\(pin) 指定了该单位")
        case let .whyLeadNotMember(unit):
            return ("unit \(unit) led it but was not one of its units", "原牵头单位 \(unit) 不是它的成员单位")
        case let .whyLeadMayNotLead(unit):
            return ("unit \(unit) led it but may not lead (column can_lead)", "原牵头单位 \(unit) 不能牵头（can_lead 列）")
        case let .whyLeadLeft(unit):
            return ("unit \(unit) no longer serves it (see above)", "原牵头单位 \(unit) 已不再服务该社区（见上）")
        case .whyPinNamesOtherLead:
            return ("a pin names another lead", "锁定指定了另一个牵头单位")
        case .whyHadNoLead:
            return ("it had no lead unit in the start plan", "起始方案中该社区没有牵头单位")
        case let .keptMatchDropped(member, post, why):
            let (english, chinese) = why.texts
            return ("match of member \(member) in post \(post) not kept: \(english)",
                    "成员 \(member) 在岗位 \(post) 的安排未保留：\(chinese)")
        case let .peopleNeedCommunityCoordinates(community):
            return ("--candidates and --max-distance-km need coordinates (x,y or lat,lon) for every community; community \(community) has none",
                    "--candidates 和 --max-distance-km 要求每个社区都有坐标（x,y 或 lat,lon）；社区 \(community) 没有坐标")
        case let .peopleUnknownMember(member):
            return ("unknown member \(member)", "未知成员 \(member)")
        case let .peopleUnknownPost(post):
            return ("unknown post \(post)", "未知岗位 \(post)")
        case let .peopleRepeatedMatch(member, post):
            return ("member \(member) is in post \(post) twice", "成员 \(member) 在岗位 \(post) 中出现两次")
        case let .peopleSkillMismatch(member, post, category):
            return ("member \(member) has no skill \(category), which post \(post) asks for",
                    "成员 \(member) 没有岗位 \(post) 所需的技能 \(category)")
        case let .peopleNotCandidate(member, community):
            return ("member \(member) may not serve in community \(community) (too far, or not among the member's nearest communities)",
                    "成员 \(member) 不能到社区 \(community) 服务（距离过远，或不在其最近的候选社区内）")
        case let .peopleOverCapacity(member, capacity):
            return ("member \(member) takes more than \(capacity) seat(s)", "成员 \(member) 承担的岗位超过 \(capacity) 个")
        case let .peopleOverSeats(post, seats):
            return ("post \(post) has more than \(seats) member(s)", "岗位 \(post) 的人数超过 \(seats) 人")
        case let .peopleKeptMissing(member, post):
            return ("the kept match of member \(member) in post \(post) is missing", "应保留的成员 \(member) 在岗位 \(post) 的安排缺失")
        case let .peopleMembersLine(members, seats):
            return ("members     \(members) (can take \(seats) seats)", label("党员") + "\(members) 人（可承担 \(seats) 个岗位）")
        case let .peoplePostsLine(posts, seats, orders):
            return ("posts       \(posts) (\(seats) seats; \(orders) of them orders)",
                    label("岗位") + "\(posts) 个（\(seats) 个名额；其中订单 \(orders) 个）")
        case let .peopleFilledLine(filled, seats, share, home, unit, kept):
            return ("filled      \(filled) of \(seats) seats (\(share)); \(home) in the member's home community, "
                        + "\(unit) where the member's unit serves, \(kept) kept",
                    label("已安排") + "\(filled) / \(seats) 个名额（\(share)）；在本人所在社区 \(home) 个，"
                        + "在本单位包联社区 \(unit) 个，保留原安排 \(kept) 个")
        case let .peopleOpenLine(open, noSkill, tooFar, allBusy):
            return ("open        \(open) seats: \(noSkill) nobody has the skill, \(tooFar) too far, \(allBusy) all such members busy",
                    label("空缺") + "\(open) 个名额：无人具备该技能 \(noSkill) 个，距离过远 \(tooFar) 个，具备技能者均已满额 \(allBusy) 个")
        case let .peopleObjectiveLine(objective, optimal, method, seconds):
            return ("matching    \(objective)" + (optimal ? " (optimal" : " (not proven optimal") + ", \(method), \(seconds))",
                    label("安排目标值") + objective + (optimal ? "（最优" : "（未证明最优") + "，\(method)，\(seconds)）")
        case let .peopleMatchingInvalid(count, first):
            return ("the matching breaks \(count) rule(s), first: \(first)", "人员安排违反 \(count) 条规则，第一条：\(first)")
        case let .peopleAlgorithmUnavailable(algorithm, fallback):
            return ("--algorithm \(algorithm) is not available in this GLPK (use \(fallback))",
                    "此版本 GLPK 不提供 --algorithm \(algorithm)（请用 \(fallback)）")
        case .peopleReassignNeedsFrom:
            return ("--reassign needs --from people.csv", "--reassign 需要同时给出 --from people.csv")
        case let .peopleListsMissing(path):
            return ("\(path) has no members.csv and posts.csv (sheets 成员 and 岗位)",
                    "\(path) 中没有 members.csv 和 posts.csv（或工作表 成员、岗位）")
        case let .unknownPostKind(word):
            return ("unknown post kind '\(word)'; use post or order (岗位, 订单)",
                    "未知岗位类型“\(word)”；请用 岗位 或 订单（post、order）")
        case .matchesFileMissing:
            return ("matching file (people.csv) is missing", "人岗安排文件（people.csv）不存在")
        case let .peopleNotInBatch(lists, plan):
            return ("members.csv and posts.csv are not matched district by district; after the batch, match them over "
                    + "the whole city with: alliance people \(lists) --plan \(plan)",
                    "按区县分批规划时不安排党员岗位（members.csv、posts.csv）；规划完成后可按全市统一安排：alliance people \(lists) --plan \(plan)")
        }
    }

    /// How to save a list so that it reads as UTF-8: (English, Chinese).
    private static let saveHint = ("save it as \"CSV UTF-8\" (Excel: Save As › CSV UTF-8 (逗号分隔))",
                                   "请另存为“CSV UTF-8”（Excel：另存为 › CSV UTF-8 (逗号分隔)）")

    /// A Chinese label padded to `width` terminal columns (a Chinese character takes two), so
    /// that the values of a summary line up as they do in English.
    private func label(_ text: String, _ width: Int = 12) -> String {
        text + String(repeating: " ", count: Swift.max(1, width - Self.columns(text)))
    }

    /// How many terminal columns `text` takes: two for a Chinese (CJK) character or full-width
    /// sign, one for any other. The text tables pad their cells by it so that columns line up in
    /// both languages.
    public static func columns<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }

    /// `text` followed by spaces up to `width` terminal columns (none when it is already as wide).
    public static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: Swift.max(0, width - columns(text)))
    }
}
