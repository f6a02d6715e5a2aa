"""A small hand-made street for the export tests: every figure below is countable by hand.

Alliances 甲联盟 (A1: o1, o2) and 乙联盟 (A2: o3); a regional unit r1, an external unit x1;
the committee c. Pairings:

=====  ===========  ==============  ===========================
id     ends         kind            belongs to
=====  ===========  ==============  ===========================
p1     o1 – o2      small           A1
p2     o1 – o3      cross_alliance  A1, A2
p3     o2 – r1      regional        A1  (cross-scope)
p4     o3 – x1      external        A2  (cross-scope)
p5     A1 – A2      alliance        A1, A2 (alliance level)
p6     c – r1       street          none   (street level)
p7     o1 – o2      small, ended    A1
=====  ===========  ==============  ===========================
"""

from __future__ import annotations

import datetime as dt

from lianmeng.dataset import Dataset
from lianmeng.records import (
    Alliance,
    Committee,
    Organisation,
    Pairing,
    PairingKind,
    PairingStatus,
    Scope,
)

#: text people type that every format must carry unchanged
TRICKY = "<b>共建&联建</b> \"双引号\" '单引号' 🎉🚩 a<b"
FORMULA = "=SUM(A1:A9)"


def small_street() -> Dataset:
    day = dt.date
    return Dataset(
        committees=[Committee(id="c", name="测试街道党工委")],
        alliances=[
            Alliance(id="A1", name="甲联盟", sector="community"),
            Alliance(id="A2", name="乙联盟", sector="campus"),
        ],
        organisations=[
            Organisation(id="o1", name="一号党支部", alliance="A1", contact="张三", phone="021-1111"),
            Organisation(id="o2", name="二号党支部 <&>", alliance="A1", contact=TRICKY, phone="021-2222"),
            Organisation(id="o3", name="三号党支部", alliance="A2"),
            Organisation(id="r1", name="区域单位", scope=Scope.REGIONAL),
            Organisation(id="x1", name="区外单位", scope=Scope.EXTERNAL),
        ],
        pairings=[
            Pairing(id="p1", party_a="o1", party_b="o2", kind=PairingKind.SMALL, content=TRICKY,
                    since=day(2026, 1, 1)),
            Pairing(id="p2", party_a="o1", party_b="o3", kind=PairingKind.CROSS_ALLIANCE, content="跨联盟",
                    since=day(2026, 2, 1), until=day(2026, 12, 31)),
            Pairing(id="p3", party_a="o2", party_b="r1", kind=PairingKind.REGIONAL, content=FORMULA,
                    since=day(2026, 3, 1)),
            Pairing(id="p4", party_a="o3", party_b="x1", kind=PairingKind.EXTERNAL, content="区外",
                    since=day(2026, 4, 1)),
            Pairing(id="p5", party_a="A1", party_b="A2", kind=PairingKind.ALLIANCE, content="联盟共促",
                    since=day(2026, 5, 1)),
            Pairing(id="p6", party_a="c", party_b="r1", kind=PairingKind.STREET, content="街道共建",
                    since=day(2026, 6, 1)),
            Pairing(id="p7", party_a="o1", party_b="o2", kind=PairingKind.SMALL, content="上一轮",
                    since=day(2024, 1, 1), until=day(2025, 12, 31), status=PairingStatus.ENDED),
        ],
    ).validated()
