//! `--format github`: GitHub Actions workflow commands, one per record
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=T101(task-lead-missing)::…`), which
//! GitHub shows as annotations on the changed files; the closing counts as a plain log line.

use std::io::{self, Write};

use super::{FileReport, Out, Sink, SinkOptions, Summary, portable_path};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::report::summary_line;

pub(super) struct GithubSink<'w> {
    out: Out<'w>,
    lang: Lang,
}

impl<'w> GithubSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        Self { out, lang: opts.lang }
    }
}

impl Sink for GithubSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let file = escape_property(&portable_path(&report.path));
        for r in &report.records {
            let command = match r.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = r.message.clone();
            if !r.help.is_empty() {
                message.push('\n');
                message.push_str(&r.help);
            }
            writeln!(
                self.out,
                "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                r.start.line,
                r.start.column,
                r.end.line,
                r.end.column,
                escape_property(&format!("{}({})", r.code, r.name)),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let line =
            summary_line(summary.errors, summary.warnings, summary.infos, summary.files, summary.unread, self.lang);
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}

/// The message of a workflow command: `%`, CR and LF escaped (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value of a workflow command: also `:` and `,` (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("50% xong\r\nrồi: a,b"), "50%25 xong%0D%0Arồi: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
