//! `--format human`: each record as miette draws it (in the worker thread, or here past the
//! file's [`FILE_RENDER_BUDGET`](super::FILE_RENDER_BUDGET)), written as it comes; a line of
//! counts per file when the run has many, and the closing counts.

use std::io::{self, Write};

use super::{FileReport, Out, Sink, SinkOptions, Summary, severity_word};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::report::summary_line;

pub(super) struct HumanSink<'w> {
    out: Out<'w>,
    lang: Lang,
    quiet: bool,
    color: bool,
    file_summaries: bool,
    /// Whether the next drawing (or the closing line) needs a blank line before it, to set it
    /// apart from what was written last.
    gap: bool,
}

impl<'w> HumanSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        Self {
            out,
            lang: opts.lang,
            quiet: opts.quiet,
            color: opts.color,
            file_summaries: opts.file_summaries,
            gap: false,
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color { format!("\x1b[1m{s}\x1b[0m") } else { s.to_owned() }
    }
}

impl Sink for HumanSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let quiet = self.quiet;
        let mut shown = 0;
        // Reviewers return their findings in two groups, thể thức first, then nội dung: when a
        // file has both, each group comes under its heading (in line order within a group).
        let mut records: Vec<&super::Record> =
            report.records.iter().filter(|r| !quiet || r.severity == Severity::Error).collect();
        records.sort_by_key(|r| r.category);
        let grouped = records.first().map(|r| r.category) != records.last().map(|r| r.category);
        let mut group = None;
        for r in records {
            shown += 1;
            if grouped && group != Some(r.category) {
                group = Some(r.category);
                if self.gap {
                    self.out.write_all(b"\n")?;
                }
                let title = self.bold(&format!("── {} ──", r.category.title(self.lang)));
                writeln!(self.out, "{title}")?;
                self.gap = false;
            }
            match r.drawing() {
                Some(text) => {
                    if self.gap {
                        self.out.write_all(b"\n")?;
                    }
                    self.out.write_all(text.as_bytes())?;
                    if let Some(place) = &r.location {
                        let lead = self.lang.pick("trong Word", "in Word");
                        writeln!(self.out, "  {lead}: {}", place.label(self.lang))?;
                    }
                    self.gap = true;
                }
                // Not rendered by the worker: one line per record, like a compiler's short form.
                None => {
                    writeln!(
                        self.out,
                        "{}:{}:{}: {} {}({}): {}",
                        report.path,
                        r.start.line,
                        r.start.column,
                        severity_word(r.severity, self.lang),
                        r.code,
                        r.name,
                        r.message
                    )?;
                    if !r.help.is_empty() {
                        writeln!(self.out, "  help: {}", r.help)?;
                    }
                    if let Some(place) = &r.location {
                        let lead = self.lang.pick("trong Word", "in Word");
                        writeln!(self.out, "  {lead}: {}", place.label(self.lang))?;
                    }
                }
            }
        }
        let errors = report.count(Severity::Error);
        if self.file_summaries && (!self.quiet || errors > 0) {
            let line = file_line(
                &report.path,
                errors,
                report.count(Severity::Warning),
                report.count(Severity::Info),
                self.lang,
            );
            let line = self.bold(&line);
            // Set apart from the drawings above it; a run of clean files stays a compact list.
            if shown > 0 {
                writeln!(self.out, "\n{line}\n")?;
                self.gap = false;
            } else {
                writeln!(self.out, "{line}")?;
                self.gap = true;
            }
        }
        // A person is watching: show each file as soon as it is done.
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let line =
            summary_line(summary.errors, summary.warnings, summary.infos, summary.files, summary.unread, self.lang);
        let line = self.bold(&line);
        if self.gap {
            self.out.write_all(b"\n")?;
        }
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}

/// `plans/a.md: 2 lỗi, 5 cảnh báo, 0 gợi ý`.
fn file_line(path: &str, errors: usize, warnings: usize, infos: usize, lang: Lang) -> String {
    if lang.is_en() {
        let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{path}: {}, {}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
            plural(infos, "info", "infos")
        )
    } else {
        format!("{path}: {errors} lỗi, {warnings} cảnh báo, {infos} gợi ý")
    }
}
