import AllianceInput
import AllianceModel
import Foundation
import XLSX

/// One column of an input list as the template presents it.
public struct ListColumn: Sendable {
    /// The canonical column name (`ColumnNames`), e.g. `community_id`.
    public var canonical: String
    /// Whether a row must fill this column.
    public var required: Bool
    /// What the column means, in Chinese, for the 说明 sheet.
    public var meaning: String
    /// Type, unit and allowed values, in Chinese.
    public var values: String
    /// The example row's cell.
    public var example: Cell
    /// What the template lets a person type into the column (dropdown, number range), if anything.
    public var rule: DataValidation.Rule?

    /// The header the template writes: the column's first Chinese alias, which the CSV (and
    /// workbook) readers map back to `canonical`.
    public var header: String { ColumnNames.aliases[canonical]?.first ?? canonical }
}

/// One input list: its sheet in the workbook and the CSV file it stands for.
public struct ListSheet: Sendable {
    /// The Chinese sheet name, e.g. 社区.
    public var sheetName: String
    /// The list's file name in a planning folder, e.g. `communities.csv`.
    public var fileName: String
    /// Whether the list must be present.
    public var required: Bool
    /// What the list holds, in Chinese.
    public var purpose: String
    public var columns: [ListColumn]
}

/// `alliance template`: an empty input workbook for districts that keep their lists in Excel —
/// one sheet per list (社区 / 单位 / 需求 / 资源 / 项目 / 结对, and 成员 / 岗位 for stage 3) with the accepted headers and
/// one example row, and a 说明 sheet explaining every sheet and column.
public enum InputTemplate {
    /// The instructions sheet (listed first, so the workbook opens on it).
    public static let instructionsSheet = "说明"

    private static func column(_ canonical: String, required: Bool = false, _ meaning: String, _ values: String,
                               _ example: Cell, rule: DataValidation.Rule? = nil) -> ListColumn {
        ListColumn(canonical: canonical, required: required, meaning: meaning, values: values, example: example,
                   rule: rule)
    }

    /// Rows 2 … `validatedRows` of each list get its columns' dropdowns and number checks.
    public static let validatedRows = 5000
    /// The number rules of the template's columns.
    private static let nonNegative = DataValidation.Rule.decimal(minimum: 0, maximum: 1e12)
    private static let positive = DataValidation.Rule.decimal(minimum: 1e-9, maximum: 1e12)
    private static let count = DataValidation.Rule.integer(minimum: 0, maximum: 100_000)
    /// A dropdown of the ids in column A of another list's sheet (where the template puts `id`).
    private static func idsOf(_ sheet: String) -> DataValidation.Rule {
        .listFrom(formula: "='\(sheet)'!$A$2:$A$\(validatedRows)")
    }

    private static let latitude = column("lat", "纬度，用于计算路程；也可改用 横坐标/纵坐标（x/y，单位公里）", "度，如 39.266", .empty,
                                         rule: .decimal(minimum: -90, maximum: 90))
    private static let longitude = column("lon", "经度", "度，如 118.446", .empty, rule: .decimal(minimum: -180, maximum: 180))

