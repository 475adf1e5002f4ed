#!/usr/bin/python3
# The browser half of serve_browser_test.sh: two headless Chromium sessions (Selenium, 1366x768)
# take the worked example through its year on `subsidy serve`. Browser 1 is 张会计 (maker): import
# of the six files (after one refused file, to show its marked cells), 测算与入账, a new batch;
# browser 2 is 李科长 (checker): approves it; browser 1 logs out and 王出纳 (cashier) logs in,
# exports and downloads the pain.001 file, opens the vouchers and uploads the bank's pain.002
# return (every transfer settled but one rejected); browser 2 downloads a report and opens 审计.
# Every page is saved as PNG into SHOT_DIR.
# Usage: serve_browser.py BASE_URL PASSPHRASE_DIR EXAMPLE_DIR SHOT_DIR
import os
import re
import sys
import time
import xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, PASS_DIR, EXAMPLES, SHOTS = sys.argv[1:5]
KINDS = ("regions", "enterprises", "tax", "compliance", "projects", "applications")


def browser(name):
    downloads = os.path.join(SHOTS, "downloads-" + name)
    os.makedirs(downloads, exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768",
                     "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": downloads})
    driver.downloads = downloads
    return driver


shot_number = 0


def shot(driver, name):
    global shot_number
    shot_number += 1
    driver.save_screenshot(os.path.join(SHOTS, f"{shot_number:02d}-{name}.png"))


def page_text(driver):
    return driver.find_element(By.TAG_NAME, "body").text


def expect(driver, text, what):
    body = page_text(driver)
    if text not in body:
        raise SystemExit(f"FAIL: {what}: no '{text}' on {driver.current_url}:\n{body[:1500]}")


def login(driver, user):
    driver.get(BASE + "/login")
    passphrase = open(f"{PASS_DIR}/{user}.pass", encoding="utf-8").read().rstrip("\n")
    driver.find_element(By.NAME, "user").send_keys(user)
    driver.find_element(By.NAME, "passphrase").send_keys(passphrase)
    click(driver, "form.login button")
    expect(driver, "退出", f"log-in of {user}")


def logout(driver):
    click(driver, "header form button")
    expect(driver, "登录", "log-out")


def click(driver, selector, navigates=True):
    """Clicks and, when the click loads a page, waits until the old page is gone."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, selector).click()
    if navigates:
        WebDriverWait(driver, 20).until(lambda _: is_gone(old))


def is_gone(element):
    """Whether the page holding `element` has been replaced. Chromium reports a replaced node as
    stale or, racing with the new page's load, as "Node with given id does not belong to the
    document": both mean gone (expected_conditions.staleness_of knows only the first)."""
    try:
        element.is_enabled()
        return False
    except WebDriverException:
        return True


def submit(driver, form_id, navigates=True):
    click(driver, f"form#{form_id} button", navigates)


def upload_import(driver, kind, path):
    driver.get(BASE + "/import")
    Select(driver.find_element(By.NAME, "kind")).select_by_value(kind)
    # ChromeDriver takes only a canonical path (no "..": the shared folder is <repo>/../shared).
    driver.find_element(By.NAME, "file").send_keys(os.path.realpath(path))
    submit(driver, "upload")


def wait_for_download(driver, suffix, before):
    for _ in range(100):
        files = [f for f in os.listdir(driver.downloads)
                 if f.endswith(suffix) and f not in before]
        if files:
            return os.path.join(driver.downloads, files[0])
        time.sleep(0.1)
    raise SystemExit(f"FAIL: no {suffix} download in {driver.downloads}")


