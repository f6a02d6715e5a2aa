"""Analysis results as labelled data frames for the coverage, structure and organisations pages.

Pure: results of :mod:`analysis` in, :class:`pandas.DataFrame` out, columns in Chinese
(from :data:`lianmeng.texts.ANALYSIS_COLUMNS`). Every value is data, never markup: the
pages show these with ``st.dataframe`` or altair charts, which draw text as text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis.brokers import Broker
from analysis.centrality import MEASURES, CentralityResult
from analysis.communities import CommunityResult
from analysis.coverage import CoverageReport, MemberCoverage
from analysis.plan import Plan
from analysis.recommend import Candidate
from analysis.structure import StructureResult
from lianmeng.texts import (
    ANALYSIS_COLUMNS,
    KIND_LABELS,
    LINKAGE_LABELS,
    MATRIX_COLUMN_LABELS,
    MEASURE_LABELS,
    SCOPE_LABELS,
    TARGET_LABELS,
)

__all__ = [
    "alliance_frame",
    "target_frame",
    "member_frame",
    "matrix_frame",
    "ending_frame",
    "candidate_frame",
    "plan_frame",
    "impossible_frame",
    "before_after_frame",
    "ranking_frame",
    "centrality_ranks",
    "method_label",
    "broker_frame",
    "bridge_frame",
    "component_frame",
    "community_alliance_table",
]

C = ANALYSIS_COLUMNS


def alliance_frame(report: CoverageReport) -> pd.DataFrame:
    """Per alliance: members, with small / large / both, shares, pairings in force."""
    return pd.DataFrame([{
        C["alliance"]: a.name, C["members"]: a.members, C["with_small"]: a.with_small,
        C["with_large"]: a.with_large, C["covered"]: a.covered,
        C["share_small"]: round(a.share_small, 4), C["share_large"]: round(a.share_large, 4),
        C["small_pairings"]: a.small_pairings, C["large_pairings"]: a.large_pairings,
        C["alliance_pairings"]: a.alliance_pairings,
    } for a in report.alliances], columns=[C[k] for k in (
        "alliance", "members", "with_small", "with_large", "covered", "share_small", "share_large",
        "small_pairings", "large_pairings", "alliance_pairings")])


def target_frame(report: CoverageReport) -> pd.DataFrame:
    """Headline figures against their targets."""
    return pd.DataFrame([{C["metric"]: TARGET_LABELS.get(t.metric, t.metric), C["actual"]: t.actual,
                          C["target"]: t.target,
                          C["met"]: "—" if t.met is None else C["yes"] if t.met else C["no"]}
                         for t in report.targets], columns=[C[k] for k in ("metric", "actual", "target", "met")])


def member_frame(members: Iterable[MemberCoverage], names: Mapping[str, str]) -> pd.DataFrame:
    """Members with their alliance and counts of small, large and ended pairings."""
    return pd.DataFrame([{C["organisation"]: m.name, C["alliance"]: names.get(m.alliance, m.alliance),
                          C["small"]: m.small, C["large"]: m.large, C["ended"]: m.ended, C["id"]: m.id}
                         for m in members],
                        columns=[C[k] for k in ("organisation", "alliance", "small", "large", "ended", "id")])


def matrix_frame(report: CoverageReport) -> pd.DataFrame:
    """The large-linkage matrix in long form for a heatmap: one row per cell.

    Columns ``row``, ``column`` (names), ``count`` (None on the diagonal), ``state``
    (``"diagonal"``, ``"empty"`` or ``"linked"``) and ``label`` (the text in the cell:
    the count, ``无`` for an empty cell, ``—`` on the diagonal); ``row_order`` and
    ``column_order`` keep the alliances' order.
    """
    matrix, names = report.matrix, report.names
    column_name = {**{a: names.get(a, a) for a in matrix.rows}, **MATRIX_COLUMN_LABELS}
    rows = []
    for i, row in enumerate(matrix.rows):
        for j, column in enumerate(matrix.columns):
            count = matrix.counts[row][column]
            state = "diagonal" if count is None else ("empty" if count == 0 else "linked")
            rows.append({"row": column_name[row], "column": column_name[column], "count": count, "state": state,
                         "label": {"diagonal": C["diagonal"], "empty": C["empty_cell"]}.get(state, str(count)),
                         "row_order": i, "column_order": j})
    return pd.DataFrame(rows, columns=["row", "column", "count", "state", "label", "row_order", "column_order"])


def ending_frame(report: CoverageReport) -> pd.DataFrame:
    names = report.names
    return pd.DataFrame([{C["party_a"]: names.get(p.party_a, p.party_a), C["party_b"]: names.get(p.party_b, p.party_b),
                          C["kind"]: KIND_LABELS[p.kind.value], C["until"]: p.until, C["content"]: p.content}
                         for p in report.ending],
                        columns=[C[k] for k in ("party_a", "party_b", "kind", "until", "content")])


def candidate_frame(found: Iterable[Candidate], alliance_names: Mapping[str, str]) -> pd.DataFrame:
    """Recommended partners best first, with score and reasons."""
    return pd.DataFrame([{C["rank"]: i, C["partner"]: c.name,
                          C["alliance_or_scope"]: alliance_names.get(c.alliance or "", "") or SCOPE_LABELS[c.scope],
                          C["score"]: c.score, C["reasons"]: "；".join(c.reasons)}
                         for i, c in enumerate(found, start=1)],
                        columns=[C[k] for k in ("rank", "partner", "alliance_or_scope", "score", "reasons")])


def plan_frame(result: Plan) -> pd.DataFrame:
    """The planned pairings, one row each, in the plan's order (row number from 1)."""
    return pd.DataFrame([{C["row"]: i, C["party_a"]: p.name_a, C["party_b"]: p.name_b,
                          C["linkage"]: LINKAGE_LABELS[p.linkage], C["kind"]: KIND_LABELS[p.kind.value],
                          C["score"]: p.score, C["reasons"]: "；".join(p.reasons)}
                         for i, p in enumerate(result.pairings, start=1)],
                        columns=[C[k] for k in ("row", "party_a", "party_b", "linkage", "kind", "score", "reasons")])