    /// The lists in the order of `InstanceReader` (required ones first), then those of `PeopleReader`.
    public static let sheets: [ListSheet] = [
        ListSheet(sheetName: "社区", fileName: "communities.csv", required: true, purpose: "每个社区一行", columns: [
            column("id", required: true, "社区的唯一编号，其他表用它指代社区", "文本", .text("C01")),
            column("name", "社区名称，默认同编号", "文本", .text("锦绣社区")),
            column("street", "所属街道", "文本", .text("唐海镇")),
            column("strength", "社区自身党组织的力量", "数字 ≥ 0，默认 0", .number(3), rule: nonNegative),
            column("min_orgs", "该社区至少联系的单位数（含牵头单位）", "整数 ≥ 0，默认按均衡规则", .number(1), rule: count),
            column("max_orgs", "该社区至多联系的单位数（含牵头单位）", "整数 ≥ 0，默认按均衡规则", .number(3), rule: count),
            withExample(latitude, 39.26611), withExample(longitude, 118.44605),
        ]),
        ListSheet(sheetName: "单位", fileName: "organizations.csv", required: true, purpose: "每个单位（机关、企事业单位、两新组织、物业企业）一行", columns: [
            column("id", required: true, "单位的唯一编号，其他表用它指代单位", "文本", .text("O001")),
            column("name", "单位名称，默认同编号", "文本", .text("区委组织部")),
            column("kind", "单位类型，只用于报表", "机关 / 企业 / 事业 / 两新 / 物业 …", .text("机关")),
            column("strength", "单位的力量", "数字 ≥ 0，默认 1", .number(6), rule: nonNegative),
            column("can_lead", "能否担任牵头单位", "是 / 否（也可 true/false、1/0）；没有此列时都可牵头，有此列时空白为否", .text("是"),
                   rule: .list(["是", "否"])),
            column("min_communities", "至少联系的社区数", "整数 ≥ 0，默认 1", .number(1), rule: count),
            column("max_communities", "至多联系的社区数：一包一填 1，一包多填更大的数；力量和资源平均分给所联系的社区", "整数 ≥ 1，不小于最少包联数，默认 1", .number(1),
                   rule: .integer(minimum: 1, maximum: 100_000)),
            column("group", "分组相同的几个小单位先合并为一个单位再分配", "文本，可空", .empty),
            withExample(latitude, 39.24267), withExample(longitude, 118.56853),
        ]),
        ListSheet(sheetName: "需求", fileName: "needs.csv", required: true, purpose: "需求清单：每个社区的每类需求一行", columns: [
            column("community_id", required: true, "社区表中的编号", "文本", .text("C01"), rule: idsOf("社区")),
            column("category", required: true, "需求类别，与资源、项目的类别对应", "文本，如 就业帮扶", .text("就业帮扶")),
            column("amount", required: true, "需求数量", "数字 > 0", .number(4), rule: positive),
            column("priority", "优先级，越大越重要", "数字 ≥ 0，默认 1", .number(1), rule: nonNegative),
        ]),
        ListSheet(sheetName: "资源", fileName: "resources.csv", required: true, purpose: "资源清单：每个单位的每类资源一行", columns: [
            column("org_id", required: true, "单位表中的编号", "文本", .text("O001"), rule: idsOf("单位")),
            column("category", required: true, "资源类别，与需求的类别对应", "文本", .text("就业帮扶")),
            column("amount", required: true, "资源数量（一包多的单位平均分给所联系的社区）", "数字 > 0", .number(3),
                   rule: positive),
        ]),
        ListSheet(sheetName: "项目", fileName: "projects.csv", required: false, purpose: "项目清单（可选）：由联盟成员单位认领的项目", columns: [
            column("id", required: true, "项目的唯一编号", "文本", .text("P001")),
            column("community_id", required: true, "项目所在社区的编号", "文本", .text("C01"), rule: idsOf("社区")),
            column("name", "项目名称", "文本", .text("锦绣社区就业岗位对接")),
            column("category", required: true, "项目用到的资源类别", "文本", .text("就业帮扶")),
            column("amount", required: true, "项目用到的资源数量", "数字 > 0", .number(2), rule: positive),
            column("value", "项目价值，认领时优先价值高的", "数字 ≥ 0，默认 1", .number(3), rule: nonNegative),
        ]),
        ListSheet(sheetName: "结对", fileName: "pairs.csv", required: false, purpose: "结对规则（可选）：指定某单位与某社区必须、不得或优先结对", columns: [
            column("org_id", required: true, "单位编号", "文本", .text("O001"), rule: idsOf("单位")),
            column("community_id", required: true, "社区编号", "文本", .text("C01"), rule: idsOf("社区")),
            column("rule", required: true, "规则", "固定（fix，必须结对）/ 禁止（forbid，不得结对）/ 优先（prefer，加分）", .text("优先"),
                   rule: .list(["固定", "禁止", "优先", "fix", "forbid", "prefer"])),
            column("score", "优先结对的加分，可为负；优先规则必填", "数字", .number(1),
                   rule: .decimal(minimum: -1e12, maximum: 1e12)),
        ]),
        // Stage 3 (人岗匹配): read by `PeopleReader`, not by the stage-1 readers.
        ListSheet(sheetName: "成员", fileName: "members.csv", required: false,
                  purpose: "党员名单（可选，人岗匹配用）：每名到社区报到的党员一行", columns: [
            column("id", required: true, "党员的唯一编号，人岗安排用它指代党员", "文本", .text("M001")),
            column("member_name", "姓名，默认同编号", "文本", .text("张明")),
            column("home_community", required: true, "报到的社区（社区表中的编号），党员在此社区领岗、接单", "文本", .text("C01"),
                   rule: idsOf("社区")),
            column("skills", required: true, "技能特长，与岗位的类别对应；多个用分号或顿号分隔", "文本，如 就业帮扶;政策宣传",
                   .text("就业帮扶;政策宣传")),
            column("capacity", "本期最多承担的岗位数", "整数 ≥ 1，默认 1", .number(2), rule: .integer(minimum: 1, maximum: 100_000)),
            column("org_id", "工作单位（单位表中的编号），可空", "文本", .text("O001"), rule: idsOf("单位")),
            column("lat", "党员住处的纬度，可空（空时按报到社区的位置计算路程）；也可改用 横坐标/纵坐标（x/y，单位公里）", "度",
                   .empty, rule: .decimal(minimum: -90, maximum: 90)),
            longitude,
        ]),
        ListSheet(sheetName: "岗位", fileName: "posts.csv", required: false,
                  purpose: "岗位和订单（可选，人岗匹配用）：社区设的每个岗位、居民的每个订单一行", columns: [
            column("id", required: true, "岗位或订单的唯一编号", "文本", .text("G001")),
            column("name", "岗位名称，默认同编号", "文本", .text("就业指导岗")),
            column("community_id", required: true, "岗位所在社区的编号", "文本", .text("C01"), rule: idsOf("社区")),
            column("category", required: true, "所需技能类别，与成员的技能对应", "文本，如 就业帮扶", .text("就业帮扶")),
            column("seats", "名额：需要的党员人数", "整数 ≥ 1，默认 1", .number(2), rule: .integer(minimum: 1, maximum: 100_000)),
            column("priority", "优先级，越大越重要", "数字 > 0，默认 1", .number(1), rule: positive),
            column("kind", "岗位（领岗）或订单（接单）", "岗位 / 订单（也可 post/order），默认岗位", .text("岗位"),
                   rule: .list(["岗位", "订单"])),
        ]),
    ]

