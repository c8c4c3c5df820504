import Foundation
import XCTest
@testable import AllianceInput
@testable import AllianceKit
@testable import AllianceModel

/// The string table (`Message`) is complete: every message has an English and a Chinese text,
/// and both mention every argument it is given. Also: how the language is chosen from the
/// locale, and that the readers and pre-checks speak Chinese when asked while keeping the
/// `file:line:column` prefix.
final class MessageTableTests: XCTestCase {
    /// One example of every message, with arguments no text could contain by chance.
    /// A new case of `Message` must be added here: `testEveryCaseHasASample` fails until it is.
    static let samples: [Message] = [
        .inputErrors(count: 9001), .nothingWritten, .warning("ARG-warning"),
        .missingValue(column: "ARG-col"), .expectedNumber(found: "ARG-found", decimalComma: true),
        .mustBeNonNegative(column: "ARG-col", found: "ARG-found"), .mustBePositive(column: "ARG-col", found: "ARG-found"),
        .expectedWholeNumber(found: "ARG-found"), .mustBeAtLeast(column: "ARG-col", minimum: 9002, found: "ARG-found"),
        .expectedBoolean(found: "ARG-found"),
        .minAboveMax(minColumn: "ARG-min", min: 9003, maxColumn: "ARG-max", max: 9004, maxByDefault: true),
        .emptyTable(isSheet: true, expected: "ARG-columns"), .unusedColumn(column: "ARG-col", file: "ARG-file"),
        .duplicateColumn(column: "ARG-col", writtenAs: "ARG-written", earlier: "ARG-earlier"), .columnNumber(9005),
        .missingColumn(column: "ARG-col", alias: "ARG-alias", file: "ARG-file"), .tooManyCells(count: 9006, width: 9007),
        .requiredFileMissing, .unknownID(.unit, id: "ARG-id", list: "ARG-list"),
        .duplicateID(.community, id: "ARG-id", first: "ARG-first"), .titleRowsSkipped(headerRow: 9008),
        .fullWidthNumbers(count: 9009, cells: "ARG-cells", more: 9010), .unexpectedByteOrderMark(pasted: true),
        .unterminatedQuote, .textAfterClosingQuote, .unexpectedNUL,
        .coordinateWithoutPair(column: "ARG-col", other: "ARG-other"), .bothCoordinateKinds,
        .latitudeOutOfRange(column: "ARG-col", found: "ARG-found"), .longitudeOutOfRange(column: "ARG-col", found: "ARG-found"),
        .placesWithoutCoordinates(communities: 9071, ofCommunities: 9072, units: 9073, ofUnits: 9074), .mixedCoordinateKinds,
        .groupNamedAfterUnit(group: "ARG-group", unitAt: "ARG-at"),
        .groupSpansDistricts(group: "ARG-group", here: "ARG-here", there: "ARG-there", at: "ARG-at"),
        .utf16File, .noGB18030Converter, .cannotReadFile(reason: "ARG-reason"), .notUTF8(byte: "ARG-byte"),
        .notUTF8ButReadFurther(byte: "ARG-byte"),
        .notGB18030(byte: "ARG-byte", neitherUTF8: true, firstNonUTF8Line: 9075, firstNonUTF8Column: 9076),
        .noSuchFile, .cannotReadTheFile, .oldStyleWorkbook, .notAWorkbook,
        .sheetsHoldSameList(first: "ARG-first", second: "ARG-second", file: "ARG-file"),
        .noSheetForList(file: "ARG-file", expected: "ARG-expected", sheets: "ARG-sheets"),
        .preferNeedsScore, .unknownRule(word: "ARG-word"),
        .pairFixedAndForbidden(unit: "ARG-unit", community: "ARG-community", forbidFirst: true, at: "ARG-at"),
        .unknownRole(word: "ARG-word"), .unitListedTwice(unit: "ARG-unit", community: "ARG-community", first: "ARG-first"),
        .noCommunities, .assignmentsShort(needed: 9011, offered: 9012), .assignmentsSurplus(required: 9013, taken: 9014),
        .leadsShort(communities: 9015, leaders: 9016, capacity: 9017),
        .communityMinAboveMax(id: "ARG-id", min: 9018, max: 9019, leadRule: true), .communitiesMinAboveMax(leadRule: true),
        .communityNoAllowedUnit(id: "ARG-id"), .communitiesNoAllowedUnit,
        .communityTooFewAllowed(id: "ARG-id", needs: 9020, allowed: 9021), .communitiesTooFewAllowed,
        .communityNoLead(id: "ARG-id", candidates: 9022), .communitiesNoLead,
        .communityTooManyFixed(id: "ARG-id", fixed: 9023, max: 9024), .communitiesTooManyFixed,
        .unitTooFewAllowed(id: "ARG-id", min: 9025, allowed: 9026), .unitsTooFewAllowed,
        .unitTooManyFixed(id: "ARG-id", fixed: 9027, max: 9028), .unitsTooManyFixed,
        .needsAllowedExample(id: "ARG-id", needs: 9029, allowed: 9030),
        .countAboveExample(id: "ARG-id", count: 9031, limit: 9032),
        .reasonFamily(count: 9033, sentence: "ARG-sentence", examples: "ARG-examples", more: 9034),
        .noPlanSatisfiesRules, .noPlanWithinTimeLimit(seconds: "ARG-seconds"), .solverFailed("ARG-why"),
        .interruptedBeforeAnyPlan, .statusOptimal, .statusInterrupted, .statusFeasible,
        .objectiveLine(objective: "ARG-objective", bound: "ARG-bound", gap: "ARG-gap"), .coverageLine(share: "ARG-share"),
        .balanceLine(value: "ARG-value", band: "ARG-band"), .distanceLine(value: "ARG-value"),
        .preferenceLine(value: "ARG-value"), .keepLine(share: "ARG-share", previousPairs: 9035),
        .startLine(objective: "ARG-objective", file: "ARG-file", repairs: 9036, usable: false),
        .changesLine(changes: 9037, limit: 9038),
        .strengthLine(min: "ARG-min", mean: "ARG-mean", max: "ARG-max", target: "ARG-target", band: "ARG-band"),
        .alliancesLine(communities: 9039, assignments: 9040, seconds: "ARG-seconds"), .wroteLine(files: "ARG-files"),
        .claimsLine(claimed: 9041, total: 9042, value: "ARG-value", totalValue: "ARG-total", share: "ARG-share",
                    unclaimed: "ARG-unclaimed", proven: false),
        .unclaimed(count: 9043, .noMemberHasCategory), .unclaimed(count: 9044, .notEnoughResource),
        .unclaimed(count: 9045, .noAlliance),
        .coverageValueLine("ARG-value"), .balanceValueLine("ARG-value"), .keepValueLine("ARG-value"),
        .evaluatedChangesLine(changes: 9046), .rulesSatisfied, .rulesBroken(count: 9047),
        .checkCommunities(count: 9048, streets: 9049), .checkUnits(organizations: 9050, units: 9051, leaders: 9052),
        .checkAssignments(min: 9053, max: 9054), .checkSizes(smallest: 9055, largest: 9056, totalMin: 9057, totalMax: 9058),
        .checkStrength(mean: "ARG-mean", band: "ARG-band", low: "ARG-low", high: "ARG-high"),
        .checkNeeds(rows: 9059, categories: 9060, weightedTotal: "ARG-total"), .checkResources(rows: 9061),
        .checkProjects(count: 9062), .checkPairs(fix: 9063, forbid: 9064, prefer: 9065),
        .checkCandidates(allowed: 9066, total: 9067), .checkDistances(longestKm: "ARG-km"),
        .checkPrevious(rows: 9068, pairs: 9069), .checkWarning("ARG-warning"), .prechecksPassed,
        .prechecksFailed(count: 9070),
        .timeLimitPositive, .gapNonNegative, .timeBudgetPositive, .timeBudgetNeedsDistricts,
        .priorityToleranceNonNegative, .jobsAtLeastOne, .prioritiesNeedExact, .candidatesAtLeastOne,
        .balanceBandNonNegative, .maxDistanceNonNegative,
        .claimJobsAtLeastOne, .serveJobsAtLeastOne, .portRange, .tokenForm, .planBreaksRule("ARG-rule"),
        .noProjectsFile(folder: "ARG-folder"), .strategiesNeedOne, .noStrategyFoundPlanFor(districts: "ARG-districts"),
        .jsonCsvExclusive, .orgXorCommunity, .topNonNegative, .planRowProblems(count: 9601), .unknownOrgOption(org: "ARG-org"),
        .unknownCommunityOption(id: "ARG-id"), .outMustBeXLSX, .fileExistsUseForce(path: "ARG-path"),
        .wroteFile(path: "ARG-path"), .wroteFilesInto(count: 9602, folder: "ARG-folder", names: "ARG-names"),
        .weightForm(terms: "ARG-terms", got: "ARG-got"), .weightNeedsNumber(term: "ARG-term", got: "ARG-got"),
        .prioritiesUnknownTerm(term: "ARG-term", terms: "ARG-terms"), .prioritiesTwice(term: "ARG-term"), .prioritiesNeedOne,
        .maxPairsPositive,
        // Pins
        .pinsFileMissing, .planFileMissing, .pinName(.unit, target: "ARG-target", at: "ARG-at"),
        .unknownPinKind(word: "ARG-word"), .pinValueMissing(header: "ARG-header", .unitNamesUnit),
        .pinColumnMissing(.leadNamesUnit, column: "ARG-col", alias: "ARG-alias"),
        .pinValueUnexpected(.communityKeepsAlliance, header: "ARG-header", found: "ARG-found"),
        .pinListedTwice(.lead, target: "ARG-target", first: "ARG-first"), .unknownPinUnit(id: "ARG-id"),
        .pinExpectsUnit, .pinExpectsCommunity, .pinLeadForm, .pinLeadBothIDs, .pinLeadOneEquals,
        .maxChangesNegative(limit: -9101), .maxChangesNeedsFrom, .pinNamesNoUnit(.lead), .pinNamesNoCommunity(.community),
        .pinNeedsFrom(.unit), .pinAgainstForbid(pin: "ARG-pin", pair: "ARG-pair", forbidAt: "ARG-at"),
        .pinAgainstPin(pin: "ARG-pin", forLead: true, pair: "ARG-pair", other: "ARG-other"),
        .pinRemovesFixed(pin: "ARG-pin", pair: "ARG-pair", fixAt: "ARG-at"), .leadPinWithoutLeadRule(pin: "ARG-pin"),
        .leadPinsDisagree(community: "ARG-community", pins: "ARG-pins"),
        .leadPinCannotLead(pin: "ARG-pin", unit: "ARG-unit", community: "ARG-community", fromStart: true),
        .leadPinNotAllowed(pin: "ARG-pin", pair: "ARG-pair"),
        .pinsOverfillCommunity(community: "ARG-community", required: 9102, pins: "ARG-pins", fixRows: true, max: 9103),
        .pinsUnderfillCommunity(community: "ARG-community", min: 9104, leadRule: true, allowed: 9105, pins: "ARG-pins"),
        .pinsOverfillUnit(unit: "ARG-unit", required: 9106, pins: "ARG-pins", fixRows: true, max: 9107),
        .pinsUnderfillUnit(unit: "ARG-unit", min: 9108, allowed: 9109, pins: "ARG-pins"),
        .maxChangesTooSmall(limit: 9110, forced: 9111), .listAndMore(shown: "ARG-shown", more: 9112),
        // Model and solver
        .candidatesNeedCommunityCoordinates(community: "ARG-community"), .candidatesNeedUnitCoordinates(unit: "ARG-unit"),
        .candidatesNeedOneCoordinateKind, .fixedAndForbiddenThroughGroup(unit: "ARG-unit", community: "ARG-community"),
        .startRowsIgnored(count: 9301), .previousRowsIgnored(count: 9302), .startPlanCannotBeRepaired(reason: "ARG-reason"),
        .repairNoLead(community: "ARG-community"), .repairCommunityMinimum(community: "ARG-community", min: 9303),
        .repairUnitMinimum(unit: "ARG-unit", min: 9304), .repairedPlanBreaksRule, .relaxationInfeasible,
        .communityHasNoAlliance(community: "ARG-community"), .glpkEnded(code: "ARG-code", status: "ARG-status"),
        .glpkProvedInfeasible, .claimingFailed("ARG-error"),
        .modelTooLarge(pairs: 9305, communities: 9306, units: 9307, limit: 9308, hasDistanceLimit: true),
        .cannotWrite(path: "ARG-path", reason: "ARG-reason"), .programQuitting,
        .interruptedStopping, .interruptedAgain, .readAsEncoding(file: "ARG-file", encoding: "ARG-encoding"),
        .note("ARG-note"), .solvingPhase,
        .progressLine(phase: "ARG-phase", elapsed: "ARG-elapsed", plan: "ARG-plan", bound: "ARG-bound", gap: "ARG-gap"),
        // Workbooks
        .zipUnreadable(error: "ARG-error"), .tooManyZipEntries(limit: 9501),
        .partTooLargeDeclared(part: "ARG-part", size: "ARG-size", limit: "ARG-limit"),
        .workbookTooLargeDeclared(limit: "ARG-limit"), .zipListsNoFiles, .partTooLarge(part: "ARG-part", limit: "ARG-limit"),
        .workbookTooLarge(limit: "ARG-limit"), .partNotExtracted(part: "ARG-part", error: "ARG-error"),
        .partChecksum(part: "ARG-part"), .tooManySharedStrings(part: "ARG-part", limit: 9502),
        .sharedStringTooLong(index: 9503, part: "ARG-part", limit: 9504), .noSuchSheet(sheet: "ARG-sheet"),
        .sheetNotWorksheet(sheet: "ARG-sheet"), .sheetPartMissing(sheet: "ARG-sheet"), .notExcelWorkbook(path: "ARG-path"),
        .xmlRefused(part: "ARG-part", reason: "ARG-reason", line: 9505, column: 9506),
        .xmlMalformed(part: "ARG-part", line: 9507, column: 9508, reason: "ARG-reason"), .partNotUTF8(part: "ARG-part"),
        .partOtherEncoding(part: "ARG-part"), .partDeclaresEntities(part: "ARG-part", marker: "ARG-marker"),
        .sheetsTooManyCells(limit: 9509), .sheetTooManyRows(sheet: "ARG-sheet", limit: 9510),
        .badRowNumber(part: "ARG-part", reference: "ARG-ref"), .rowOutOfOrder(part: "ARG-part", row: 9511, previous: 9512),
        .cellOutsideRow(part: "ARG-part"), .badCellReference(part: "ARG-part", reference: "ARG-ref", row: 9513),
        .cellsOutOfOrder(row: 9514), .cellTooLong(limit: 9515), .valueBeyondColumn(column: "ARG-col"),
        .sharedStringIndexNotNumber(raw: "ARG-raw"), .noSharedStrings(index: 9516),
        .tooFewSharedStrings(index: 9517, count: 9518),
        // Rules a plan breaks
        .unitServesOutOfBounds(unit: "ARG-unit", served: 9401, min: 9402, max: 9403),
        .communitySizeOutOfBounds(community: "ARG-community", size: 9404, min: 9405, max: 9406),
        .leadNotMember(community: "ARG-community", lead: "ARG-lead"), .leadMayNotLead(community: "ARG-community", unit: "ARG-unit"),
        .noLeadUnit(community: "ARG-community"), .pairNotAllowed(unit: "ARG-unit", community: "ARG-community"),
        .fixedPairMissing(unit: "ARG-unit", community: "ARG-community"),
        .pinnedPairChanged(unit: "ARG-unit", community: "ARG-community", pin: "ARG-pin", serves: true),
        .leadPinOverridden(community: "ARG-community", lead: "ARG-lead", pin: "ARG-pin", unit: "ARG-unit"),
        .tooManyChanges(changes: 9407, limit: 9408), .planUnknownID(.project, id: "ARG-id"),
        .planUnitListedTwice(unit: "ARG-unit", community: "ARG-community"), .secondLead(community: "ARG-community", unit: "ARG-unit"),
        .groupPartlyListed(group: "ARG-group", community: "ARG-community", missing: "ARG-missing", several: true),
        // District batches
        .fixPairCrossesDistricts(unit: "ARG-unit", community: "ARG-community", unitDistrict: "ARG-ud", communityDistrict: "ARG-cd"),
        .crossDistrictPairsIgnored(count: 9201),
        .pinCrossesDistricts(pin: "ARG-pin", unit: "ARG-unit", unitDistrict: "ARG-ud", community: "ARG-community",
                             communityDistrict: "ARG-cd"),
        .previousPairCrossesDistricts(unit: "ARG-unit", unitDistrict: "ARG-ud", community: "ARG-community", communityDistrict: "ARG-cd"),
        .startPairCrossesDistricts(unit: "ARG-unit", unitDistrict: "ARG-ud", community: "ARG-community", communityDistrict: "ARG-cd"),
        .startPlanMissesDistrict(district: "ARG-district"), .noDistrict(.unit, id: "ARG-id"),
        .districtWithoutCommunities(district: "ARG-district"),
        .planRowWrongDistrict(named: "ARG-named", community: "ARG-community", district: "ARG-district"),
        .unitServesOtherDistrict(unit: "ARG-unit", unitDistrict: "ARG-ud", community: "ARG-community", communityDistrict: "ARG-cd"),
        .checkDistricts(count: 9202, names: "ARG-names"), .checkError("ARG-error"),
        .inDistrict("ARG-text", district: "ARG-district"), .districtPassed, .districtPrechecksFailed(count: 9203),
        .districtInputError, .districtsWithInputErrors(count: 9204, of: 9205), .rulesCell(broken: 9206),
        .districtFailed(district: "ARG-district", error: "ARG-error"),
        .districtsWithoutPlan(count: 9207, of: 9208, file: "ARG-file"), .wroteDistrictFiles(files: "ARG-files"),
        .stoppingRule(gap: "ARG-gap", batchDefault: true, timeLimit: "ARG-limit", atOnce: 9209),
        .stoppingRuleBudget(gap: "ARG-gap", batchDefault: true, districts: 9210, budget: "ARG-budget", atOnce: 9211,
                            firstShare: "ARG-share", cap: "ARG-cap"),
        .timeBudgetUsed(used: "ARG-used", budget: "ARG-budget", secondPass: 9212, districts: "ARG-districts"),
        .districtProgress(bar: "ARG-bar", done: 9213, total: 9214, failed: 9215, running: 9216, seconds: "ARG-seconds"),
        .shardForm(got: "ARG-got"), .shardCountMissing, .shardIndexMissing, .shardIndexOutOfRange(index: 9801, count: 9802),
        .shardBadVariable(name: "ARG-name", value: "ARG-value"), .shardNeedsDistricts,
        .districtSkipped(district: "ARG-district", folder: "ARG-folder"),
        .shardDone(shard: "ARG-shard", solved: 9803, skipped: 9804, failed: 9805, folder: "ARG-folder"),
        .mergeNoManifest(folder: "ARG-folder"), .mergeManifestsDisagree(file: "ARG-file", other: "ARG-other"),
        .mergeManifestUnreadable(file: "ARG-file", reason: "ARG-reason"),
        .mergeMissing(count: 9806, of: 9807, districts: "ARG-districts"),
        .mergeFailed(count: 9808, of: 9809, districts: "ARG-districts"), .districtNotSolvedYet(shard: "ARG-shard"),
        .generateCount(option: "ARG-option", maximum: 9813), .generatedPeople(members: 9814, posts: 9815, seats: 9816), .duplicateScenario(name: "ARG-name", first: "ARG-first"),
        .scenariosWithTimeBudget, .statusFailedWord, .generatedCity(districts: 9810, communities: 9811, units: 9812, family: "ARG-family", folder: "ARG-folder"),
        // explain, suggest, diff and compare
        .leadMark("ARG-id"), .list(["ARG-a", "ARG-b"]), .clauses(["ARG-a", "ARG-b"]),
        .explainObjective(objective: "ARG-objective", broken: 9301), .explainTermHeader, .explainBrokenRules,
        .explainCommunitiesHeading,
        .explainCommunity(id: "ARG-id", name: "ARG-name", cost: "ARG-cost", objective: "ARG-objective", strength: "ARG-strength",
                          band: "ARG-band", excess: "ARG-excess", above: true, units: 9302),
        .explainNeed(category: "ARG-category", amount: "ARG-amount", priority: "ARG-priority", covered: "ARG-covered",
                     providers: "ARG-providers", uncovered: "ARG-uncovered", noHolder: true),
        .explainMember(lead: true, id: "ARG-id", name: "ARG-name", km: "ARG-km", strength: "ARG-strength",
                       preference: "ARG-preference", kept: true, objective: "ARG-objective", terms: "ARG-terms"),
        .explainOwnBalance(value: "ARG-value", tooWeak: true), .explainUnitsHeading,
        .explainUnit(id: "ARG-id", name: "ARG-name", serves: "ARG-serves", load: 9303, min: 9304, max: 9305,
                     objective: "ARG-objective", terms: "ARG-terms"),
        .districtLine("ARG-district"), .suggestUnitSubject(id: "ARG-id", name: "ARG-name", serves: "ARG-serves"),
        .suggestCommunitySubject(id: "ARG-id", name: "ARG-name", units: "ARG-units"),
        .suggestHeadline(subject: "ARG-subject", objective: "ARG-objective", broken: 9306),
        .suggestFeasibleHeading(shown: 9307, of: 9308), .suggestInfeasibleHeading(shown: 9309, of: 9310),
        .suggestBreaks(rule: "ARG-rule", text: "ARG-text"), .suggestStillBreaks(count: 9311), .suggestRepairs(rules: "ARG-rules"),
        .editMove(unit: "ARG-unit", from: "ARG-from", to: "ARG-to"), .editAdd(unit: "ARG-unit", to: "ARG-to"),
        .editRemove(unit: "ARG-unit", from: "ARG-from"), .editSwap(unit: "ARG-unit", from: "ARG-from", to: "ARG-to", with: "ARG-with"),
        .editSetLead(unit: "ARG-unit", community: "ARG-community", instead: "ARG-instead"),
        .editHandLead(unit: "ARG-unit", community: "ARG-community", to: "ARG-to"),
        .unitWouldServe(unit: "ARG-unit", served: 9312, min: 9313, max: 9314),
        .communityWouldHave(community: "ARG-community", size: 9315, min: 9316, max: 9317),
        .communityWouldHaveNoLead(community: "ARG-community"), .leadWouldNotBeMember(community: "ARG-community", lead: "ARG-lead"),
        .diffCounts(joined: 9318, left: 9319, moved: 9320, roleChanged: 9321, unchanged: 9322), .diffNoChanges,
        .noPlanCell, .bestProvenBound("ARG-bound"), .strategyFailed(strategy: "ARG-strategy", error: "ARG-error"),
        // the start plan's repairs
        .startPlanNote("ARG-note"), .repairRemoved(unit: "ARG-unit", community: "ARG-community", why: "ARG-why"),
        .repairAdded(unit: "ARG-unit", community: "ARG-community", why: "ARG-why"),
        .repairLead(community: "ARG-community", now: "ARG-now", before: "ARG-before", why: "ARG-why"),
        .whyForbidden(at: "ARG-at"), .whyNotAllowed, .whyUnitAboveMax(unit: "ARG-unit", served: 9323, max: 9324),
        .whyCommunityAboveMax(community: "ARG-community", size: 9325, max: 9326), .whyNeededIn(community: "ARG-community"),
        .whyAnotherRule, .whyPinRequires(pin: "ARG-pin"), .whyFixed(at: "ARG-at"),
        .whyCommunityBelowMin(community: "ARG-community", size: 9327, min: 9328), .whyNoLeader(community: "ARG-community"),
        .whyUnitBelowMin(unit: "ARG-unit", served: 9329, min: 9330), .whyMovedFrom(community: "ARG-community"),
        .whyPinNamesLead(pin: "ARG-pin"), .whyLeadNotMember(unit: "ARG-unit"), .whyLeadMayNotLead(unit: "ARG-unit"),
        .whyLeadLeft(unit: "ARG-unit"), .whyPinNamesOtherLead, .whyHadNoLead,
        .peopleNeedCommunityCoordinates(community: "ARG-community"), .peopleUnknownMember(member: "ARG-member"),
        .peopleUnknownPost(post: "ARG-post"), .peopleRepeatedMatch(member: "ARG-member", post: "ARG-post"),
        .peopleSkillMismatch(member: "ARG-member", post: "ARG-post", category: "ARG-category"),
        .peopleNotCandidate(member: "ARG-member", community: "ARG-community"),
        .peopleOverCapacity(member: "ARG-member", capacity: 917), .peopleOverSeats(post: "ARG-post", seats: 913),
        .peopleKeptMissing(member: "ARG-member", post: "ARG-post"),
        .peopleMembersLine(members: 911, seats: 912), .peoplePostsLine(posts: 921, seats: 922, orders: 923),
        .peopleFilledLine(filled: 931, seats: 932, share: "ARG-share", home: 933, unit: 934, kept: 935),
        .peopleOpenLine(open: 941, noSkill: 942, tooFar: 943, allBusy: 944),
        .peopleObjectiveLine(objective: "ARG-objective", optimal: true, method: "ARG-method", seconds: "ARG-seconds"),
        .peopleMatchingInvalid(count: 951, first: "ARG-first"),
        .peopleAlgorithmUnavailable(algorithm: "ARG-algorithm", fallback: "ARG-fallback"), .peopleReassignNeedsFrom,
        .peopleNotInBatch(lists: "ARG-lists", plan: "ARG-plan"),
        .peopleListsMissing(path: "ARG-path"),
        .unknownPostKind(word: "ARG-word"), .matchesFileMissing,
        // the XML reasons inside damaged-workbook messages
        .xmlControlCharacter(byte: "ARG-byte"), .xmlByteNotUTF8(byte: "ARG-byte"), .xmlUTF8CutOff,
        .xmlUTF8Broken(lead: "ARG-lead", byte: "ARG-byte"), .xmlInvalidUTF8, .xmlCharacterNotAllowed(code: "ARG-code"),
        .xmlEndsInsideElement(element: "ARG-element", notClosed: 9331), .xmlNoRoot, .xmlEndsInsideTag, .xmlCDATAOutsideRoot,
        .xmlDocumentType, .xmlBangStartsNothing, .xmlSecondRoot, .xmlEndsInsideTagNamed(tag: "ARG-tag"),
        .xmlTooDeep(levels: 9332), .xmlAttributesNotSeparated(tag: "ARG-tag"), .xmlAttributeTwice(attribute: "ARG-attribute"),
        .xmlAttributeWithoutValue(attribute: "ARG-attribute"), .xmlAttributeNotQuoted(attribute: "ARG-attribute"),
        .xmlAttributeNeverEnds(attribute: "ARG-attribute"), .xmlEndTagNotClosed(tag: "ARG-tag"),
        .xmlEndTagClosesNothing(tag: "ARG-tag"), .xmlEndTagMismatch(tag: "ARG-tag", open: "ARG-open"),
        .xmlDeclarationNotAtStart, .xmlCommentNeverEnds, .xmlDoubleDashInComment, .xmlTextOutsideRoot(afterRoot: true),
        .xmlLessThanInAttribute, .xmlCDATAEndInText, .xmlBareAmpersand, .xmlUndefinedEntity(name: "ARG-name"), .xmlBadDigit,
        .xmlReferenceNotAllowed(digits: "ARG-digits"),
    ] + Term.allCases.flatMap { [Message.term($0), .termShort($0)] } + Message.DiffChange.allCases.map { .diffChange($0) }
        + [SolveStatus.optimal, .feasible, .infeasible, .interrupted].map { .statusWord($0) }
        + [Message.XMLPlace.elementName, .endTagName, .attributeNameOrEnd(tag: "ARG-tag"), .processingTarget, .declaration,
           .cdata, .processingInstruction].flatMap { [Message.xmlEndsWhere($0), .xmlExpected($0), .xmlNeverEnds($0)] }
        + Message.Column.allCases.map { .column($0) } + Message.Noun.allCases.map { .unknownID($0, id: "ARG-id", list: "ARG-list") }
        + Pin.Kind.allCases.map { .pinName($0, target: "ARG-target", at: nil) }
        + Message.PinRule.allCases.map { .pinValueMissing(header: "ARG-header", $0) }
        + Message.KeptMatchProblem.allCases.map { .keptMatchDropped(member: "ARG-member", post: "ARG-post", $0) }

