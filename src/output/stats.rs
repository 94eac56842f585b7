//! `--statistics`: how many findings each rule gave and each file has, like Ruff's, for a folder
//! of plans where the list of findings is too long to read first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{FileReport, severity_word};
use crate::finding::Severity;
use crate::lang::Lang;

/// The counts of a run, per rule and per file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statistics {
    /// Code → (name, severity of its first record, count).
    rules: BTreeMap<String, (String, Severity, usize)>,
    /// Files with records: path, errors, warnings, infos.
    files: Vec<(String, usize, usize, usize)>,
}

impl Statistics {
    /// Count one file's records.
    pub fn add(&mut self, report: &FileReport) {
        for r in &report.records {
            self.rules.entry(r.code.clone()).or_insert_with(|| (r.name.clone(), r.severity, 0)).2 += 1;
        }
        if !report.records.is_empty() {
            self.files.push((
                report.path.clone(),
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Info),
            ));
        }
    }

    /// The two tables: rules by count (most first), then files by errors, warnings and infos.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = String::from("\n");
        let mut rules: Vec<(&String, &(String, Severity, usize))> = self.rules.iter().collect();
        rules.sort_by(|a, b| b.1.2.cmp(&a.1.2).then_with(|| a.0.cmp(b.0)));
        let _ = writeln!(s, "{}", lang.pick("Phát hiện theo quy tắc:", "Findings by rule:"));
        if rules.is_empty() {
            let _ = writeln!(s, "  {}", lang.pick("không có", "none"));
        }
        for (code, (name, severity, count)) in rules {
            let _ = writeln!(s, "{count:>6}  {code}  {name} ({})", severity_word(*severity, lang));
        }
        let mut files = self.files.clone();
        files.sort_by(|a, b| (b.1, b.2, b.3).cmp(&(a.1, a.2, a.3)).then_with(|| a.0.cmp(&b.0)));
        let _ = writeln!(s, "{}", lang.pick("Phát hiện theo tệp:", "Findings by file:"));
        if files.is_empty() {
            let _ = writeln!(s, "  {}", lang.pick("không có", "none"));
        }
        let (e, w, i) = (
            severity_word(Severity::Error, lang),
            severity_word(Severity::Warning, lang),
            severity_word(Severity::Info, lang),
        );
        for (path, errors, warnings, infos) in files {
            let _ = writeln!(s, "{errors:>6} {e}{warnings:>6} {w}{infos:>6} {i}  {path}");
        }
        s
    }
}
