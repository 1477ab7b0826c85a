"""deploy/: what can be checked without a container engine. The compose file's replicas are the HAProxy config's
servers, all check Streamlit's health endpoint, share the data volume where the app reads data/, and need an editor
password; the image installs requirements.txt and serves as `make run` does; HAProxy accepts the config as it is
and as `make cluster` rewrites it, and the two differ only in where HAProxy listens and where the replicas are."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from catalog.store import REPO_DIR, data_dir
from press.config import edition_config
from ui.cluster import HAPROXY_CONFIG, HEALTH, haproxy_config

DEPLOY = REPO_DIR / "deploy"
COMPOSE = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
DOCKERFILE = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
HAPROXY = HAPROXY_CONFIG.read_text(encoding="utf-8")
SERVERS = re.findall(r"^\s*server (\S+) (\S+):(\d+) cookie (\S+)$", HAPROXY, re.MULTILINE)
REPLICAS = {name: service for name, service in COMPOSE["services"].items() if name != "haproxy"}


def instruction(name: str) -> list[str]:
    """The arguments of each Dockerfile instruction of this name, continuation lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    return re.findall(rf"^{name}\s+(.+)$", joined, re.MULTILINE)


def test_haproxy_sends_to_exactly_the_compose_replicas_with_a_cookie_of_their_own():
    assert [(name, host, cookie) for name, host, _, cookie in SERVERS] == [(name, name, name) for name in REPLICAS]
    assert {port for *_, port, _ in SERVERS} == {"8501"}
    assert re.search(r"^\s*cookie BORDERLINES_REPLICA insert indirect nocache httponly", HAPROXY, re.MULTILINE)
    assert re.search(r"^\s*timeout tunnel 12h$", HAPROXY, re.MULTILINE), "an idle briefing's websocket would close"
    assert re.search(r"^\s*option redispatch", HAPROXY, re.MULTILINE)


def test_compose_runs_this_haproxy_config_in_front_on_the_port_haproxy_binds():
    haproxy = COMPOSE["services"]["haproxy"]
    mounted = {Path(volume.split(":")[0]).name: volume.split(":")[1] for volume in haproxy["volumes"]}
    assert mounted == {"haproxy.cfg": "/usr/local/etc/haproxy/haproxy.cfg"}
    assert (DEPLOY / "haproxy.cfg").resolve() == HAPROXY_CONFIG
    bind_port = re.search(r"^\s*bind :(\d+)$", HAPROXY, re.MULTILINE)[1]
    assert [port.split(":")[-1] for port in haproxy["ports"]] == [bind_port]
    assert sorted(haproxy["depends_on"]) == sorted(REPLICAS)


def test_every_health_check_asks_streamlit_s_own_health_endpoint():
    from streamlit.web.server.starlette.starlette_routes import ROUTE_HEALTH

    assert ROUTE_HEALTH.lstrip("/") == HEALTH.lstrip("/")
    assert re.search(rf"^\s*http-check send meth GET uri {re.escape(HEALTH)}$", HAPROXY, re.MULTILINE)
    assert re.search(r"^\s*http-check expect status 200$", HAPROXY, re.MULTILINE)
    for service in REPLICAS.values():
        assert f"http://127.0.0.1:8501{HEALTH}" in " ".join(service["healthcheck"]["test"])


def test_every_replica_shares_the_data_and_state_volumes_and_needs_a_password_and_cookie_secret(monkeypatch):
    monkeypatch.delenv("BORDERLINES_DATA_DIR", raising=False)
    assert data_dir() == REPO_DIR / "data"  # where the catalog reads, in the image as in a checkout
    workdir = instruction("WORKDIR")[-1]
    for service in REPLICAS.values():
        volumes = dict(volume.split(":") for volume in service["volumes"])
        assert volumes["data"] == f"{workdir}/data"
        assert volumes["state"] == service["environment"]["BORDERLINES_STATE_DIR"]
        assert service["environment"]["BORDERLINES_EDITOR_PASSWORD"].startswith("${BORDERLINES_EDITOR_PASSWORD:?")
        assert service["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${BORDERLINES_COOKIE_SECRET:?")
        assert (REPO_DIR / "deploy" / service["build"]["context"]).resolve() == REPO_DIR
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"
    assert set(COMPOSE["volumes"]) == {"data", "state"}


def test_the_image_installs_requirements_txt_and_serves_as_make_run_does():
    assert "requirements.txt ." in instruction("COPY")[0]
    assert any(re.search(r"pip install .*-r requirements\.txt", run) for run in instruction("RUN"))
    assert "python -m i18n compile" in instruction("RUN")  # or the image would speak English only
    assert instruction("CMD") == ['["python", "-m", "ui.serve", "8501"]']
    assert "8501" in instruction("EXPOSE")
    ignored = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".git", ".state", ".streamlit/secrets.toml"} <= set(ignored)


def test_the_image_leaves_out_the_built_edition_and_npm_s_packages():
    ignored = {line.strip().rstrip("/") for line in (DEPLOY / "Dockerfile.dockerignore").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
    assert {"edition", "node_modules", "press/js/node_modules"} <= ignored


def test_every_replica_is_given_the_edition_s_public_address_which_the_operator_must_set(monkeypatch):
    """Embed and Cite point at the edition's address; edition.toml's is a developer's localhost, so compose asks
    for the real one and refuses to start without it, and the README's command sets it."""
    for service in REPLICAS.values():
        assert service["environment"]["BORDERLINES_EDITION_URL"].startswith("${BORDERLINES_EDITION_URL:?")
    monkeypatch.setenv("BORDERLINES_EDITION_URL", "https://charts.example.org")
    assert edition_config().address == "https://charts.example.org/", "the variable the app reads"
    readme = (REPO_DIR / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^cd deploy\n(.+?)docker compose up", readme, re.MULTILINE | re.DOTALL)[1]
    required = set(re.findall(r"\$\{(\w+):\?", (DEPLOY / "compose.yaml").read_text(encoding="utf-8")))
    assert {name for name in required if f"{name}=" not in command} == set(), "the README's command sets them all"


@pytest.mark.parametrize("config", ["as deployed", "as make cluster runs it"])
def test_haproxy_accepts_the_config(config, tmp_path):
    text = HAPROXY if config == "as deployed" else haproxy_config(HAPROXY, 18501, [18502, 18503])
    path = tmp_path / "haproxy.cfg"
    path.write_text(text, encoding="utf-8")
    checked = subprocess.run(["/usr/sbin/haproxy", "-c", "-f", str(path)], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_make_cluster_changes_only_where_haproxy_listens_and_where_the_replicas_are():
    local = haproxy_config(HAPROXY, 18501, [18502, 18503])
    removed = [line.strip() for line in HAPROXY.splitlines() if line not in local.splitlines()]
    added = [line.strip() for line in local.splitlines() if line not in HAPROXY.splitlines()]
    assert removed == ["bind :8501"] + [f"server {name} {host}:{port} cookie {cookie}"
                                         for name, host, port, cookie in SERVERS]
    assert added == ["bind :18501", "server app1 127.0.0.1:18502 cookie app1",
                     "server app2 127.0.0.1:18503 cookie app2"]