def pain002(pain001_path):
    """A pain.002.001.10 for the downloaded pain.001: every transfer settled, the last rejected."""
    text = open(pain001_path, encoding="utf-8").read()
    message_id = re.search(r"<MsgId>([^<]+)</MsgId>", text).group(1)
    ids = re.findall(r"<EndToEndId>([^<]+)</EndToEndId>", text)
    ET.fromstring(text.encode())  # the bank file is well-formed XML
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt>',
           f"<GrpHdr><MsgId>STS-{message_id}</MsgId><CreDtTm>2024-03-02T10:00:00</CreDtTm></GrpHdr>",
           f"<OrgnlGrpInfAndSts><OrgnlMsgId>{message_id}</OrgnlMsgId>"
           "<OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndSts>",
           f"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{message_id}</OrgnlPmtInfId>"]
    for number, end_to_end in enumerate(ids):
        rejected = number == len(ids) - 1 and len(ids) > 1
        out.append(f"<TxInfAndSts><OrgnlEndToEndId>{end_to_end}</OrgnlEndToEndId>"
                   f"<TxSts>{'RJCT' if rejected else 'ACSC'}</TxSts>" +
                   ("<StsRsnInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>收款账户已销户</AddtlInf></StsRsnInf>"
                    if rejected else "") + "</TxInfAndSts>")
    out.append("</OrgnlPmtInfAndSts></CstmrPmtStsRpt></Document>")
    path = os.path.join(SHOTS, "return.xml")
    open(path, "w", encoding="utf-8").write("\n".join(out))
    return path, len(ids)


started = time.monotonic()
first = browser("1")
second = browser("2")
try:
    login(first, "张会计")
    shot(first, "home-empty")
    # A refused file first: the preview marks its cells and offers no import.
    bad = os.path.join(SHOTS, "regions-bad.csv")
    lines = open(os.path.join(EXAMPLES, "regions.csv"), encoding="utf-8").read().splitlines()
    lines[1] = re.sub(r",[^,]*$", ",1.5", lines[1])  # a share that is not a percentage
    open(bad, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    upload_import(first, "regions", bad)
    expect(first, "整份不能导入", "the refused file")
    if not first.find_elements(By.CSS_SELECTOR, "td.refused"):
        raise SystemExit("FAIL: no refused cell marked")
    shot(first, "import-refused")
    for kind in KINDS:
        upload_import(first, kind, os.path.join(EXAMPLES, kind + ".csv"))
        expect(first, "检查通过", f"preview of {kind}")
        if kind == "applications":
            shot(first, "import-preview")
        submit(first, "confirm")
        expect(first, "新增", f"import of {kind}")
    first.get(BASE + "/assess?year=2023")
    shot(first, "assess")
    click(first, "form[action='/assess'][method='post'] button")
    expect(first, "入账完成", "posting")
    first.get(BASE + "/batches")
    year = first.find_element(By.CSS_SELECTOR, "form#create input[name='year']")
    year.clear()
    year.send_keys("2023")
    submit(first, "create")
    expect(first, "批次复核", "the new batch")
    batch_url = first.current_url
    shot(first, "batch-proposed")

    login(second, "李科长")
    second.get(batch_url)
    shot(second, "batch-review")
    click(second, "form[action$='/approve'] button")
    expect(second, "已复核通过", "approval by the checker")

    logout(first)
    login(first, "王出纳")
    first.get(batch_url)
    Select(first.find_element(By.NAME, "format")).select_by_value("pain001v9")
    shot(first, "batch-export")
    before = set(os.listdir(first.downloads))
    submit(first, "export", navigates=False)
    bank_file = wait_for_download(first, ".xml", before)
    return_file, transfers = pain002(bank_file)
    first.get(batch_url + "/vouchers.html")
    shot(first, "vouchers")
    first.get(BASE + "/bank-returns")
    first.find_element(By.NAME, "file").send_keys(os.path.realpath(return_file))
    submit(first, "upload")
    expect(first, "回单预览", "the return's preview")
    shot(first, "return-preview")
    submit(first, "confirm")
    expect(first, f"成功 {transfers - 1} 笔，退回 1 笔", "the return's import")
    shot(first, "return-imported")

    second.get(BASE + "/reports?year=2023")
    shot(second, "reports")
    before = set(os.listdir(second.downloads))
    click(second, "a[href^='/reports/disbursement.csv']", navigates=False)
    report = wait_for_download(second, ".csv", before)
    if not re.search(r"^1,\d+,1,", open(report, encoding="utf-8-sig").read(), re.M):
        raise SystemExit("FAIL: the downloaded disbursement report lacks batch 1 with 1 rejection")
    second.get(BASE + "/?year=2023")
    shot(second, "home")
    second.get(BASE + "/audit")
    expect(second, "校验通过", "verify on 审计")
    shot(second, "audit")
finally:
    first.quit()
    second.quit()
print(f"serve_browser: the cycle in two browsers took {time.monotonic() - started:.1f} s, "
      f"{shot_number} screenshots in {SHOTS}")
