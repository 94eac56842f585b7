//! `--format html`: the reviewers' report, checked as written and as a real browser renders it.
//!
//! The browser tests run Debian's `chromium` headless (`--dump-dom`, `--screenshot`). Without a
//! `chromium` on the machine they are skipped with a note, except under `CI=true`, where
//! `.ci/run` installs it and its absence is a failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::print_stderr,
    reason = "tests"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{planlint_in, root, scratch};

const PLAN: &str = "fixtures/real/01-anninh-hungyen-phong-chong-ma-tuy.txt";

/// A folder with three plans: a real one with a `<script>` written into its text (on the line
/// of a finding, so the report quotes it), a clean copy of another, and a file that is no plan.
fn plans(name: &str) -> common::Scratch {
    let dir = scratch(name);
    let text = std::fs::read_to_string(root().join(PLAN)).unwrap();
    let hostile = text.replacen(
        "09- NQ/TU của Ban Thường vụ",
        "09- NQ/TU <script>document.title='PWNED'</script> <img src=x onerror=\"document.title='PWNED'\"> của Ban Thường vụ",
        1,
    );
    assert_ne!(hostile, text);
    std::fs::write(dir.join("a-hung-yen.txt"), hostile).unwrap();
    std::fs::copy(root().join("fixtures/real/02-yte-daklak-phong-chong-dich-sau-lu.md"), dir.join("b-dak-lak.md"))
        .unwrap();
    std::fs::write(dir.join("c-ghi-chu.md"), "Ghi chú họp giao ban, không phải kế hoạch.\n").unwrap();
    dir
}

fn report(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["check", ".", "--format", "html", "--output", "report.html"];
    args.extend_from_slice(extra);
    let (code, out, err) = planlint_in(dir, &args, None);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    std::fs::read_to_string(dir.join("report.html")).unwrap()
}

/// The page from `<body>` to the closing script: what the user reads, without the fixed style
/// and script.
fn body(html: &str) -> &str {
    let start = html.find("<body>").unwrap();
    let end = html.rfind("<script>").unwrap();
    &html[start..end]
}

#[test]
fn the_report_is_self_contained_and_escapes_the_plan() {
    let dir = plans("html-static");
    let html = report(&dir, &[]);
    // Self-contained: no address outside the page.
    for outside in ["http://", "https://", "src=\"", "href=\"/", "<link", "@import", "url("] {
        assert!(!html.contains(outside), "{outside}");
    }
    // The plan's markup is text: the only elements of the page are its own.
    assert_eq!(html.matches("<script>").count(), 2);
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;"));
    assert!(html.contains("<html lang=\"vi\">"));
    insta::assert_snapshot!("vi", body(&html));
}

#[test]
fn the_report_in_english() {
    let dir = plans("html-en");
    let html = report(&dir, &["--lang", "en"]);
    assert!(html.contains("<html lang=\"en\">"));
    insta::assert_snapshot!("en", body(&html));
}

/// The `chromium` to run, or `None` (skip) outside CI.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Ok(out) = Command::new("sh").arg("-c").arg(format!("command -v {name}")).output()
            && out.status.success()
        {
            return Some(PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()));
        }
    }
    assert!(std::env::var("CI").is_err(), "chromium is missing: .ci/run installs it");
    eprintln!("chromium not found: browser test skipped");
    None
}

fn headless(browser: &Path, profile: &Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--allow-file-access-from-files",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .unwrap()
}

/// `<li class="finding …"` elements of a DOM, and those hidden.
fn findings(dom: &str) -> (usize, usize) {
    let items: Vec<&str> = dom.split("<li class=\"finding").skip(1).collect();
    let hidden =
        items.iter().filter(|li| li.split_once('>').is_some_and(|(attrs, _)| attrs.contains("hidden"))).count();
    (items.len(), hidden)
}

#[test]
fn a_browser_renders_the_report_and_its_filters() {
    let Some(browser) = chromium() else { return };
    let dir = plans("html-browser");
    let html = report(&dir, &[]);
    let (total, _) = findings(&html);
    let errors = html.matches("<li class=\"finding loi\"").count();
    assert!(total > errors && errors > 0, "{total} {errors}");
    let profile = dir.join("profile");
    let page = format!("file://{}", dir.join("report.html").display());

    let out = headless(&browser, &profile, &["--dump-dom", &page]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("data-ready=\"1\""), "the script did not run: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!dom.contains("data-script-error="), "{dom}");
    // The plan's script did not run, and is shown as text.
    assert!(dom.contains("<title>Báo cáo rà soát kế hoạch</title>"));
    assert!(dom.contains("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"));
    // Every finding is there and shown; the summary has a row per plan; the filters are shown.
    assert_eq!(findings(&dom), (total, 0));
    assert_eq!(dom.matches("<tr class=").count(), 3);
    assert!(dom.contains("Không kiểm tra được"));
    assert!(dom.contains("<form class=\"filters\">"));

    // The address filters on load: errors only.
    let out = headless(&browser, &profile, &["--dump-dom", &format!("{page}#muc=loi")]);
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(!dom.contains("data-script-error="), "{dom}");
    assert_eq!(findings(&dom), (total, total - errors));
    // A rule.
    let out = headless(&browser, &profile, &["--dump-dom", &format!("{page}#muc=loi,canh-bao,goi-y&ma=L104")]);
    let dom = String::from_utf8_lossy(&out.stdout);
    let l104 = html.matches("data-code=\"L104\"").count();
    assert!(l104 > 0);
    assert_eq!(findings(&dom), (total, total - l104));

    // A screenshot (look at it when the page changes: target/html-report.png).
    let png = root().join("target").join("html-report.png");
    let _ = std::fs::remove_file(&png);
    let shot = format!("--screenshot={}", png.display());
    let out = headless(&browser, &profile, &[&shot, "--window-size=1000,1400", &page]);
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    assert!(size > 20_000, "screenshot of {size} bytes: {}", String::from_utf8_lossy(&out.stderr));

    // Printable on A4: the browser's PDF of it.
    let pdf = dir.join("report.pdf");
    let print = format!("--print-to-pdf={}", pdf.display());
    headless(&browser, &profile, &["--no-pdf-header-footer", &print, &page]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // A4 is 595 × 842 points.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox [0 0 595") || text.contains("/MediaBox [0 0 594"), "not A4");
}
