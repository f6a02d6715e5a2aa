"""导入数据: download the template, upload, see errors or the preview, confirm to apply."""

import pandas as pd
import streamlit as st

from ingest.normalise import fold
from ingest.report import change_table, errors_workbook, problem_table
from ingest.template import workbook_bytes
from lianmeng.errors import LianmengError
from lianmeng.ops.imports import UnreadableInput, apply_plan, plan_uploads, removals
from lianmeng.texts import TABLE_LABELS, say
from lianmeng.web import common
from views.analysis_charts import change_counts_chart

# session_state and widget keys
PLAN = "import_plan"
FORM = "import_form"
UPLOADS = "import_uploads"
REPLACE = "import_replace"
APPLY = "import_apply"
APPLIED = "import_applied_message"
CONFIRM = "import_replace_confirm"

GREEN, RED = "color: #1a7f37; font-weight: 600", "color: #cf222e; font-weight: 600"


def _coloured(frame: pd.DataFrame):
    """Additions green, deletions red (only where there are some)."""
    styler = frame.style.map(lambda v: GREEN if v else "", subset=[say("col_new")])
    return styler.map(lambda v: RED if v else "", subset=[say("col_removed")])

store = common.store()
st.title(say("import_title"))
st.caption(say("import_intro"))


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    return workbook_bytes()


st.download_button(say("import_download_template"), _template(), file_name="联盟图谱导入模板.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

if APPLIED in st.session_state:
    st.success(st.session_state.pop(APPLIED))

with st.form(FORM):
    uploads = st.file_uploader(say("import_upload"), type=["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "zip"], accept_multiple_files=True,
                               key=UPLOADS)
    replace = st.checkbox(say("import_replace"), key=REPLACE)
    checked = st.form_submit_button(say("import_check"))

if checked:
    if not uploads:
        st.warning(say("import_no_file"))
    else:
        bar = st.progress(0.0)
        try:
            st.session_state[PLAN] = plan_uploads(store, [(f.name, f.getvalue()) for f in uploads], replace=replace,
                                                  progress=lambda fraction, message: bar.progress(fraction, message))
        except UnreadableInput as exc:
            st.session_state.pop(PLAN, None)
            st.error(str(exc))
        bar.empty()

plan = st.session_state.get(PLAN)
if plan is not None:
    if plan.warnings:
        st.subheader(say("import_warnings_title"))
        st.dataframe(pd.DataFrame(problem_table(plan.warnings)), hide_index=True, width="stretch")
    if not plan.ok:
        st.subheader(say("import_errors_title"))
        st.error(say("import_invalid", count=len(plan.errors)))
        st.dataframe(pd.DataFrame(problem_table(plan.errors)), hide_index=True, width="stretch")
        st.download_button(say("import_errors_download"), errors_workbook(plan.errors), file_name="导入错误.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        st.subheader(say("import_preview_title"))
        changes = pd.DataFrame(change_table(plan)).set_index(say("col_sheet"))
        st.dataframe(_coloured(changes), width="stretch")
        st.altair_chart(change_counts_chart(changes[[say("col_new"), say("col_changed"), say("col_removed")]],
                                            title=say("chart_import_title")), width="stretch")
        confirmed = True
        gone = removals(store, plan) if plan.replace else None
        if gone and gone["total"]:  # "replace all": what goes, in red, and the street's name typed to confirm
            lines = [say("replace_deletes", total=gone["total"])]
            for table, count, names in gone["tables"]:
                lines.append("- " + say("replace_deletes_line", table=TABLE_LABELS.get(table, table), count=count,
                                        names="、".join(names), more="……" if count > len(names) else ""))
            st.error("\n".join(lines), icon="⚠️")
            typed = st.text_input(say("replace_confirm", street=gone["street"]), key=CONFIRM)
            confirmed = fold(typed) == fold(gone["street"])
            if typed and not confirmed:
                st.warning(say("replace_confirm_wrong", street=gone["street"]))
        if plan.preview.is_empty():
            st.info(say("import_nothing_to_do"))
        elif st.button(say("import_apply"), key=APPLY, type="primary", disabled=not confirmed):
            if common.revision(store) != plan.revision:
                st.warning(say("import_stale"))
            else:
                try:
                    applied = apply_plan(store, plan, common.settings())
                except LianmengError as exc:
                    st.error(str(exc))
                else:
                    st.session_state.pop(PLAN)
                    st.session_state[APPLIED] = say("import_applied", before=applied.before,
                                                    after=applied.revision, backup=applied.backup.name)
                    st.rerun()
