"""A real OpenID Connect provider for the tests: NAV's ``mock-oauth2-server`` from Maven Central.

Like the Neo4j launcher (``graphdb/neo4j_server.py``): ``tools/oidc/pom.xml`` only resolves
the jars into ``~/.m2``; the classpath is cached under ``<repo>/.cache/oidc/``; one plain
``java`` process listens on 127.0.0.1 on a free port, issuer ``/default``, with its
interactive login page (a user name and the claims, as JSON, typed into a form).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
POM = REPO_ROOT / "tools" / "oidc" / "pom.xml"
CACHE = REPO_ROOT / ".cache" / "oidc"
MAIN_CLASS = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"


class ProviderError(Exception):
    """The provider could not be built or started."""


def tools_available() -> tuple[bool, str]:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if not missing:
        return True, ""
    return False, (f"未找到 {', '.join(missing)}：OIDC 测试需要 Java 17 与 Maven（apt-get install "
                   f"openjdk-17-jdk-headless maven）。(missing: {', '.join(missing)})")


def classpath() -> str:
    """The provider's classpath, resolved by Maven once and cached (keyed on the pom)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    stamp = str(POM.stat().st_mtime_ns)
    cached, stamp_file = CACHE / "classpath.txt", CACHE / "pom.stamp"
    if cached.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return cached.read_text().strip()
    done = subprocess.run(["mvn", "-B", "-q", "-f", str(POM), "dependency:build-classpath",
                           f"-Dmdep.outputFile={cached}"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not cached.exists():
        raise ProviderError(f"mvn could not resolve mock-oauth2-server: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    stamp_file.write_text(stamp)
    return cached.read_text().strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OidcProvider:
    """``with OidcProvider(log_dir) as provider:`` — ``provider.metadata_url`` is the
    discovery document of issuer ``default``."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.log_path = Path(log_dir) / "oidc-provider.log"
        self.process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/default"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self, timeout_s: float = 120.0) -> None:
        env = {**os.environ, "SERVER_HOSTNAME": "127.0.0.1", "SERVER_PORT": str(self.port),
               "JSON_CONFIG": json.dumps({"interactiveLogin": True})}
        log = open(self.log_path, "wb")  # noqa: SIM115 - the child writes to it until stop()
        self.process = subprocess.Popen(["java", "-cp", classpath(), MAIN_CLASS], env=env, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ProviderError(self.log_path.read_text(errors="replace")[-3000:])
            try:
                with urllib.request.urlopen(self.metadata_url, timeout=2) as response:
                    if json.load(response)["issuer"] == self.issuer:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise ProviderError(f"mock-oauth2-server did not answer within {timeout_s:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> OidcProvider:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
