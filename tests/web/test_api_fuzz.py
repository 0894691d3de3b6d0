"""Schemathesis against the OpenAPI spec: no generated request makes the server fail (5xx).

501 is the one 5xx allowed, and only from an engine that is not installed (its documented answer).
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (the 'e2e' extra) "
                                                          "is not installed")

from hypothesis import HealthCheck, settings  # noqa: E402

from redline.web import create_app  # noqa: E402
from redline.web.app import LOCAL_HOSTS, Settings  # noqa: E402
from redline.web.engines import ENGINES  # noqa: E402

app = create_app(Settings(allowed_hosts=(*LOCAL_HOSTS, "testserver")))  # schemathesis's Host
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


def allowed_501(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name in ENGINES and ENGINES[name].missing() is not None


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    if response.status_code == 501:
        assert allowed_501(case.path), f"501 from {case.method} {case.path}"
        return
    assert response.status_code < 500, (
        f"{case.method} {case.path} -> {response.status_code}: {response.text[:500]}")
