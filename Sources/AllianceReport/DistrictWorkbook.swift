import AllianceModel
import Foundation
import XLSX

/// The top-level `plan.xlsx` of a batch run by district, for the city's organization department:
///
/// - 区县汇总 — one row per district: status, size, objective, bound, gap, coverage, strength
///   against the district's own balance band, claimed projects, time, why a district failed and
///   the folder holding its own `plan.xlsx`;
/// - 联盟名单 — every district's alliances (the rows of its own 联盟名单) behind a 区县 column.
///
/// Numbers are written as numbers, values equal those of `districts.csv`, and the same results
/// give the same bytes (the time column is left out without timings).
public struct DistrictWorkbook {
    public static let summarySheet = "区县汇总"
    public static let allianceSheet = PlanWorkbook.allianceSheet

    public var results: [DistrictOutcome]
    /// Whether the summary has a time column (off for byte-identical reruns, `--no-timings`).
    public var includeTimings: Bool

    public init(_ results: [DistrictOutcome], includeTimings: Bool = true) {
        self.results = results
        self.includeTimings = includeTimings
    }

    /// The bytes of `plan.xlsx`.
    public func data() throws(XLSXError) -> Data {
        try XLSXWriter.data(for: workbook())
    }

    /// The workbook as a value, before it is written.
    public func workbook() -> XLSX.Workbook {
        XLSX.Workbook(sheets: [summary(), alliances()], title: "党建联盟方案（区县汇总）", author: "alliance")
    }

    /// 区县汇总: one row per district in input order.
    func summary() -> Sheet {
        let figures = results.map(DistrictFigures.init)
        let withClaims = figures.contains { $0.claims != nil }
        var header = ["区县", "状态", "社区数", "单位数", "目标值", "上界", "差距", "需求覆盖率",
                      "最弱联盟力量", "平均联盟力量", "最强联盟力量", "均衡范围下限", "均衡范围上限", "在均衡范围内的联盟"]
        if withClaims { header += ["已认领项目", "项目总数"] }
        if includeTimings { header.append("用时（秒）") }
        header += ["失败原因", "文件夹"]
        let rows: [[Cell]] = figures.map { figure in
            let result = figure.outcome
            func number(_ value: Double?, _ style: CellStyle) -> Cell { value.map { .number($0, style) } ?? .empty }
            let strength = figure.strength
            var row: [Cell] = [
                .text(result.district), .text(figure.statusText),
                .number(Double(result.communities)), .number(Double(result.organizations)),
                number(result.objective, WorkbookStyle.term), number(result.bound, WorkbookStyle.term),
                number(result.gap, WorkbookStyle.finePercent), number(figure.coverage, WorkbookStyle.percent),
                number(strength?.min, WorkbookStyle.strength), number(strength?.mean, WorkbookStyle.strength),
                number(strength?.max, WorkbookStyle.strength), number(strength?.band_low, WorkbookStyle.strength),
                number(strength?.band_high, WorkbookStyle.strength), number(strength.map { Double($0.inside) }, .plain),
            ]
            if withClaims {
                row += [number(figure.claims.map { Double($0.claimed) }, .plain),
                        number(figure.claims.map { Double($0.total) }, .plain)]
            }
            if includeTimings { row.append(number(result.seconds, WorkbookStyle.strength)) }
            row += [result.error.map { .text($0, WorkbookStyle.note) } ?? .empty,
                    .text(result.folder)]
            return row
        }
        var sheet = WorkbookStyle.table(Self.summarySheet, header: header, rows: rows, maximumWidth: 60)
        for column in sheet.columnWidths.indices where column > 0 {
            sheet.columnWidths[column] = max(sheet.columnWidths[column], 10)
        }
        return sheet
    }

    /// 联盟名单: each planned district's 联盟名单 rows behind its name.
    func alliances() -> Sheet {
        var rows: [[Cell]] = []
        for result in results {
            rows += result.alliances.map { [.text(result.district)] + $0.cells }
        }
        if rows.isEmpty { rows.append([.text("没有区县得到方案。")]) }
        return WorkbookStyle.table(Self.allianceSheet, header: ["区县"] + PlanWorkbook.allianceHeader, rows: rows)
    }
}
