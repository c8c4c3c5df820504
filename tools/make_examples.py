#!/usr/bin/env python3
"""Writes the two large example instances in models/examples/:

  caofeidian/  shaped like 唐山市曹妃甸区: 32 communities, 136 units (机关/企业/事业/两新/物业),
               lat/lon coordinates, 8 need categories, a few pair rules.
  guye/        shaped like 唐山市古冶区: 84 communities, 64 units bundled into 57 groups,
               some groups serving several communities, planar x/y coordinates in km.

The data is invented (names are realistic, not real assignments). The script is seeded
and deterministic: running it again rewrites byte-identical files. Standard library only.

    python3 tools/make_examples.py [--out models/examples]

Before writing, it checks that each instance is feasible for stage 1 of the model
(MODEL.md) with the lead rule on: group merging, Σk ≥ |C|, lead-capable Σk ≥ |C|,
T_min ≤ Σ U_c, Σ L_c ≤ T_max, L_c ≤ U_c, m ≤ k, fix pairs not forbidden and within k.
The small examples (tiny/, tiny-groups/) are written by hand and not touched.
"""

import argparse
import csv
import math
import os
import random

CATEGORIES = ["就业帮扶", "养老服务", "助学支教", "医疗义诊", "法律咨询", "环境整治", "文化活动", "志愿服务"]

PROJECT_NAMES = {
    "就业帮扶": ["社区招聘会", "技能培训班", "就业岗位对接", "灵活就业指导"],
    "养老服务": ["老年助餐点", "居家养老上门服务", "银发健康讲座", "适老化改造"],
    "助学支教": ["四点半课堂", "暑期托管班", "困难学生结对助学", "青少年科普课"],
    "医疗义诊": ["健康义诊进社区", "慢病随访", "家庭医生签约", "急救知识培训"],
    "法律咨询": ["法律咨询日", "法律明白人培训", "矛盾纠纷调解", "防范电信诈骗宣讲"],
    "环境整治": ["背街小巷整治", "楼道清理", "垃圾分类宣传", "老旧小区绿化"],
    "文化活动": ["广场文艺展演", "书画摄影展", "读书分享会", "传统节日活动"],
    "志愿服务": ["志愿者服务日", "关爱空巢老人", "文明交通劝导", "邻里互助站"],
}

HEADERS = {
    "communities": ["id", "name", "street", "strength", "min_orgs", "max_orgs"],
    "organizations": ["id", "name", "kind", "strength", "can_lead", "min_communities",
                      "max_communities", "group"],
    "needs": ["community_id", "category", "amount", "priority"],
    "resources": ["org_id", "category", "amount"],
    "projects": ["id", "community_id", "name", "category", "amount", "value"],
    "pairs": ["org_id", "community_id", "rule", "score"],
}


