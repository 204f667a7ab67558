"""The journeys of docs/journeys.md walked in Chromium on the demo data, with axe-core on every page.

Each test loads the demo (`gongkai demo`'s modules) into the live server's database, then walks as one person
would. `walk.check(name)` runs axe-core on the page as it stands (0 violations) and, with a name, saves a
screenshot into GK_SCREENSHOT_DIR (default test-output/screenshots/<journey>/); `walk.finish()` asserts
that every page the browser loaded was checked.
"""

import re

import pytest

from tests.browser.axe import assert_accessible, screenshot_dir


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A clerk's browser in Xinjiang: Chinese, Beijing time; no motion, so charts are drawn when screenshotted."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai", "reduced_motion": "reduce"}


@pytest.fixture
def demo(transactional_db, settings):
    """The whole demo: agencies, personas, a year of catalog items, requests, appeals and reports."""
    from gongkai.core.demo import load_demo

    # The demo's passwords are hashed once each; a fast hasher keeps the journeys quick (not a security test).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return load_demo()


class Walk:
    def __init__(self, page, base: str, name: str):
        self.page, self.base, self.name = page, base, name
        self.folder = screenshot_dir() / name
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.shots = 0
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.loaded.append(frame.url))

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.status < 400, (path, response and response.status)
        return response

    def login(self, username: str, password: str = "gongkai-demo"):
        self.page.context.clear_cookies()
        self.go("/login/")
        self.check()
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()
        assert "/login/" not in self.page.url, f"{username} could not log in"

    def check(self, name: str | None = None, *, full_page: bool = True):
        """axe-core on the page as it is now; with a name, a screenshot too."""
        self.page.wait_for_load_state()
        assert_accessible(self.page)
        self.checked.add(self.page.url)
        if name:
            self.shots += 1
            path = self.folder / f"{self.shots:02d}-{name}.png"
            self.page.screenshot(path=str(path), full_page=full_page)

    def main_text(self) -> str:
        return self.page.inner_text("main")

    def finish(self):
        unchecked = [u for u in dict.fromkeys(self.loaded) if u not in self.checked and u != "about:blank"]
        assert not unchecked, f"pages loaded but not checked with axe-core: {unchecked}"


@pytest.fixture
def walk(request, page, live_server):
    name = re.sub(r"^test_", "", request.node.originalname)
    page.set_viewport_size({"width": 1280, "height": 900})
    w = Walk(page, live_server.url, name)
    yield w