    /// The case name of a message ("unknownID" for `.unknownID(.unit, …)`).
    static func caseName(_ message: Message) -> String {
        Mirror(reflecting: message).children.first?.label ?? String(describing: message)
    }

    /// The arguments a text must show: strings and numbers (unwrapping optionals); flags and
    /// enumerations choose between wordings instead and are checked by `testChoicesChangeTheText`.
    static func shownArguments(_ message: Message) -> [String] {
        guard let payload = Mirror(reflecting: message).children.first?.value else { return [] }
        let values = Mirror(reflecting: payload).displayStyle == .tuple
            ? Mirror(reflecting: payload).children.map(\.value) : [payload]
        return values.compactMap { value -> String? in
            var value = value
            if Mirror(reflecting: value).displayStyle == .optional {
                guard let wrapped = Mirror(reflecting: value).children.first?.value else { return nil }
                value = wrapped
            }
            switch value {
            case let text as String: return text
            case let number as Int: return String(number)
            default: return nil
            }
        }
    }

    /// The case names declared in Message.swift (the enum's own `case` lines, four spaces in).
    static func declaredCases() throws -> Set<String> {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AllianceModel/Message.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "^    case ([a-zA-Z0-9]+)", options: .anchorsMatchLines)
        let matches = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        return Set(matches.compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } })
    }

    func testEveryCaseHasASample() throws {
        let declared = try Self.declaredCases()
        XCTAssertGreaterThan(declared.count, 100, "the table's cases were not found in Message.swift")
        let sampled = Set(Self.samples.map(Self.caseName))
        XCTAssertEqual(declared.subtracting(sampled), [], "messages without a sample in MessageTableTests.samples")
        XCTAssertEqual(sampled.subtracting(declared), [], "samples of cases Message.swift does not declare")
    }

    func testEveryMessageHasBothTextsMentioningEveryArgument() {
        for message in Self.samples {
            let english = message.text(in: .english), chinese = message.text(in: .chinese)
            let name = Self.caseName(message)
            XCTAssertFalse(english.trimmingCharacters(in: .whitespaces).isEmpty, "\(name): empty English text")
            XCTAssertFalse(chinese.trimmingCharacters(in: .whitespaces).isEmpty, "\(name): empty Chinese text")
            XCTAssertNotEqual(english, chinese, "\(name): the Chinese text is the English one")
            // Chinese characters, or at least Chinese (full-width) punctuation for an id with numbers.
            XCTAssertTrue(chinese.unicodeScalars.contains { $0.value >= 0x3000 },
                          "\(name): the Chinese text has no Chinese in it: \(chinese)")
            for argument in Self.shownArguments(message) {
                XCTAssertTrue(english.contains(argument), "\(name): English text lacks \(argument): \(english)")
                XCTAssertTrue(chinese.contains(argument), "\(name): Chinese text lacks \(argument): \(chinese)")
            }
        }
    }

    /// Flags and enumerations among the arguments change both texts (else they would be pointless
    /// or forgotten in one language).
    func testChoicesChangeTheText() {
        let pairs: [(Message, Message)] = [
            (.expectedNumber(found: "x", decimalComma: true), .expectedNumber(found: "x", decimalComma: false)),
            (.minAboveMax(minColumn: "a", min: 2, maxColumn: "b", max: 1, maxByDefault: true),
             .minAboveMax(minColumn: "a", min: 2, maxColumn: "b", max: 1, maxByDefault: false)),
            (.emptyTable(isSheet: true, expected: "id"), .emptyTable(isSheet: false, expected: "id")),
            (.unexpectedByteOrderMark(pasted: true), .unexpectedByteOrderMark(pasted: false)),
            (.notGB18030(byte: "A1", neitherUTF8: true, firstNonUTF8Line: nil, firstNonUTF8Column: nil),
             .notGB18030(byte: "A1", neitherUTF8: false, firstNonUTF8Line: nil, firstNonUTF8Column: nil)),
            (.notGB18030(byte: nil, neitherUTF8: true, firstNonUTF8Line: nil, firstNonUTF8Column: nil),
             .notGB18030(byte: "A1", neitherUTF8: true, firstNonUTF8Line: nil, firstNonUTF8Column: nil)),
            (.pairFixedAndForbidden(unit: "u", community: "c", forbidFirst: true, at: "f:1:1"),
             .pairFixedAndForbidden(unit: "u", community: "c", forbidFirst: false, at: "f:1:1")),
            (.communityMinAboveMax(id: "C", min: 2, max: 1, leadRule: true),
             .communityMinAboveMax(id: "C", min: 2, max: 1, leadRule: false)),
            (.communitiesMinAboveMax(leadRule: true), .communitiesMinAboveMax(leadRule: false)),
            (.startLine(objective: "1", file: nil, repairs: 2, usable: true),
             .startLine(objective: "1", file: nil, repairs: 2, usable: false)),
            (.unknownID(.unit, id: "x", list: "l"), .unknownID(.community, id: "x", list: "l")),
            (.unknownID(.unit, id: "x", list: "l"), .unknownID(.project, id: "x", list: "l")),
            (.unclaimed(count: 1, .noAlliance), .unclaimed(count: 1, .notEnoughResource)),
            (.unclaimed(count: 1, .noAlliance), .unclaimed(count: 1, .noMemberHasCategory)),
            (.claimsLine(claimed: 1, total: 2, value: "3", totalValue: "4", share: nil, unclaimed: nil, proven: true),
             .claimsLine(claimed: 1, total: 2, value: "3", totalValue: "4", share: nil, unclaimed: nil, proven: false)),
            (.explainCommunity(id: "C", name: "n", cost: "1", objective: "2", strength: "3", band: "4", excess: "5", above: true, units: 6),
             .explainCommunity(id: "C", name: "n", cost: "1", objective: "2", strength: "3", band: "4", excess: "5", above: false, units: 6)),
            (.explainNeed(category: "c", amount: "1", priority: "2", covered: "1", providers: "U", uncovered: "1", noHolder: true),
             .explainNeed(category: "c", amount: "1", priority: "2", covered: "1", providers: "U", uncovered: "1", noHolder: false)),
            (.explainMember(lead: true, id: "U", name: "n", km: "1", strength: "2", preference: nil, kept: true, objective: "3", terms: "t"),
             .explainMember(lead: false, id: "U", name: "n", km: "1", strength: "2", preference: nil, kept: true, objective: "3", terms: "t")),
            (.explainMember(lead: true, id: "U", name: "n", km: "1", strength: "2", preference: nil, kept: true, objective: "3", terms: "t"),
             .explainMember(lead: true, id: "U", name: "n", km: "1", strength: "2", preference: nil, kept: false, objective: "3", terms: "t")),
            (.explainOwnBalance(value: "1", tooWeak: true), .explainOwnBalance(value: "1", tooWeak: false)),
            (.xmlTextOutsideRoot(afterRoot: true), .xmlTextOutsideRoot(afterRoot: false)),
        ]
        for (one, other) in pairs {
            for language in Language.allCases {
                XCTAssertNotEqual(one.text(in: language), other.text(in: language), "\(Self.caseName(one)) in \(language)")
            }
        }
    }

    /// The English texts are the ones the tool printed before the table (the golden outputs check
    /// most of them byte for byte; these are the ones with a choice in them).
    func testEnglishTextsAreUnchanged() {
        XCTAssertEqual(Message.inputErrors(count: 1).text(in: .english), "1 input error; nothing was written")
        XCTAssertEqual(Message.inputErrors(count: 3).text(in: .english), "3 input errors; nothing was written")
        XCTAssertEqual(Message.mustBeAtLeast(column: "max_orgs", minimum: 0, found: "-1").text(in: .english),
                       "max_orgs must be 0 or more, found '-1'")
        XCTAssertEqual(Message.mustBeAtLeast(column: "max_communities", minimum: 1, found: "0").text(in: .english),
                       "max_communities must be at least 1, found '0'")
        XCTAssertEqual(Message.changesLine(changes: 1, limit: nil).text(in: .english),
                       "changes     1 pair changed from the start plan")
        XCTAssertEqual(Message.changesLine(changes: 1, limit: 5).text(in: .english),
                       "changes     1 of at most 5 pairs changed from the start plan")
        XCTAssertEqual(Message.fullWidthNumbers(count: 1, cells: "a.csv:2:3 '３'", more: 0).text(in: .english),
                       "1 number cell was typed with full-width characters (as a Chinese input method writes them) "
                           + "and read as half-width numbers: a.csv:2:3 '３'")
        XCTAssertEqual(Message.leadsShort(communities: 3, leaders: 1, capacity: 2).text(in: .english),
                       "3 communities need a lead, but only 1 unit may lead (column can_lead), serving at most 2 "
                           + "communities in all: mark more units can_lead, raise their max_communities, or use --no-lead-rule")
    }

    /// Chinese labels are padded by terminal columns (two per Chinese character), so the values line up.
    func testChineseSummaryLabelsLineUp() {
        let lines = [Message.statusOptimal, .coverageLine(share: "X"), .distanceLine(value: "X"), .wroteLine(files: "X"),
                     .preferenceLine(value: "X"), .explainObjective(objective: "X", broken: 2), .districtLine("X")]
            .map { $0.text(in: .chinese) }
        // The value starts at column 12 (as in English) on every line.
        for line in lines {
            let label = line.prefix { $0 != " " }
            let width = label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
            let spaces = line.dropFirst(label.count).prefix { $0 == " " }.count
            XCTAssertEqual(width + spaces, 12, line)
        }
    }

    func testLanguageFromTheEnvironment() {
        XCTAssertEqual(Language(environment: [:]), .english)
        XCTAssertEqual(Language(environment: ["LANG": "zh_CN.UTF-8"]), .chinese)
        XCTAssertEqual(Language(environment: ["LANG": "zh_TW.Big5"]), .chinese)
        XCTAssertEqual(Language(environment: ["LANG": "en_US.UTF-8"]), .english)
        XCTAssertEqual(Language(environment: ["LANG": "C"]), .english)
        // LC_ALL wins over LC_MESSAGES, which wins over LANG; empty values are skipped.
        XCTAssertEqual(Language(environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]), .english)
        XCTAssertEqual(Language(environment: ["LC_ALL": "zh_CN.UTF-8", "LANG": "C"]), .chinese)
        XCTAssertEqual(Language(environment: ["LC_MESSAGES": "zh_CN", "LANG": "en_US"]), .chinese)
        XCTAssertEqual(Language(environment: ["LC_ALL": "", "LC_MESSAGES": "C", "LANG": "zh_CN"]), .english)
        XCTAssertEqual(Language(environment: ["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN"]), .chinese)
    }

    func testLibrariesSpeakEnglishUnlessTold() {
        XCTAssertEqual(Language.current, .english)
        XCTAssertEqual(Message.requiredFileMissing.text, "required file is missing")
        Language.with(.chinese) { XCTAssertEqual(Message.requiredFileMissing.text, "缺少必需的文件") }
        XCTAssertEqual(Language.current, .english, "Language.with restores the language")
    }

    /// A reader error in Chinese keeps its `file:line:column` prefix exactly as in English.
    func testReaderErrorsInChineseKeepTheirLocation() throws {
        let files = InputReaderTests.base.merging(["communities.csv": "id,strength\nC1,1\nC2,strong\n"]) { $1 }
        func errors() -> [String] {
            do {
                _ = try InstanceReader.read(files: files)
                return []
            } catch {
                return error.errors.map(\.description)
            }
        }
        XCTAssertEqual(errors(), ["communities.csv:3:4: expected a number, found 'strong'"])
        XCTAssertEqual(Language.with(.chinese, errors), ["communities.csv:3:4: 应为数字，实际为“strong”"])
    }

    /// Pre-check reasons of one family are summed up in one line in either language.
    func testPrecheckFamiliesInChinese() throws {
        let instance = Instance(
            communities: (1...7).map { Community(id: "C\($0)", minOrgs: 3, maxOrgs: 2) },
            organizations: (1...30).map { Organization(id: "u\($0)", maxCommunities: 2) })
        let problem = try Problem(instance: instance)
        let english = Prechecks.run(problem).summarized()
        XCTAssertTrue(english.contains { $0.hasPrefix("7 communities need more units than they take") && $0.hasSuffix("… (2 more)") },
                      "\(english)")
        let chinese = try Language.with(.chinese) { Prechecks.run(try Problem(instance: instance)).summarized() }
        XCTAssertTrue(chinese.contains {
            $0.hasPrefix("7 个社区需要的单位多于其接纳上限") && $0.contains("C1（3 > 2）") && $0.hasSuffix("……（另有 2 个）")
        }, "\(chinese)")
    }

    /// The XML scanner's reasons (the detail in parentheses of a damaged-workbook message) follow
    /// the language too, with the element names, bytes and limits they name.
    func testXMLReasonsInChinese() {
        func reason(_ xml: [UInt8]) -> String? {
            do {
                try XMLScanner.scan(xml, handler: XMLEventLog())
                return nil
            } catch {
                guard case .syntax(let syntax) = error else { return nil }
                return syntax.reason
            }
        }
        let cases: [([UInt8], String, String)] = [
            (Array("<a></b>".utf8), "the end tag </b> does not match the open element <a>", "结束标签 </b> 与尚未结束的元素 <a> 不匹配"),
            (Array("<a><b>".utf8), "the part ends inside the element <b> (2 elements not closed; truncated?)",
             "部件在元素 <b> 内就结束了（2 个元素未闭合；文件不完整？）"),
            (Array("<a x=1/>".utf8), "the value of the attribute 'x' is not in quotes", "属性“x”的值没有加引号"),
            (Array("<a>&nbsp;</a>".utf8), "the entity '&nbsp;' is not defined (XML without a document type knows only "
                + "&lt; &gt; &amp; &apos; &quot;)", "实体“&nbsp;”未定义（没有文档类型的 XML 只认得 &lt; &gt; &amp; &apos; &quot;）"),
            (Array("<a>< b/></a>".utf8), "expected an element name after '<'", "此处应为“<”之后的元素名"),
            (Array("<a><b x='1".utf8), "the value of the attribute 'x' never ends (truncated?)", "属性“x”的值没有结束（文件不完整？）"),
            (Array("<a>".utf8) + [0xC3, 0x28] + Array("</a>".utf8), "byte 0xC3 starts a UTF-8 sequence that byte 0x28 breaks",
             "字节 0xC3 开始的 UTF-8 字节序列被字节 0x28 打断"),
        ]
        for (xml, english, chinese) in cases {
            XCTAssertEqual(reason(xml), english)
            XCTAssertEqual(Language.with(.chinese) { reason(xml) }, chinese)
        }
    }
}
