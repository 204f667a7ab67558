"""The appeals tests work in the same township as the request tests: its county, clerk and an outsider."""

from tests.disclosure_requests.conftest import agency, clerk, county, outsider  # noqa: F401 - pytest fixtures