def fmt(value):
    """Numbers as written in the CSVs: integers without a fraction, others rounded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.5f}".rstrip("0").rstrip(".")
        return text
    return str(value)


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([fmt(row.get(column)) for column in header])


# ---------------------------------------------------------------------------
# Feasibility (MODEL.md, stage 1, lead rule on)

def check_feasible(name, communities, organizations, pairs):
    """Asserts the arithmetic conditions under which stage 1 has a solution."""
    # Group merging: first row gives bounds, can_lead = any.
    units = {}
    unit_of = {}
    for org in organizations:
        key = org.get("group") or org["id"]
        unit_of[org["id"]] = key
        if key in units:
            units[key]["can_lead"] = units[key]["can_lead"] or org["can_lead"]
        else:
            units[key] = {"m": org["min_communities"], "k": org["max_communities"],
                          "can_lead": org["can_lead"]}
    n_c = len(communities)
    t_min = sum(u["m"] for u in units.values())
    t_max = sum(u["k"] for u in units.values())
    lead_capacity = sum(u["k"] for u in units.values() if u["can_lead"])
    lower = []
    upper = []
    for c in communities:
        low = c["min_orgs"] if c.get("min_orgs") is not None else t_min // n_c
        high = c["max_orgs"] if c.get("max_orgs") is not None else -(-t_max // n_c)
        low = max(low, 1)  # lead rule
        assert low <= high, f"{name}: community {c['id']} has L_c = {low} > U_c = {high}"
        lower.append(low)
        upper.append(high)
    for u, data in units.items():
        assert 0 <= data["m"] <= data["k"], f"{name}: unit {u} has m > k"
    assert t_max >= n_c, f"{name}: Σk = {t_max} < |C| = {n_c}"
    assert lead_capacity >= n_c, f"{name}: lead-capable Σk = {lead_capacity} < |C| = {n_c}"
    assert sum(lower) <= t_max, f"{name}: Σ L_c = {sum(lower)} > T_max = {t_max}"
    assert t_min <= sum(upper), f"{name}: T_min = {t_min} > Σ U_c = {sum(upper)}"
    forbidden = {(unit_of[p["org_id"]], p["community_id"]) for p in pairs if p["rule"] == "forbid"}
    fixed = {}
    for p in pairs:
        if p["rule"] == "fix":
            key = (unit_of[p["org_id"]], p["community_id"])
            assert key not in forbidden, f"{name}: fix on forbidden pair {key}"
            fixed.setdefault(key[0], set()).add(key[1])
    for u, cs in fixed.items():
        assert len(cs) <= units[u]["k"], f"{name}: unit {u} fixed to more than k communities"
    community_ids = {c["id"] for c in communities}
    for p in pairs:
        assert p["org_id"] in unit_of and p["community_id"] in community_ids, f"{name}: bad pair {p}"
    # Every community keeps at least one allowed lead-capable unit.
    for c in communities:
        assert any(data["can_lead"] and (u, c["id"]) not in forbidden for u, data in units.items()), \
            f"{name}: community {c['id']} has no possible lead"
    return {"units": len(units), "T_min": t_min, "T_max": t_max, "lead_capacity": lead_capacity,
            "L": (min(lower), max(lower)), "U": (min(upper), max(upper))}


# ---------------------------------------------------------------------------
# Lists shared by both districts

def make_needs_projects(rng, communities, project_counter):
    needs, projects = [], []
    for c in communities:
        count = rng.choice([2, 3, 3, 4])
        categories = rng.sample(CATEGORIES, count)
        for category in categories:
            needs.append({"community_id": c["id"], "category": category,
                          "amount": rng.randint(1, 5), "priority": rng.choice([1, 1, 2, 2, 3])})
        n_projects = rng.choice([2, 3, 3, 3, 4])
        for i in range(n_projects):
            category = categories[i % len(categories)]
            project_counter[0] += 1
            projects.append({"id": f"P{project_counter[0]:03d}", "community_id": c["id"],
                             "name": f"{c['name']}{rng.choice(PROJECT_NAMES[category])}",
                             "category": category, "amount": rng.randint(1, 3),
                             "value": rng.randint(1, 5)})
    return needs, projects


def affinity(name, kind):
    """Need categories a unit is likely to offer, from its name and kind."""
    rules = [
        (("医院", "卫生", "疾病", "医疗", "诊所"), "医疗义诊"),
        (("学", "教育", "科协"), "助学支教"),
        (("司法", "律师", "法院", "检察", "公安"), "法律咨询"),
        (("人力", "就业", "人社", "商会", "工业", "集团", "公司", "银行"), "就业帮扶"),
        (("民政", "养老", "老龄", "残联", "红十字"), "养老服务"),
        (("城管", "住房", "生态", "环境", "物业", "园林", "水务"), "环境整治"),
        (("文化", "图书", "宣传", "文联", "体育", "广播"), "文化活动"),
        (("团", "妇联", "志愿", "社会工作", "工会"), "志愿服务"),
    ]
    found = [category for keys, category in rules if any(key in name for key in keys)]
    if kind == "物业" and "环境整治" not in found:
        found.append("环境整治")
    return found


def make_resources(rng, organizations, richer=False):
    """1-3 categories per unit; `richer` units (一包多 districts) offer more of each."""
    rows = []
    for org in organizations:
        wanted = rng.choice([2, 2, 3]) if richer else rng.choice([1, 2, 2, 3])
        categories = affinity(org["name"], org["kind"])[:wanted]
        while len(categories) < wanted:
            category = rng.choice(CATEGORIES)
            if category not in categories:
                categories.append(category)
        for category in categories:
            high = (4 if org["strength"] >= 5 else 2) * (2 if richer else 1)
            rows.append({"org_id": org["id"], "category": category, "amount": rng.randint(1, high)})
    return rows


# ---------------------------------------------------------------------------
# 曹妃甸区: 32 communities, 136 units, lat/lon

CFD_CENTER = (39.27, 118.46)
CFD_STREETS = [  # street, communities, centre offset (east km, north km)
    ("唐海镇", 11, (0.0, 0.0)),
    ("曹妃甸新城", 9, (-2.0, -10.0)),
    ("滨海镇", 5, (7.0, -5.0)),
    ("柳赞镇", 4, (10.0, 3.0)),
    ("第十一农场", 3, (-7.0, 4.0)),
]
CFD_COMMUNITY_STEMS = [
    "惠丰湖", "福苑", "康居", "和平", "新华", "文化", "滨河", "锦绣", "怡安", "祥和", "海韵",
    "金港", "瑞祥", "幸福", "润泽", "龙湾", "碧海", "港城", "嘉禾", "丰润", "兴业", "青龙河",
    "书香", "裕民", "永安", "渤海", "曹妃湖", "阳光", "万佳", "泰和", "宏达", "绿岛", "长丰",
    "稻香", "惠民", "康泰",
]
CFD_AGENCIES = [
    "曹妃甸区委组织部", "曹妃甸区委宣传部", "曹妃甸区委统战部", "曹妃甸区纪委监委", "曹妃甸区委政法委",
    "曹妃甸区发展和改革局", "曹妃甸区财政局", "曹妃甸区人力资源和社会保障局", "曹妃甸区民政局",
    "曹妃甸区司法局", "曹妃甸区教育局", "曹妃甸区卫生健康局", "曹妃甸区住房和城乡建设局",
    "曹妃甸区城市管理综合执法局", "曹妃甸区市场监督管理局", "曹妃甸区应急管理局", "曹妃甸区交通运输局",
    "曹妃甸区农业农村局", "曹妃甸区水务局", "曹妃甸区文化广电和旅游局", "曹妃甸区商务局",
    "曹妃甸区退役军人事务局", "曹妃甸区自然资源和规划局", "唐山市生态环境局曹妃甸区分局",
    "曹妃甸区税务局", "曹妃甸区人民法院", "曹妃甸区人民检察院", "曹妃甸区总工会", "共青团曹妃甸区委",
    "曹妃甸区妇联",
]
CFD_ENTERPRISE_PREFIX = ["渤海", "京唐", "冀东", "曹妃", "瑞丰", "鑫达", "新港", "临港", "金岸", "海畅",
                         "港丰", "华冶", "唐海", "滨港", "恒远", "宏泰", "凯达", "远洋", "嘉信", "中汇"]
CFD_ENTERPRISE_TRADE = ["钢铁", "港务", "物流", "化工", "电力", "建设", "食品", "能源", "装备制造", "新材料",
                        "水产", "粮油", "医药", "热力", "燃气"]
CFD_INSTITUTIONS_LARGE = [
    "曹妃甸区医院", "曹妃甸区中医医院", "曹妃甸区妇幼保健院", "曹妃甸区第一中学", "曹妃甸区第二中学",
    "曹妃甸区职业技术教育中心", "曹妃甸区疾病预防控制中心", "曹妃甸区融媒体中心",
    "曹妃甸区公共资源交易中心", "曹妃甸区政务服务中心", "曹妃甸区图书馆", "曹妃甸区文化馆",
    "曹妃甸新城实验学校", "唐海镇中心小学",
]
CFD_INSTITUTIONS_SMALL = [
    "滨海镇卫生院", "柳赞镇卫生院", "唐海镇卫生院", "曹妃甸区体育中心", "曹妃甸区青少年活动中心",
    "曹妃甸区综合福利院", "曹妃甸区农业技术推广站", "曹妃甸区气象局", "柳赞镇中学", "滨海镇中学",
    "曹妃甸区科技馆", "曹妃甸区档案馆",
]
CFD_NEW_ORGS = [
    "曹妃甸区个体劳动者协会", "曹妃甸区工商联商会", "曹妃甸区社会工作服务中心", "曹妃甸区志愿者协会",
    "冀港律师事务所", "海正律师事务所", "唐海会计师事务所", "曹妃甸区养老服务协会", "曹妃甸区慈善总会",
    "曹妃甸区红十字会", "惠众社会工作服务社", "曹妃甸区残疾人联合会", "曹妃甸区文联", "曹妃甸区科协",
    "鑫海电子商务公司", "润禾农业科技公司", "曹妃甸区物流行业协会", "曹妃甸区餐饮行业协会",
    "曹妃甸区快递行业党委", "曹妃甸区新就业群体服务中心", "安康居家养老服务中心", "启航教育培训学校",
    "众信人力资源服务公司", "仁和诊所",
]
CFD_PROPERTY = ["惠丰物业", "海韵物业", "金港物业", "万佳物业", "碧海物业", "港城物业", "嘉禾物业",
                "泰和物业", "绿岛物业", "阳光物业", "瑞祥物业", "龙湾物业", "锦绣物业", "康泰物业",
                "长丰物业", "书香物业"]


def to_latlon(east_km, north_km):
    lat0, lon0 = CFD_CENTER
    lat = lat0 + north_km / 111.195
    lon = lon0 + east_km / (111.195 * math.cos(math.radians(lat0)))
    return round(lat, 5), round(lon, 5)


def make_caofeidian(rng):
    stems = CFD_COMMUNITY_STEMS[:]
    rng.shuffle(stems)
    communities = []
    for street, count, (cx, cy) in CFD_STREETS:
        for _ in range(count):
            stem = stems.pop()
            east, north = cx + rng.uniform(-2.5, 2.5), cy + rng.uniform(-2.5, 2.5)
            lat, lon = to_latlon(east, north)
            communities.append({"id": f"C{len(communities) + 1:02d}", "name": f"{stem}社区",
                                "street": street, "strength": rng.randint(1, 5), "lat": lat, "lon": lon})
    # Two communities with explicit bounds (a large one and a small one).
    communities[0]["min_orgs"], communities[0]["max_orgs"] = 5, 6
    communities[-1]["max_orgs"] = 4

    organizations = []

    def add(name, kind, strength, can_lead, k):
        street, _, (cx, cy) = rng.choice(CFD_STREETS)
        east, north = cx + rng.uniform(-3.0, 3.0), cy + rng.uniform(-3.0, 3.0)
        lat, lon = to_latlon(east, north)
        organizations.append({"id": f"O{len(organizations) + 1:03d}", "name": name, "kind": kind,
                              "strength": strength, "can_lead": can_lead, "min_communities": 1,
                              "max_communities": k, "lat": lat, "lon": lon})

    for i, name in enumerate(CFD_AGENCIES):  # 30 机关, all may lead; 8 serve two communities
        add(name, "机关", rng.randint(4, 9), True, 2 if i < 8 else 1)
    names = set()
    while len(names) < 40:
        names.add(rng.choice(CFD_ENTERPRISE_PREFIX) + rng.choice(CFD_ENTERPRISE_TRADE))
    for i, stem in enumerate(sorted(names)):  # 40 企业: 14 large (lead), 26 small
        large = i % 3 == 0 and i < 42
        suffix = "集团有限公司" if large else "有限公司"
        add(f"唐山{stem}{suffix}", "企业", rng.randint(6, 10) if large else rng.randint(2, 5), large,
            2 if large and i < 18 else 1)
    for name in CFD_INSTITUTIONS_LARGE:  # 14 large 事业, lead
        add(name, "事业", rng.randint(5, 8), True, 1)
    for name in CFD_INSTITUTIONS_SMALL:  # 12 small 事业
        add(name, "事业", rng.randint(3, 5), False, 1)
    for name in CFD_NEW_ORGS:  # 24 两新
        add(name, "两新", rng.randint(1, 3), False, 1)
    for name in CFD_PROPERTY:  # 16 物业
        add(f"唐山{name}服务有限公司", "物业", rng.randint(1, 2), False, 1)
    assert len(organizations) == 136, len(organizations)

    needs, projects = make_needs_projects(rng, communities, [0])
    resources = make_resources(rng, organizations)
    by_name = {org["name"]: org["id"] for org in organizations}
    pairs = [
        {"org_id": by_name["曹妃甸区委组织部"], "community_id": "C01", "rule": "fix"},
        {"org_id": by_name["曹妃甸区医院"], "community_id": communities[12]["id"], "rule": "fix"},
        {"org_id": by_name["曹妃甸区人民法院"], "community_id": communities[3]["id"], "rule": "forbid"},
        {"org_id": by_name["曹妃甸区人民检察院"], "community_id": communities[3]["id"], "rule": "forbid"},
        {"org_id": by_name["冀港律师事务所"], "community_id": communities[5]["id"], "rule": "prefer",
         "score": 0.1},
        {"org_id": by_name["安康居家养老服务中心"], "community_id": communities[20]["id"],
         "rule": "prefer", "score": 0.15},
        {"org_id": by_name["曹妃甸区教育局"], "community_id": communities[25]["id"], "rule": "prefer",
         "score": 0.05},
    ]
    return communities, organizations, needs, resources, projects, pairs


# ---------------------------------------------------------------------------
# 古冶区: 84 communities, 64 units in 57 groups, planar x/y

GY_STREETS = [  # street, communities, centre (x km, y km)
    ("林西街道", 12, (8.0, 9.0)),
    ("唐家庄街道", 10, (4.0, 6.0)),
    ("古冶街道", 10, (9.0, 5.0)),
    ("赵各庄街道", 12, (12.0, 8.0)),
    ("吕家坨街道", 8, (6.0, 2.0)),
    ("京华街道", 8, (10.0, 11.0)),
    ("范各庄镇", 8, (14.0, 3.0)),
    ("卑家店镇", 6, (2.0, 10.0)),
    ("王辇庄乡", 4, (16.0, 12.0)),
    ("习家套乡", 3, (5.0, 14.0)),
    ("大庄坨乡", 3, (17.0, 6.0)),
]
GY_COMMUNITY_STEMS = [
    "新村", "东矿", "西山", "南苑", "北苑", "和平", "康乐", "福民", "安居", "幸福", "建设", "光明",
    "胜利", "前进", "友谊", "团结", "矿新", "矿西", "矿东", "林苑", "松林", "柏林", "翠林", "榆林",
    "华岩", "朝阳", "向阳", "东风", "红星", "长虹", "金街", "银河", "工人", "文化", "健康", "平安",
    "吉祥", "如意", "丰收", "永兴", "新华", "振兴", "兴隆", "嘉园", "龙山", "凤凰", "青年", "春晖",
    "秀水", "馨园", "东苑", "西苑", "双桥", "北山", "南山", "泉水", "铁北", "站前", "矿前", "新风",
    "富强", "民主", "鑫苑", "华兴", "福康", "怡园", "静安", "长青", "五一", "七一", "三八", "育才",
    "兴盛", "瑞丰", "金秋", "阳光", "锦华", "宏伟", "益民", "惠民", "和谐", "富民", "安泰", "祥瑞",
    "盛世", "康宁", "百合", "桃园",
]
GY_AGENCIES = [
    "古冶区委组织部", "古冶区委宣传部", "古冶区委统战部", "古冶区纪委监委", "古冶区委政法委",
    "古冶区发展和改革局", "古冶区财政局", "古冶区人力资源和社会保障局", "古冶区民政局", "古冶区司法局",
    "古冶区教育局", "古冶区卫生健康局", "古冶区住房和城乡建设局", "古冶区城市管理综合执法局",
    "古冶区市场监督管理局", "古冶区应急管理局", "古冶区农业农村局", "古冶区文化广电和旅游局",
    "古冶区退役军人事务局", "古冶区税务局",
]
GY_ENTERPRISES = [  # name, large
    ("开滦林西矿业有限公司", True), ("开滦唐家庄矿业有限公司", True), ("开滦赵各庄矿业有限公司", True),
    ("开滦吕家坨矿业有限公司", True), ("开滦范各庄矿业有限公司", True), ("古冶区供电公司", True),
    ("古冶区热力有限公司", True), ("古冶区自来水公司", True), ("唐山古冶城建投资有限公司", True),
    ("古冶区农村信用合作联社", True), ("中国工商银行古冶支行", True), ("中国建设银行古冶支行", True),
    ("唐山华岩陶瓷有限公司", True), ("唐山林西水泥有限公司", True),
    ("古冶区燃气有限公司", False), ("唐山京华物流有限公司", False), ("唐山鑫源建材有限公司", False),
    ("唐山古冶食品有限公司", False),
]
GY_INSTITUTIONS = [  # name, large
    ("古冶区医院", True), ("古冶区中医医院", True), ("开滦林西医院", True), ("古冶区第一中学", True),
    ("古冶区职业技术教育中心", True), ("古冶区疾病预防控制中心", True), ("古冶区融媒体中心", True),
    ("古冶区政务服务中心", True),
    ("古冶区图书馆", False), ("古冶区文化馆", False), ("唐家庄街道卫生院", False), ("卑家店镇中学", False),
]
GY_GROUPS = [  # group name, members (name, kind)
    ("古冶区商贸流通联合党支部", [("古冶鑫华商贸有限公司", "两新"), ("古冶恒通超市", "两新"),
                                  ("古冶宏达家电商场", "两新")]),
    ("林西物业联合党支部", [("林西安居物业服务有限公司", "物业"), ("林西惠民物业服务有限公司", "物业")]),
    ("赵各庄物业联合党支部", [("赵各庄康乐物业服务有限公司", "物业"), ("赵各庄和谐物业服务有限公司", "物业")]),
    ("古冶区律师行业联合党支部", [("古冶正义律师事务所", "两新"), ("古冶明德律师事务所", "两新")]),
    ("古冶区社会组织联合党支部", [("古冶区志愿者协会", "两新"), ("古冶区社会工作服务中心", "两新")]),
    ("唐家庄个体工商户联合党支部", [("唐家庄个体劳动者协会", "两新"), ("唐家庄阳光物业服务中心", "物业")]),
]


def make_guye(rng):
    stems = GY_COMMUNITY_STEMS[:]
    rng.shuffle(stems)
    communities = []
    for street, count, (cx, cy) in GY_STREETS:
        for _ in range(count):
            stem = stems.pop()
            communities.append({"id": f"C{len(communities) + 1:02d}", "name": f"{stem}社区",
                                "street": street, "strength": rng.randint(1, 5),
                                "x": round(cx + rng.uniform(-2.0, 2.0), 2),
                                "y": round(cy + rng.uniform(-2.0, 2.0), 2)})
    assert len(communities) == 84

    organizations = []

    group_centre = {}

    def add(name, kind, strength, can_lead, k, group=None):
        _, _, (cx, cy) = rng.choice(GY_STREETS)
        if group is not None:  # the members of a group work in the same street
            if group not in group_centre:
                named = [centre for street, _, centre in GY_STREETS if group.startswith(street[:-2])]
                group_centre[group] = named[0] if named else (cx, cy)
            cx, cy = group_centre[group]
        organizations.append({"id": f"O{len(organizations) + 1:02d}", "name": name, "kind": kind,
                              "strength": strength, "can_lead": can_lead, "min_communities": 1,
                              "max_communities": k, "group": group,
                              "x": round(cx + rng.uniform(-2.5, 2.5), 2),
                              "y": round(cy + rng.uniform(-2.5, 2.5), 2)})

    for i, name in enumerate(GY_AGENCIES):  # 20 机关: 12 serve three communities, 8 serve two
        add(name, "机关", rng.randint(4, 9), True, 3 if i < 12 else 2)
    large_seen = 0
    for name, large in GY_ENTERPRISES:  # 14 large (lead, 10 serve two), 4 small
        if large:
            large_seen += 1
        add(name, "企业", rng.randint(6, 10) if large else rng.randint(2, 4), large,
            (2 if large_seen <= 10 else 1) if large else 1)
    large_seen = 0
    for name, large in GY_INSTITUTIONS:  # 8 large (lead, 6 serve two), 4 small
        if large:
            large_seen += 1
        add(name, "事业", rng.randint(5, 8) if large else rng.randint(3, 5), large,
            (2 if large_seen <= 6 else 1) if large else 1)
    add("古冶区工商业联合会", "两新", 2, False, 1)
    for g, (group, members) in enumerate(GY_GROUPS):  # 13 small units in 6 groups
        for j, (name, kind) in enumerate(members):
            # Bounds come from the group's first row; the later rows repeat them.
            add(name, kind, rng.randint(1, 2), False, 2 if g < 2 else 1, group)
    assert len(organizations) == 64, len(organizations)
    groups = {org["group"] or org["id"] for org in organizations}
    assert len(groups) == 57, len(groups)

    needs, projects = make_needs_projects(rng, communities, [0])
    resources = make_resources(rng, organizations, richer=True)
    by_name = {org["name"]: org["id"] for org in organizations}
    pairs = [
        {"org_id": by_name["开滦林西矿业有限公司"], "community_id": communities[0]["id"], "rule": "fix"},
        {"org_id": by_name["古冶区税务局"], "community_id": communities[40]["id"], "rule": "forbid"},
        {"org_id": by_name["古冶正义律师事务所"], "community_id": communities[30]["id"], "rule": "prefer",
         "score": 0.1},
        {"org_id": by_name["古冶明德律师事务所"], "community_id": communities[30]["id"], "rule": "prefer",
         "score": 0.05},
        {"org_id": by_name["古冶区医院"], "community_id": communities[22]["id"], "rule": "prefer",
         "score": 0.1},
    ]
    return communities, organizations, needs, resources, projects, pairs


# ---------------------------------------------------------------------------

def write_example(folder, name, data, coordinates):
    communities, organizations, needs, resources, projects, pairs = data
    summary = check_feasible(name, communities, organizations, pairs)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "communities.csv"), HEADERS["communities"] + coordinates, communities)
    org_header = HEADERS["organizations"] + coordinates
    if not any(org.get("group") for org in organizations):
        org_header.remove("group")
    write_csv(os.path.join(folder, "organizations.csv"), org_header, organizations)
    write_csv(os.path.join(folder, "needs.csv"), HEADERS["needs"], needs)
    write_csv(os.path.join(folder, "resources.csv"), HEADERS["resources"], resources)
    write_csv(os.path.join(folder, "projects.csv"), HEADERS["projects"], projects)
    write_csv(os.path.join(folder, "pairs.csv"), HEADERS["pairs"], pairs)
    print(f"{name}: {len(communities)} communities, {len(organizations)} organizations "
          f"({summary['units']} units), {len(needs)} needs, {len(resources)} resources, "
          f"{len(projects)} projects, {len(pairs)} pair rules; T_min {summary['T_min']}, "
          f"T_max {summary['T_max']}, lead capacity {summary['lead_capacity']}, "
          f"L_c {summary['L']}, U_c {summary['U']}")


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(root, "models", "examples"),
                        help="folder that receives caofeidian/ and guye/ (default: models/examples)")
    args = parser.parse_args()
    write_example(os.path.join(args.out, "caofeidian"), "caofeidian",
                  make_caofeidian(random.Random(20240601)), ["lat", "lon"])
    write_example(os.path.join(args.out, "guye"), "guye", make_guye(random.Random(20240602)), ["x", "y"])


if __name__ == "__main__":
    main()
