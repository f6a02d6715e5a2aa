# 联盟图谱 Lianmeng — the two set-up commands are `make run` and `make test`.
# Everything installs into .venv; nothing is needed beyond Python 3.11+ and make
# (Java 17 and Maven for the Neo4j tests, Chromium for the browser test — .ci/run
# installs those on a fresh machine).

PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test test-fast lint neo4j bench wheelhouse clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更新版本 / Python 3.11+ is required")'
	@echo "[1/3] 创建虚拟环境 .venv / creating .venv"
	@$(PYTHON) -m venv $(VENV)
	@echo "[2/3] 更新 pip / upgrading pip"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@echo "[3/3] 安装联盟图谱及其依赖（首次约一分钟）/ installing Lianmeng and its dependencies"
	@PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)
	@echo "安装完成 / installed"

install: $(STAMP)

## 启动浏览器界面（首次启动自动载入示例街道） / serve the explorer on http://localhost:8501
run: install
	@$(BIN)/lianmeng serve

## 运行全部测试（自动启动测试用的 Neo4j） / run every test, starting a real Neo4j
test: install
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || echo "注意：未找到 Chromium，浏览器测试将跳过（apt-get install -y chromium）/ Chromium not found: the browser test is skipped"
	$(BIN)/python -m pytest

## 跳过 Neo4j 与浏览器测试 / quick loop without Neo4j and the browser
test-fast: install
	$(BIN)/python -m pytest -m "not neo4j and not browser and not slow"

## 代码检查：ruff 与楼层约定（import-linter）/ ruff and the import contracts
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-logo

## 开发用 Neo4j：bolt://127.0.0.1:7687，数据在 $$LIANMENG_DATA_DIR/neo4j
neo4j: install
	$(BIN)/python -m graphdb.neo4j_server --data "$${LIANMENG_DATA_DIR:-./data}/neo4j" --port 7687

## 离线安装包：wheelhouse/ 含联盟图谱及其全部依赖的 wheel（本机平台；其他平台见 docs/install.md）
## offline install: every wheel the product needs, then on the office machine:
##   python3 -m venv venv && venv/bin/pip install --no-index --find-links wheelhouse lianmeng
wheelhouse: install
	@rm -rf wheelhouse
	@echo "构建 wheelhouse/ / building wheelhouse/"
	@PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip wheel --quiet --disable-pip-version-check -w wheelhouse .
	@echo "完成：$$(ls wheelhouse | wc -l) 个 wheel 在 wheelhouse/ / done"

bench: install
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) .cache .pytest_cache tests/artifacts
