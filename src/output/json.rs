//! `--format json`: the stable, versioned document of SPEC §7, written as it goes — the opening,
//! one diagnostic per line, then the summary. Schema: `docs/planlint-output.schema.json`.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Out, Record, Sink, Summary};

/// The version of the document's shape; bumped only by an incompatible change.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    category: &'static str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
    labels: Vec<Label<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a crate::docx::WordPlace>,
}

#[derive(Serialize)]
struct Label<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    unread: usize,
}

pub(super) struct JsonSink<'w> {
    out: Out<'w>,
    opened: bool,
    written: usize,
}

impl<'w> JsonSink<'w> {
    pub(super) fn new(out: Out<'w>) -> Self {
        Self { out, opened: false, written: 0 }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            write!(self.out, "{{\n  \"version\": {VERSION},\n  \"diagnostics\": [")?;
        }
        Ok(())
    }
}

fn diagnostic<'a>(path: &'a str, r: &'a Record) -> Diagnostic<'a> {
    Diagnostic {
        code: &r.code,
        name: &r.name,
        severity: r.severity.as_str(),
        category: r.category.as_str(),
        path,
        line: r.start.line,
        column: r.start.column,
        end_line: r.end.line,
        end_column: r.end.column,
        message: &r.message,
        help: &r.help,
        labels: r
            .labels
            .iter()
            .map(|l| Label { line: l.start.line, column: l.start.column, message: &l.message })
            .collect(),
        location: r.location.as_ref(),
    }
}

impl Sink for JsonSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.open()?;
        for r in &report.records {
            self.out.write_all(if self.written == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut self.out, &diagnostic(&report.path, r))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.open()?;
        if self.written > 0 {
            self.out.write_all(b"\n  ")?;
        }
        self.out.write_all(b"],\n  \"summary\": ")?;
        let s = JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            unread: summary.unread,
        };
        serde_json::to_writer(&mut self.out, &s)?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}
