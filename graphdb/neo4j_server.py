"""Start and stop a real Neo4j Community server (embedded, Bolt only) from the project's files.

``tools/neo4j`` holds a Maven ``pom.xml`` (only to resolve Neo4j's jars into ``~/.m2``) and a
small ``Launcher.java`` that opens a database directory with a plain-text Bolt connector and no
authentication (or, given a password, with auth on and that password for the ``neo4j`` user).
:func:`build` resolves the classpath and compiles the launcher once, caching both under
``<repo>/.cache/neo4j/``; :class:`Neo4jServer` runs one plain ``java`` process and waits for
its ready line. Only the standard library is used, so tests can import this module before
anything else.

Development server::

    python -m graphdb.neo4j_server --data .cache/neo4j-dev [--port 7687]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

__all__ = [
    "Neo4jServer",
    "Neo4jServerError",
    "build",
    "free_port",
    "main",
    "tools_available",
]

REPO_ROOT = Path(__file__).resolve().parents[1]
TOOLS_DIR = REPO_ROOT / "tools" / "neo4j"
POM = TOOLS_DIR / "pom.xml"
LAUNCHER_SOURCE = TOOLS_DIR / "src" / "main" / "java" / "lianmeng" / "neo4j" / "Launcher.java"
LAUNCHER_CLASS = "lianmeng.neo4j.Launcher"
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "neo4j"
READY_MARKER = "LIANMENG_NEO4J_READY"
#: the child's environment variable that carries the password (Neo4j logs its command line)
PASSWORD_ENV = "LIANMENG_NEO4J_AUTH_PASSWORD"
LOG_NAME = "neo4j-launcher.log"

# Neo4j's own launcher passes these on Java 17; without them Netty and the page cache fall
# back to slower code paths.
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
STOP_TIMEOUT_S = 60.0
POLL_INTERVAL_S = 0.1
#: Neo4j 5's default ``dbms.security.auth_minimum_password_length``
MIN_PASSWORD_LENGTH = 8


class Neo4jServerError(Exception):
    """The Neo4j test/development server could not be built, started or stopped."""


def tools_available() -> tuple[bool, str]:
    """Tell whether ``java``, ``javac`` and ``mvn`` are on PATH; the reason if not."""
    missing = [tool for tool in ("java", "javac", "mvn") if shutil.which(tool) is None]
    if not missing:
        return True, ""
    return False, (
        f"未找到 {', '.join(missing)}：请安装 Java 17 与 Maven"
        "（apt-get install openjdk-17-jdk-headless maven）后重试。"
        f" (Java 17 and Maven are needed to run the Neo4j server; missing: {', '.join(missing)}.)"
    )


def _source_key() -> str:
    """Hash of the pom and the launcher source: a change to either forces a rebuild."""
    digest = hashlib.sha256()
    for path in (POM, LAUNCHER_SOURCE):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _classpath_file(cache_dir: Path) -> Path:
    return cache_dir / "classpath.txt"


def _classes_dir(cache_dir: Path) -> Path:
    return cache_dir / "classes"


def _stamp_file(cache_dir: Path) -> Path:
    return cache_dir / "build.sha256"


def _cache_is_valid(cache_dir: Path, key: str) -> bool:
    """True when the cache was built from these sources and every jar it names still exists."""
    stamp, classpath = _stamp_file(cache_dir), _classpath_file(cache_dir)
    if not (stamp.is_file() and classpath.is_file()) or stamp.read_text().strip() != key:
        return False
    jars = classpath.read_text().strip().split(os.pathsep)
    return all(Path(jar).is_file() for jar in jars)


def _run_tool(command: list[str], what: str) -> None:
    """Run a build command; raise :class:`Neo4jServerError` with its output if it fails."""
    result = subprocess.run(command, cwd=TOOLS_DIR, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-4000:]
        raise Neo4jServerError(
            f"{what}失败（退出码 {result.returncode}）：请检查网络能否访问 Maven Central、"
            f"~/.m2 是否可写，以及 {TOOLS_DIR} 下的文件。"
            f" ({what} failed with exit code {result.returncode}: {' '.join(command)})\n{output}"
        )


def _build_into(cache_dir: Path, key: str) -> None:
    """Resolve the classpath with Maven and compile the launcher into ``cache_dir``."""
    classpath = _classpath_file(cache_dir)
    _stamp_file(cache_dir).unlink(missing_ok=True)
    _run_tool(
        [
            "mvn",
            "-B",
            "-q",
            "-f",
            str(POM),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={classpath}",
        ],
        "Maven 解析 Neo4j 依赖",
    )
    classes = _classes_dir(cache_dir)
    shutil.rmtree(classes, ignore_errors=True)
    _run_tool(
        [
            "javac",
            "--release",
            "17",
            "-d",
            str(classes),
            "-cp",
            classpath.read_text().strip(),
            str(LAUNCHER_SOURCE),
        ],
        "javac 编译 Launcher.java",
    )
    _stamp_file(cache_dir).write_text(key + "\n")


def build(cache_dir: Path | None = None) -> Path:
    """Resolve Neo4j's classpath and compile the launcher, once; return the cache directory.

    Idempotent and cheap when nothing changed: no Maven call while the cache's stamp matches
    the hash of ``pom.xml`` + ``Launcher.java`` and the jars are still in ``~/.m2``. A file
    lock keeps concurrent callers (parallel test workers) from building at the same time.
    """
    ok, reason = tools_available()
    if not ok:
        raise Neo4jServerError(reason)
    cache_dir = (cache_dir or DEFAULT_CACHE_DIR).resolve()
    cache_dir.mkdir(parents=True, exist_ok=True)
    key = _source_key()
    with open(cache_dir / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _cache_is_valid(cache_dir, key):
            _build_into(cache_dir, key)
    return cache_dir


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a text file, or a note that it is missing."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return f"(no log at {path})"


class Neo4jServer:
    """One Neo4j server in its own ``java`` process, serving Bolt without TLS.

    Use as a context manager, or call :meth:`start` and :meth:`stop`. ``data_dir`` is the
    Neo4j home (stores under ``data/``, Neo4j's logs under ``logs/``); the launcher's own
    output goes to ``data_dir / "neo4j-launcher.log"``. Reusing a data directory after a clean
    :meth:`stop` keeps its data. Without ``password`` (the default) there is no
    authentication; with one, auth is on and the ``neo4j`` user has that password (at least
    8 characters, Neo4j's rule). The password reaches the launcher through its environment,
    never its command line (which Neo4j writes into ``logs/debug.log``), and is never logged.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        host: str = "127.0.0.1",
        heap_mb: int = 512,
        pagecache_mb: int = 48,
        startup_timeout: float = 120,
        cache_dir: Path | None = None,
        password: str | None = None,
    ) -> None:
        if password is not None and len(password) < MIN_PASSWORD_LENGTH:
            raise Neo4jServerError(
                f"Neo4j 密码至少要 {MIN_PASSWORD_LENGTH} 个字符：请换一个更长的密码。"
                f" (Neo4j passwords need at least {MIN_PASSWORD_LENGTH} characters.)"
            )
        self.data_dir = Path(data_dir).resolve()
        self.port = port or free_port()
        self.host = host
        self.heap_mb = heap_mb
        self.pagecache_mb = pagecache_mb
        self.startup_timeout = startup_timeout
        self.cache_dir = cache_dir
        self._password = password
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def auth_enabled(self) -> bool:
        """True when the server was asked to require the ``neo4j`` user's password."""
        return self._password is not None

    def __repr__(self) -> str:
        # never the password
        return f"Neo4jServer({self.uri!r}, auth={self.auth_enabled}, data_dir={str(self.data_dir)!r})"

    @property
    def uri(self) -> str:
        """The Bolt URI, e.g. ``bolt://127.0.0.1:7687``."""
        return f"bolt://{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        """Where the launcher's stdout and stderr go."""
        return self.data_dir / LOG_NAME

    @property
    def pid(self) -> int | None:
        """The java process id while one was started, else ``None``."""
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        """True while the java process is alive."""
        return self._process is not None and self._process.poll() is None

    def command(self, cache_dir: Path) -> list[str]:
        """The ``java`` command line that runs the launcher built in ``cache_dir``."""
        classpath = os.pathsep.join(
            [str(_classes_dir(cache_dir)), _classpath_file(cache_dir).read_text().strip()]
        )
        return [
            "java",
            f"-Xmx{self.heap_mb}m",
            *JVM_FLAGS,
            "-cp",
            classpath,
            LAUNCHER_CLASS,
            "--data",
            str(self.data_dir),
            "--host",
            self.host,
            "--port",
            str(self.port),
            "--pagecache-mb",
            str(self.pagecache_mb),
            *(["--auth-password-env", PASSWORD_ENV] if self._password is not None else []),
        ]

    def start(self) -> Neo4jServer:
        """Build if needed, start java, and wait for the ready line; raise on exit or timeout."""
        if self.running:
            return self
        command = self.command(build(self.cache_dir))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, PASSWORD_ENV: self._password} if self._password is not None else None
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        """Poll the log for the ready line until the process exits or the timeout passes."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if READY_MARKER in self.log_path.read_text(errors="replace"):
                return
            if not self.running:
                raise Neo4jServerError(
                    f"Neo4j 启动失败（退出码 {self._process.returncode}）：请检查端口 "
                    f"{self.port} 是否被占用、数据目录 {self.data_dir} 是否可写，以及下面的日志。"
                    f" (Neo4j exited during startup; log {self.log_path}:)\n{_tail(self.log_path)}"
                )
            time.sleep(POLL_INTERVAL_S)
        self.stop()
        raise Neo4jServerError(
            f"Neo4j 在 {self.startup_timeout:g} 秒内未就绪：请检查机器负载与下面的日志。"
            f" (Neo4j was not ready within {self.startup_timeout:g} s; log {self.log_path}:)\n"
            f"{_tail(self.log_path)}"
        )

    def stop(self) -> None:
        """SIGTERM the process group (clean shutdown), wait up to 60 s, then SIGKILL it."""
        if self._process is None or self._process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def wait(self) -> int:
        """Block until the java process exits; return its exit code."""
        if self._process is None:
            raise Neo4jServerError("Neo4j 服务器尚未启动。 (The Neo4j server was not started.)")
        return self._process.wait()

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m graphdb.neo4j_server",
        description="在前台运行一个开发用 Neo4j 服务器 (run a development Neo4j server).",
    )
    parser.add_argument("--data", type=Path, required=True, help="Neo4j home / data directory")
    parser.add_argument("--port", type=int, default=7687)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--heap-mb", type=int, default=512)
    parser.add_argument("--pagecache-mb", type=int, default=48)
    return parser.parse_args(argv)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run a server in the foreground until Ctrl-C or SIGTERM; return an exit code."""
    args = _parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    server = Neo4jServer(
        args.data,
        port=args.port,
        host=args.host,
        heap_mb=args.heap_mb,
        pagecache_mb=args.pagecache_mb,
    )
    try:
        server.start()
        print(f"Neo4j 已就绪 (ready): {server.uri}  — Ctrl-C 停止 (to stop)", flush=True)
        return server.wait()
    except Neo4jServerError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