def impossible_frame(result: Plan) -> pd.DataFrame:
    return pd.DataFrame([{C["organisation"]: i.name, C["linkage"]: LINKAGE_LABELS.get(i.linkage, i.linkage),
                          C["reason"]: i.reason} for i in result.impossible],
                        columns=[C[k] for k in ("organisation", "linkage", "reason")])


def before_after_frame(result: Plan) -> pd.DataFrame:
    """Long form for a grouped bar chart: when (before/after) × figure → count."""
    rows = []
    for when, summary in ((C["before"], result.before), (C["after"], result.after)):
        for key in ("with_small", "with_large", "covered"):
            rows.append({"when": when, "figure": C[key], "count": getattr(summary, key)})
    return pd.DataFrame(rows, columns=["when", "figure", "count"])


def ranking_frame(result: CentralityResult, measure: str, names: Mapping[str, str],
                  alliance_names: Mapping[str, str], nodes: Iterable[str] | None = None,
                  top: int = 20) -> pd.DataFrame:
    """The ``top`` organisations by ``measure`` (of ``nodes`` if given), highest first."""
    scores = result.scores[measure]
    if nodes is not None:
        wanted = set(nodes)
        scores = {n: v for n, v in scores.items() if n in wanted}
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top]
    return pd.DataFrame([{C["rank"]: i, C["organisation"]: names.get(n, n),
                          C["alliance"]: alliance_names.get(result.alliance_of.get(n) or "", ""),
                          C["score"]: round(v, 6), C["id"]: n}
                         for i, (n, v) in enumerate(ordered, start=1)],
                        columns=[C[k] for k in ("rank", "organisation", "alliance", "score", "id")])


