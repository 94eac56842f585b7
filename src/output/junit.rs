//! `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure…). One `<testsuite>`
//! per file, one `<testcase>` per record, so that each defect is listed on its own with its place:
//! errors and warnings are `<failure>`s, infos `<skipped>` (seen, never red: they do not fail a
//! run either), input errors `<error>`s (the file could not be checked); a clean file is one
//! passing test case. The root carries no totals: it is written before the first file.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileReport, Out, Record, Sink, SinkOptions, Summary, severity_word};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::xml;

pub(super) struct JunitSink<'w> {
    out: Out<'w>,
    lang: Lang,
    opened: bool,
}

impl<'w> JunitSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        Self { out, lang: opts.lang, opened: false }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            self.out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"planlint\">\n")?;
        }
        Ok(())
    }
}

/// What a record is in JUnit terms.
fn outcome(r: &Record) -> &'static str {
    match r.severity {
        _ if r.code.starts_with('E') => "error",
        Severity::Error | Severity::Warning => "failure",
        Severity::Info => "skipped",
    }
}

impl Sink for JunitSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.open()?;
        let count = |kind: &str| report.records.iter().filter(|r| outcome(r) == kind).count();
        let path = xml::attr(&report.path);
        let mut s = String::new();
        let _ = writeln!(
            s,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">",
            report.records.len().max(1),
            count("failure"),
            count("error"),
            count("skipped"),
        );
        if report.records.is_empty() {
            let name = self.lang.pick("mọi quy tắc", "all rules");
            let _ = writeln!(s, "    <testcase name=\"{name}\" classname=\"{path}\" file=\"{path}\"/>");
        }
        for r in &report.records {
            let _ = writeln!(
                s,
                "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\" line=\"{}\">",
                xml::attr(&format!("{}({}) {}:{}", r.code, r.name, r.start.line, r.start.column)),
                r.start.line
            );
            let kind = outcome(r);
            let message = xml::attr(&format!("{}: {}", severity_word(r.severity, self.lang), r.message));
            let mut body = format!("{}:{}:{}: {}", report.path, r.start.line, r.start.column, r.message);
            if !r.help.is_empty() {
                let _ = write!(body, "\nhelp: {}", r.help);
            }
            for l in &r.labels {
                let _ = write!(body, "\n{}:{}:{}: {}", report.path, l.start.line, l.start.column, l.message);
            }
            let _ = writeln!(
                s,
                "      <{kind} type=\"{}\" message=\"{message}\">{}</{kind}>",
                r.severity.as_str(),
                xml::text(&body)
            );
            s.push_str("    </testcase>\n");
        }
        s.push_str("  </testsuite>\n");
        self.out.write_all(s.as_bytes())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.open()?;
        self.out.write_all(b"</testsuites>\n")?;
        self.out.flush()
    }
}
