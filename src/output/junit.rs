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
        let path = attr(&report.path);
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
                attr(&format!("{}({}) {}:{}", r.code, r.name, r.start.line, r.start.column)),
                r.start.line
            );
            let kind = outcome(r);
            let message = attr(&format!("{}: {}", severity_word(r.severity, self.lang), r.message));
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
                text(&body)
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

/// A character XML 1.0 cannot carry at all, even escaped (control characters from PDF
/// conversion, form feeds…): shown as U+FFFD.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Element content.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// A double-quoted attribute value; line breaks and tabs kept as character references (an
/// attribute's raw white space is normalized to spaces by XML parsers).
fn attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(text("a < b & \"c\"\u{c}"), "a &lt; b &amp; \"c\"\u{FFFD}");
        assert_eq!(attr("x=\"1\"\n'y'"), "x=&quot;1&quot;&#10;'y'");
    }
}
