"""The built-in sample street (示例街道), reproducing the seed's figures exactly.

Deterministic: the same records, ids and dates every time, built by rule rather than by
chance so that every figure can be checked by hand:

* 5 alliances, 48 member organisations (10 + 12 + 10 + 8 + 8), 20 regional and 14
  external units (the five named street-level pairing units among them);
* 38 active small-linkage pairings; 84 active large-linkage pairings (50 across
  alliances, 22 with regional and 12 with external units); 25 alliance-level and 32
  street-level pairings; four ended pairings kept as history;
* 56 feature brands; four quarterly joint meetings per alliance in 2026 with rotating
  chairs, the yearly summit and two unified action days (23 meetings).

Some members are left out on purpose so that the coverage views find something true:
:data:`UNPAIRED` have no pairing at all, :data:`ONLY_ENDED` only an ended one,
:data:`SMALL_ONLY` no large linkage, :data:`LARGE_ONLY` no small linkage. The alliance
pair 校区 × 园区 has no cross-alliance linkage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from itertools import combinations

from lianmeng.dataset import Dataset
from lianmeng.records import (
    Alliance,
    Committee,
    Meeting,
    MeetingKind,
    Organisation,
    OrgType,
    Pairing,
    PairingKind,
    PairingStatus,
    Scope,
    SubCommittee,
)
from lianmeng.sample_ledger import ledger
from lianmeng.targets import seed_targets

__all__ = ["sample_street", "UNPAIRED", "ONLY_ENDED", "SMALL_ONLY", "LARGE_ONLY", "FIGURES",
           "STREET_UNITS", "SAMPLE_YEAR"]

SAMPLE_YEAR = 2026
COMMITTEE_ID = "street"

#: the figures ``lianmeng stats --json`` prints for the sample street
FIGURES = {
    "alliances": 5,
    "organisations": {"member": 48, "regional": 20, "external": 14},
    "pairings": {"small": 38, "large": 84, "alliance": 25, "street": 32},
    "meetings": 23,
}

# --- the network --------------------------------------------------------------------

_SUBCOMMITTEES = (
    ("sc-admin", "行政组织党组"),
    ("sc-community", "社区党委"),
    ("sc-economic", "综合党委"),
)

# sector, alliance name, leading sub-committee, unified action, co-governance project, research topic
_ALLIANCES = (
    ("administrative", "行政区党建联盟", "sc-admin", "四进四强", "网上信访联合接待大厅", "“一、三、十五工作日”制度落实情况调研"),
    ("community", "社区党建联盟", "sc-community", "五联工作法", "党群议事体系", "老旧小区综合治理中的居民自治"),
    ("commercial", "商区党建联盟", "sc-economic", "五位一体", "曹安路商圈诚信经营公益服务共同体", "专业市场转型与商户社区表现"),
    ("campus", "校区党建联盟", "sc-admin", "三优三名", "品质教育社会资源库", "校外教育资源共享"),
    ("park", "园区党建联盟", "sc-economic", "四阵地", "一中心一基地", "园区人才服务与青年党员发展"),
)

_PREFIX = {"administrative": "adm", "community": "com", "commercial": "biz", "campus": "edu", "park": "prk"}

# name, type, industry; the first brand of named units comes from the seed
_MEMBERS: dict[str, tuple[tuple[str, OrgType, str], ...]] = {
    "administrative": (
        ("街道机关党总支", OrgType.GENERAL_BRANCH, "机关"),
        ("XX市场监督管理所党支部", OrgType.BRANCH, "市场监管"),
        ("XX城管中队党支部", OrgType.BRANCH, "城市管理"),
        ("XX派出所党支部", OrgType.BRANCH, "公安"),
        ("XX税务所党支部", OrgType.BRANCH, "税务"),
        ("社区事务受理服务中心党支部", OrgType.BRANCH, "窗口服务"),
        ("XX房管办党支部", OrgType.BRANCH, "房屋管理"),
        ("社区卫生服务中心党支部", OrgType.BRANCH, "医疗卫生"),
        ("XX劳动保障所党支部", OrgType.BRANCH, "劳动保障"),
        ("社区文化活动中心党支部", OrgType.BRANCH, "文化"),
    ),
    "community": (
        ("新郁社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("铜川社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("兰溪社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("枣阳社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("梅岭社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("杏山社区党总支", OrgType.GENERAL_BRANCH, "居民区"),
        ("清涧社区党支部", OrgType.BRANCH, "居民区"),
        ("金岭社区党支部", OrgType.BRANCH, "居民区"),
        ("星河社区党支部", OrgType.BRANCH, "居民区"),
        ("南湾社区党支部", OrgType.BRANCH, "居民区"),
        ("柳营社区党支部", OrgType.BRANCH, "居民区"),
        ("东新社区党支部", OrgType.BRANCH, "居民区"),
    ),
    "commercial": (
        ("上海市轻纺市场党支部", OrgType.BRANCH, "专业市场"),
        ("东方汽配城党支部", OrgType.BRANCH, "汽配"),
        ("曹安商会党支部", OrgType.BRANCH, "商会"),
        ("锦绣建材市场党支部", OrgType.BRANCH, "专业市场"),
        ("XX五金机电市场党支部", OrgType.BRANCH, "专业市场"),
        ("华联超市XX店党支部", OrgType.BRANCH, "零售"),
        ("兴业银行XX支行党支部", OrgType.BRANCH, "金融"),
        ("金沙餐饮管理公司党支部", OrgType.BRANCH, "餐饮"),
        ("百联商厦党支部", OrgType.BRANCH, "零售"),
        ("曹安轻纺城物业党支部", OrgType.BRANCH, "物业"),
    ),
    "campus": (
        ("XX幼儿园党支部", OrgType.BRANCH, "学前教育"),
        ("XX中学党支部", OrgType.BRANCH, "中学"),
        ("XX第一小学党支部", OrgType.BRANCH, "小学"),
        ("XX第二小学党支部", OrgType.BRANCH, "小学"),
        ("XX职业技术学校党支部", OrgType.BRANCH, "职业教育"),
        ("XX实验幼儿园党支部", OrgType.BRANCH, "学前教育"),
        ("XX少年宫党支部", OrgType.BRANCH, "校外教育"),
        ("XX社区学校党支部", OrgType.BRANCH, "成人教育"),
    ),
    "park": (
        ("3131电子商务园党支部", OrgType.BRANCH, "电子商务"),
        ("XX经济城党支部", OrgType.BRANCH, "经济园区"),
        ("景域集团党委", OrgType.PARTY_COMMITTEE, "文化旅游"),
        ("真北科技园党支部", OrgType.BRANCH, "科技"),
        ("汇金创业园党支部", OrgType.BRANCH, "创业孵化"),
        ("XX物流园党支部", OrgType.BRANCH, "物流"),
        ("新业坊文创园党支部", OrgType.BRANCH, "文化创意"),
        ("智慧谷产业园党支部", OrgType.BRANCH, "科技"),
    ),
}

_SEED_BRANDS = {
    "XX城管中队党支部": "微型党课流动授课点",
    "街道机关党总支": "浸社区",
    "铜川社区党总支": "四事",
    "景域集团党委": "三带动",
    "上海市轻纺市场党支部": "心桥驿站",
    "XX幼儿园党支部": "送教进市场",
    "新郁社区党总支": "五联三专",
    "XX市场监督管理所党支部": "所城联动",
}
_BRAND_WORDS = ("红色驿站", "党员先锋岗", "邻里汇", "诚信示范岗", "青年突击队", "法律服务直通车",
                "暖心服务队", "党课微讲堂", "志愿服务站", "便民服务点", "书香党建", "红色课堂")

_REGIONAL = (
    "XX医院党委", "公交XX车队党支部", "XX邮政支局党支部", "XX供电所党支部", "XX自来水营业所党支部",
    "XX燃气管理站党支部", "XX消防救援站党支部", "XX交警中队党支部", "XX电信营业厅党支部", "XX地铁站党支部",
    "XX环卫所党支部", "XX绿化所党支部", "XX物业公司联合党支部", "XX律师事务所党支部", "XX会计师事务所党支部",
    "XX养老院党支部", "XX菜市场党支部", "XX快递站联合党支部", "XX文化馆党支部", "XX体育中心党支部",
)

#: the five street-level pairing units (五个结对单位) named in the seed
STREET_UNITS = ("市商务委干部人事处", "市综治办党支部", "市委党校党史党建教研部", "市企业联合会", "区检察院")

_EXTERNAL = STREET_UNITS + (
    "区人民法院机关党支部", "区卫健委机关党支部", "区科委机关党支部", "区团委", "区妇联机关党支部",
    "区图书馆党支部", "区消防救援支队党委", "市律师协会党委", "区青少年活动中心党支部",
)

_RESOURCES = ("活动场地", "志愿者队伍", "法律咨询", "培训讲师", "就业岗位", "医疗服务", "教育资源",
              "宣传平台", "技术支持", "政策指导", "文化活动", "资金支持")

#: members left out on purpose (by name), checked by the tests and the coverage views
UNPAIRED = ("XX社区学校党支部", "东新社区党支部", "智慧谷产业园党支部")
ONLY_ENDED = ("百联商厦党支部",)
SMALL_ONLY = ("社区文化活动中心党支部", "XX少年宫党支部", "新业坊文创园党支部")
LARGE_ONLY = ("XX劳动保障所党支部", "柳营社区党支部", "曹安轻纺城物业党支部")

_NO_CROSS_PAIR = ("campus", "park")  # an alliance pair left without cross linkage on purpose


def _digest(*parts: object) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _day(index: int, start: dt.date = dt.date(2024, 7, 1), span_days: int = 700) -> dt.date:
    """A spread of start dates from July 2024, the same for the same index."""
    return start + dt.timedelta(days=(index * 37) % span_days)


class _Builder:
    def __init__(self) -> None:
        self.orgs: list[Organisation] = []
        self.members: dict[str, list[Organisation]] = {}
        self.by_name: dict[str, Organisation] = {}
        self.pairings: list[Pairing] = []
        self._pairs: set[tuple[str, str]] = set()

    # organisations ------------------------------------------------------------------

    def add_org(self, org: Organisation) -> None:
        self.orgs.append(org)
        self.by_name[org.name] = org
        if org.alliance:
            self.members.setdefault(org.alliance, []).append(org)

    def build_members(self) -> None:
        brand_no = 0
        for sector, rows in _MEMBERS.items():
            for i, (name, org_type, industry) in enumerate(rows, start=1):
                h = _digest(name)
                brands = [_SEED_BRANDS.get(name) or f"{name[:2]}{_BRAND_WORDS[brand_no % len(_BRAND_WORDS)]}"]
                brand_no += 1
                if i in (2, 5) and len(rows) >= 8 and sector != "community":
                    brands.append(f"{name[:2]}{_BRAND_WORDS[brand_no % len(_BRAND_WORDS)]}")
                    brand_no += 1
                resources = sorted({_RESOURCES[h % 12], _RESOURCES[(h // 12) % 12]})
                needs = sorted({_RESOURCES[(h // 144) % 12], _RESOURCES[(h // 1728) % 12]} - set(resources))
                self.add_org(Organisation(
                    id=f"{_PREFIX[sector]}-{i:02d}",
                    name=name,
                    scope=Scope.MEMBER,
                    alliance=sector,
                    type=org_type,
                    unit=name.removesuffix("党总支").removesuffix("党支部").removesuffix("党委"),
                    industry=industry,
                    address=f"XX路{100 + h % 900}号",
                    grid=f"第{1 + h % 6}网格",
                    member_count=8 + h % 60,
                    contact=f"{'张王李赵刘陈杨黄周吴'[h % 10]}{'明华强丽军芳红敏伟静'[(h // 10) % 10]}",
                    phone=f"021-5{h % 1000:03d}-{(h // 1000) % 10000:04d}",
                    brands=tuple(brands),
                    resources=tuple(resources),
                    needs=tuple(needs),
                    pioneer_index=round(72 + (h % 260) / 10, 1),
                ))

    def build_outside(self) -> None:
        for scope, names, prefix in ((Scope.REGIONAL, _REGIONAL, "reg"), (Scope.EXTERNAL, _EXTERNAL, "ext")):
            for i, name in enumerate(names, start=1):
                h = _digest(name)
                self.add_org(Organisation(
                    id=f"{prefix}-{i:02d}",
                    name=name,
                    scope=scope,
                    type=OrgType.PARTY_COMMITTEE if name.endswith("党委") else OrgType.BRANCH,
                    unit=name.removesuffix("联合党支部").removesuffix("机关党支部").removesuffix("党支部").removesuffix("党委"),
                    industry="公共服务" if scope is Scope.REGIONAL else "区域外单位",
                    resources=(_RESOURCES[h % 12],),
                ))

    # pairings -----------------------------------------------------------------------

    def pair(self, a: str, b: str, kind: PairingKind, content: str, *, until: dt.date | None = None,
             status: PairingStatus = PairingStatus.ACTIVE, since: dt.date | None = None) -> bool:
        key = (min(a, b), max(a, b))
        if a == b or key in self._pairs:
            return False
        self._pairs.add(key)
        self.pairings.append(Pairing(
            party_a=a, party_b=b, kind=kind, content=content,
            since=since or _day(len(self.pairings)), until=until, status=status,
        ))
        return True

    def eligible(self, sector: str, excluded: tuple[str, ...]) -> list[Organisation]:
        return [o for o in self.members[sector] if o.name not in excluded]

    def build_small(self) -> None:
        excluded = UNPAIRED + ONLY_ENDED + LARGE_ONLY
        for sector in _MEMBERS:
            orgs = self.eligible(sector, excluded)
            for x, y in zip(orgs, orgs[1:], strict=False):  # a chain covers every eligible member
                self.pair(x.id, y.id, PairingKind.SMALL, f"{x.unit}与{y.unit}同业互助、联合开展{_ALLIANCE_ACTION[sector]}")
            if sector in ("administrative", "community"):  # two chords bring the total to 38
                self.pair(orgs[0].id, orgs[2].id, PairingKind.SMALL, f"{orgs[0].unit}与{orgs[2].unit}党员志愿服务共建")

    def build_large(self) -> None:
        excluded = UNPAIRED + ONLY_ENDED + SMALL_ONLY
        eligible = {s: self.eligible(s, excluded) for s in _MEMBERS}
        seed_pairs = (  # the seed's own examples come first
            ("XX市场监督管理所党支部", "XX经济城党支部", "所城联动：共同服务企业发展、推动区域治理"),
        )
        for a, b, content in seed_pairs:
            self.pair(self.by_name[a].id, self.by_name[b].id, PairingKind.CROSS_ALLIANCE, content)
        cursor = {s: 0 for s in _MEMBERS}

        def next_org(sector: str) -> Organisation:
            orgs = eligible[sector]
            org = orgs[cursor[sector] % len(orgs)]
            cursor[sector] += 1
            return org

        alliance_pairs = [p for p in combinations(_MEMBERS, 2) if p != _NO_CROSS_PAIR]
        round_no = 0
        while sum(1 for p in self.pairings if p.kind is PairingKind.CROSS_ALLIANCE) < 50:
            x, y = alliance_pairs[round_no % len(alliance_pairs)]
            round_no += 1
            a, b = next_org(x), next_org(y)
            self.pair(a.id, b.id, PairingKind.CROSS_ALLIANCE, f"{a.unit}与{b.unit}跨联盟资源共享：{a.resources[0]}对接{b.needs[0] if b.needs else b.resources[0]}")
        flat = [o for s in _MEMBERS for o in eligible[s]]
        regional = [o for o in self.orgs if o.scope is Scope.REGIONAL]
        external = [o for o in self.orgs if o.scope is Scope.EXTERNAL]
        named = {
            ("3131电子商务园党支部", "市商务委干部人事处"): "建立“商务人才XX服务基地”",
            ("东方汽配城党支部", "市商务委干部人事处"): "“国家汽车及零部件出口基地项目”政策服务",
        }
        for (a, b), content in named.items():
            self.pair(self.by_name[a].id, self.by_name[b].id, PairingKind.EXTERNAL, content)
        for kind, units, target, stride in ((PairingKind.REGIONAL, regional, 22, 7), (PairingKind.EXTERNAL, external, 12, 11)):
            i = 0
            while sum(1 for p in self.pairings if p.kind is kind) < target:
                org = flat[(i * stride) % len(flat)]
                unit = units[i % len(units)]
                i += 1
                self.pair(org.id, unit.id, kind, f"{org.unit}与{unit.unit}区域联动：{unit.resources[0]}进{org.industry}")

    def build_upper_levels(self, alliances: list[Alliance]) -> None:
        outside = [o for o in self.orgs if o.scope is not Scope.MEMBER]
        for a, b in combinations(alliances, 2):
            self.pair(a.id, b.id, PairingKind.ALLIANCE, f"{a.name}与{b.name}统一行动互促：{a.unified_action}×{b.unified_action}")
        for i in range(15):
            alliance = alliances[i % 5]
            unit = outside[(i * 3 + 1) % len(outside)]
            self.pair(alliance.id, unit.id, PairingKind.ALLIANCE, f"{unit.unit}支持{alliance.name}共治项目“{alliance.project}”")
        street_units = [self.by_name[n] for n in STREET_UNITS] + [o for o in outside if o.name not in STREET_UNITS]
        for unit in street_units[:32]:
            self.pair(COMMITTEE_ID, unit.id, PairingKind.STREET, f"街道党工委与{unit.unit}共建：服务地区发展和群众工作")

    def build_history(self) -> None:
        ended = dt.date(2025, 12, 31)
        old = dt.date(2024, 3, 1)
        org = self.by_name[ONLY_ENDED[0]]
        partner = self.members["commercial"][0]
        self.pair(org.id, partner.id, PairingKind.SMALL, "商户诚信经营互查（已完成）", since=old, until=ended,
                  status=PairingStatus.ENDED)
        for a, b, kind in (("adm-01", "prk-03", PairingKind.CROSS_ALLIANCE), ("com-02", "reg-05", PairingKind.REGIONAL),
                           ("biz-02", "ext-08", PairingKind.EXTERNAL)):
            self.pair(a, b, kind, "上一轮结对（已到期）", since=old, until=ended, status=PairingStatus.ENDED)
        # three active pairings run out at the end of the year: "ending soon" has content
        for index in (0, 1, 40):
            p = self.pairings[index]
            self.pairings[index] = p.model_copy(update={"until": dt.date(SAMPLE_YEAR, 12, 31)})


_ALLIANCE_ACTION = {sector: action for sector, _, _, action, _, _ in _ALLIANCES}


def _meetings(builder: _Builder, alliances: list[Alliance]) -> list[Meeting]:
    meetings: list[Meeting] = []
    absent_late = {builder.by_name[n].id for n in UNPAIRED}  # missed Q3 and Q4: flagged by attendance
    for a_no, alliance in enumerate(alliances):
        members = builder.members[alliance.id]
        for q in range(4):
            date = dt.date(SAMPLE_YEAR, 3 * q + 3, 10 + 2 * a_no)
            chair = members[(q * 2 + a_no) % len(members)]
            attendees = tuple(m.id for m in members if not (q >= 2 and m.id in absent_late) or m.id == chair.id)
            meetings.append(Meeting(
                id=f"M-{alliance.id}-{SAMPLE_YEAR}Q{q + 1}",
                kind=MeetingKind.JOINT,
                date=date,
                alliance=alliance.id,
                chair=chair.id,
                attendees=attendees,
                topics=(f"{alliance.unified_action}统一行动推进", f"共治项目“{alliance.project}”第{q + 1}季度进展",
                        "结对共建情况交流"),
                decisions=(f"由{chair.unit}牵头落实本季度结对共建事项", "下季度联席会议前报送议题"),
                location=f"{chair.unit}会议室",
            ))
    everyone = tuple(o.id for o in builder.orgs if o.scope is Scope.MEMBER)
    meetings.append(Meeting(
        id=f"M-summit-{SAMPLE_YEAR}", kind=MeetingKind.SUMMIT, date=dt.date(SAMPLE_YEAR, 1, 15),
        attendees=everyone, topics=("年度区域化党建工作部署", "先锋指数测评结果通报"),
        decisions=("确定五个联盟年度共治项目",), location="街道党群服务中心",
    ))
    for i, month in enumerate((5, 10)):
        meetings.append(Meeting(
            id=f"M-action-{SAMPLE_YEAR}H{i + 1}", kind=MeetingKind.ACTION_DAY, date=dt.date(SAMPLE_YEAR, month, 20),
            attendees=everyone, topics=("五支联动服务队集中服务", "走街入市进家庭集中走访"),
            decisions=("汇总群众反映问题，按“一、三、十五工作日”制度办理",), location="XX街道各服务点",
            action_day=f"D-{SAMPLE_YEAR}H{i + 1}",  # the ledger's record of the day (its activities, teams)
        ))
    return meetings


def sample_street() -> Dataset:
    """The sample street as a validated :class:`~lianmeng.dataset.Dataset`."""
    committee = Committee(id=COMMITTEE_ID, name="XX街道党工委")
    subcommittees = [SubCommittee(id=i, name=n, parent=COMMITTEE_ID) for i, n in _SUBCOMMITTEES]
    alliances = [
        Alliance(id=sector, name=name, sector=sector, led_by=led_by, unified_action=action, project=project,
                 research_topic=topic)
        for sector, name, led_by, action, project, topic in _ALLIANCES
    ]
    builder = _Builder()
    builder.build_members()
    builder.build_outside()
    builder.build_small()
    builder.build_large()
    builder.build_upper_levels(alliances)
    builder.build_history()
    dataset = Dataset(
        committees=(committee,),
        subcommittees=tuple(subcommittees),
        alliances=tuple(alliances),
        organisations=tuple(builder.orgs),
        pairings=tuple(builder.pairings),
        meetings=tuple(_meetings(builder, alliances)),
        targets=seed_targets(),  # the seed's figures are this street's own targets
        **ledger(alliances, builder.orgs, builder.pairings),  # the work inside the pairings (issue 16)
    )
    from lianmeng.sample_mechanisms import with_mechanisms  # issue 17

    return with_mechanisms(dataset).validated()