    private static func withExample(_ column: ListColumn, _ value: Double) -> ListColumn {
        var copy = column
        copy.example = .number(value)
        return copy
    }

    /// The template workbook: 说明 first, then one sheet per list. Each header cell shows what its
    /// column means when selected; the cells below offer dropdowns (是/否, the rules, the ids of
    /// the 社区 and 单位 sheets) and refuse numbers out of range. A value outside a dropdown only
    /// warns (the readers also accept true/false and English rule names, and ids may be added
    /// later); a number out of range is refused.
    public static func workbook() -> XLSX.Workbook {
        let lists = sheets.map { list in
            var sheet = WorkbookStyle.table(list.sheetName, header: list.columns.map(\.header),
                                            rows: [list.columns.map(\.example)])
            sheet.validations = list.columns.enumerated().flatMap { c, column in
                [headerHint(column, column: c)] + (column.rule.map { [rule($0, column: c, of: column)] } ?? [])
            }
            return sheet
        }
        return XLSX.Workbook(sheets: [instructions()] + lists, title: "党建联盟名单模板", author: "alliance")
    }

    /// The input message of a header cell: the column's meaning and values, as in 说明.
    private static func headerHint(_ column: ListColumn, column c: Int) -> DataValidation {
        let message = (column.required ? "必填。" : "") + column.meaning + "。取值：" + column.values
        return DataValidation(range: CellRange(row: 0, column: c), rule: .any,
                              inputTitle: String(column.header.prefix(DataValidation.maxTitleLength)),
                              inputMessage: String(message.unicodeScalars.prefix(DataValidation.maxMessageLength)))
    }

    /// The column's rule on rows 2 … `validatedRows`.
    private static func rule(_ rule: DataValidation.Rule, column c: Int, of column: ListColumn) -> DataValidation {
        let dropdown: Bool
        switch rule {
        case .list, .listFrom: dropdown = true
        default: dropdown = false
        }
        return DataValidation(range: CellRange(rows: 1...(validatedRows - 1), columns: c...c), rule: rule,
                              inputTitle: String(column.header.prefix(DataValidation.maxTitleLength)),
                              inputMessage: String(column.values.unicodeScalars.prefix(DataValidation.maxMessageLength)),
                              errorMessage: String("\(column.header)：\(column.values)".unicodeScalars
                                  .prefix(DataValidation.maxMessageLength)),
                              refuse: !dropdown)
    }

    /// The bytes of the template `.xlsx`; always the same.
    public static func data() throws(XLSXError) -> Data {
        try XLSXWriter.data(for: workbook())
    }

    static func instructions() -> Sheet {
        var rows: [[Cell]] = [
            [.text("党建联盟名单模板 · 使用说明", WorkbookStyle.title)],
            [.text("1. 每张表对应一份清单：社区、单位、需求、资源为必填表，项目、结对可选（不用时留空或删除）。")],
            [.text("2. 第 1 行是列名，请勿修改；第 2 行是示例，请替换或删除。列的顺序可以调整，不用的可选列可以删除。")],
            [.text("3. 编号在本表内不可重复；其他表通过编号引用社区和单位，类别名称在需求、资源、项目中要一致。")],
            [.text("4. 填好后运行：alliance solve lists.xlsx（也可先运行 alliance check lists.xlsx 检查填写错误）。")],
            [.text("5. 结果写到 plan 文件夹：plan.xlsx（给人看的方案）以及 plan.csv、communities.csv、plan.json。")],
            [.text("6. 成员、岗位两张表供人岗匹配（党员到报到社区领岗、接单）使用，排联盟时不读取；不用时可留空或删除。")],
            [],
        ]
        rows.append(WorkbookStyle.headerRow(["工作表", "对应文件", "列名", "英文列名", "必填", "含义", "取值与单位"]))
        for list in sheets {
            rows.append([.text(list.sheetName, WorkbookStyle.title), .text(list.fileName),
                         .empty, .empty, .text(list.required ? "必需的表" : "可选的表"), .text(list.purpose, WorkbookStyle.note)])
            for column in list.columns {
                rows.append([.text(list.sheetName), .text(list.fileName), .text(column.header), .text(column.canonical),
                             .text(column.required ? "是" : ""), .text(column.meaning, WorkbookStyle.note),
                             .text(column.values, WorkbookStyle.note)])
            }
        }
        var sheet = Sheet(name: instructionsSheet, rows: rows)
        sheet.columnWidths = [10, 18, 14, 18, 10, 50, 40]
        return sheet
    }
}