def centrality_ranks(result: CentralityResult, node: str) -> pd.DataFrame:
    """The rank of ``node`` among all organisations for each measure (``第 k / n 名``).

    Competition ranking: the rank is one more than the number of organisations with a
    strictly higher score, so tied organisations share a rank.
    """
    rows = []
    for measure in MEASURES:
        scores = result.scores.get(measure, {})
        if node not in scores:
            continue
        mine = scores[node]
        rank = 1 + sum(1 for v in scores.values() if v > mine)
        rows.append({C["measure"]: MEASURE_LABELS[measure], C["rank_of"]: C["rank_text"].format(k=rank, n=len(scores)),
                     C["score"]: round(mine, 6), C["method"]: method_label(result.methods.get(measure, ""))})
    return pd.DataFrame(rows, columns=[C[k] for k in ("measure", "rank_of", "score", "method")])


def method_label(method: str) -> str:
    """``exact`` → 精确, ``sampled k=256`` → 抽样 k=256; the library, if named, in brackets.

    >>> method_label("exact"), method_label("sampled k=256"), method_label("exact igraph")
    ('精确', '抽样 k=256', '精确（igraph）')
    >>> method_label("sampled ε=0.001 networkit KADABRA")
    '抽样 ε=0.001（networkit KADABRA）'
    """
    kind, _, rest = method.partition(" ")
    label = C["exact"] if kind == "exact" else C["sampled"] if kind == "sampled" else kind
    parameter, _, library = rest.partition(" ") if rest.startswith(("k=", "ε=")) else ("", "", rest)
    label = f"{label} {parameter}" if parameter else label
    return f"{label}（{library}）" if library else label


def broker_frame(found: Iterable[Broker], alliance_names: Mapping[str, str], top: int = 20) -> pd.DataFrame:
    rows = []
    for b in list(found)[:top]:
        rows.append({C["organisation"]: b.name, C["alliance"]: alliance_names.get(b.alliance or "", ""),
                     C["reach"]: b.reach,
                     C["reached"]: "、".join(alliance_names.get(a, a) for a in b.other_alliances),
                     C["participation"]: round(b.participation, 4), C["degree"]: b.degree, C["id"]: b.id})
    return pd.DataFrame(rows, columns=[C[k] for k in (
        "organisation", "alliance", "reach", "reached", "participation", "degree", "id")])


def bridge_frame(result: StructureResult, names: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{C["party_a"]: names.get(a, a), C["party_b"]: names.get(b, b)} for a, b in result.bridges],
                        columns=[C["party_a"], C["party_b"]])


def component_frame(result: StructureResult, names: Mapping[str, str], shown: int = 8) -> pd.DataFrame:
    """Every component, largest first: its size and (the first ``shown``) members."""
    return pd.DataFrame([{C["component"]: i, C["size"]: len(c),
                          C["members_list"]: "、".join(names.get(n, n) for n in c[:shown]) + ("……" if len(c) > shown else "")}
                         for i, c in enumerate(result.components, start=1)],
                        columns=[C[k] for k in ("component", "size", "members_list")])


def community_alliance_table(result: CommunityResult, alliance_of: Mapping[str, str | None],
                             alliance_names: Mapping[str, str]) -> pd.DataFrame:
    """Community × alliance: how many organisations of each alliance fall in each community.

    Rows are communities (``社区 1`` … largest first), columns the alliances in the order
    given, then ``体系外`` for organisations outside the alliances.
    """
    counts: dict[int, Counter] = {}
    for node, community in result.community_of.items():
        alliance = alliance_of.get(node)
        counts.setdefault(community, Counter())[alliance_names.get(alliance, alliance) if alliance else C["outside"]] += 1
    columns = [*alliance_names.values(), C["outside"]]
    frame = pd.DataFrame([[counts.get(i, Counter())[c] for c in columns] for i in range(len(result.communities))],
                         columns=columns,
                         index=[C["community_n"].format(n=i) for i in range(1, len(result.communities) + 1)])
    frame.index.name = C["community"]
    return frame
