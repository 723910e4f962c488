"""Headless Chromium for the browser tests (the website, the learner's JupyterLab): Debian's
``chromium`` and ``chromium-driver`` through Selenium, offline. Skips without them; fails in CI."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


def chromium(console_logs: bool = False):
    """A headless Chromium driver, 1400x1000; ``console_logs``: keep the page's console for ``get_log``."""
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        message = f"needs Debian's chromium and chromium-driver ({CHROMIUM}, {CHROMEDRIVER}): apt-get install -y chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu", "--no-first-run"):
        options.add_argument(arg)
    if console_logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SE_OFFLINE", "true")  # Selenium Manager: never download a browser or a driver
        return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
