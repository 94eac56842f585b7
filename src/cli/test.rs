//! `planlint test [DIR]`: run the inline tests of rule files.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{ExitStatus, Terminal};
use crate::dsl::TestOutcome;
use crate::lang::Lang;

/// Read a test's `plan file "…"`, relative to its rule file's directory.
pub(crate) fn load_plan(rule_path: &str, plan_path: &str) -> Result<(String, Vec<u8>), crate::lang::Bilingual> {
    let base = Path::new(rule_path).parent().unwrap_or(Path::new(""));
    let path = base.join(plan_path);
    std::fs::read(&path)
        .map(|b| (path.display().to_string(), b))
        .map_err(|e| crate::source::Unreadable::from_io(&e).text())
}

pub(super) fn run(
    dir: Option<&PathBuf>,
    lang: Lang,
    term: Terminal,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitStatus {
    let dirs: Vec<PathBuf> = dir.cloned().into_iter().collect();
    let set = match super::rules::load(&dirs, true, lang, term, err) {
        Ok(s) => s,
        Err(e) => return e,
    };
    let registry = match super::load_registry(&[], lang, term, err) {
        Ok(r) => r,
        Err(e) => return e,
    };
    let under = dir.map(|d| d.display().to_string());
    let reports = set.run_tests_in(under.as_deref(), &registry, &load_plan, lang);
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for r in &reports {
        let (tag, detail) = match &r.outcome {
            TestOutcome::Passed => {
                passed += 1;
                ("ok  ", None)
            }
            TestOutcome::Failed { .. } => {
                failed += 1;
                ("FAIL", r.reason(lang))
            }
            TestOutcome::Skipped { .. } => {
                skipped += 1;
                ("skip", r.reason(lang))
            }
        };
        let _ = writeln!(out, "{tag} {} {:?} ({}:{})", r.code, r.name, r.path, r.line);
        if let Some(d) = detail {
            let _ = writeln!(out, "       {d}");
        }
        if let TestOutcome::Failed { found, .. } = &r.outcome {
            for f in found {
                let _ = writeln!(out, "       {} {}: {}", lang.pick("dòng", "line"), f.line, f.message);
            }
        }
    }
    let total = reports.len();
    let summary = lang.pick(
        format!("{total} bài kiểm thử: {passed} đạt, {failed} không đạt, {skipped} bỏ qua"),
        format!("{total} tests: {passed} passed, {failed} failed, {skipped} skipped"),
    );
    let _ = writeln!(out, "{summary}");
    if failed > 0 { ExitStatus::Findings } else { ExitStatus::Clean }
}
