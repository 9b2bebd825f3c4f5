"""Fixtures shared by the integration tests."""

from tests.integration.test_tenant_scope import merchants  # noqa: F401 (a fixture: A and B)
