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

/// One diagnostic as `serde_json::to_writer` writes it (the same bytes: a test compares them),
/// without serde's per-field machinery: a report of many findings spends much of its output
/// time here.
fn write_diagnostic(out: &mut impl Write, d: &Diagnostic<'_>) -> io::Result<()> {
    out.write_all(b"{\"code\":")?;
    write_str(out, d.code)?;
    out.write_all(b",\"name\":")?;
    write_str(out, d.name)?;
    out.write_all(b",\"severity\":")?;
    write_str(out, d.severity)?;
    out.write_all(b",\"category\":")?;
    write_str(out, d.category)?;
    out.write_all(b",\"path\":")?;
    write_str(out, d.path)?;
    out.write_all(b",\"line\":")?;
    write_num(out, d.line)?;
    out.write_all(b",\"column\":")?;
    write_num(out, d.column)?;
    out.write_all(b",\"end_line\":")?;
    write_num(out, d.end_line)?;
    out.write_all(b",\"end_column\":")?;
    write_num(out, d.end_column)?;
    out.write_all(b",\"message\":")?;
    write_str(out, d.message)?;
    out.write_all(b",\"help\":")?;
    write_str(out, d.help)?;
    out.write_all(b",\"labels\":[")?;
    for (i, l) in d.labels.iter().enumerate() {
        out.write_all(if i == 0 { b"{\"line\":" } else { b",{\"line\":" })?;
        write_num(out, l.line)?;
        out.write_all(b",\"column\":")?;
        write_num(out, l.column)?;
        out.write_all(b",\"message\":")?;
        write_str(out, l.message)?;
        out.write_all(b"}")?;
    }
    out.write_all(b"]")?;
    if let Some(place) = d.location {
        out.write_all(b",\"location\":")?;
        serde_json::to_writer(&mut *out, place)?;
    }
    out.write_all(b"}")
}

/// A number in decimal, without the formatting machinery.
fn write_num(out: &mut impl Write, mut n: usize) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        if let Some(d) = buf.get_mut(at) {
            // Truncation impossible: a digit.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.write_all(buf.get(at..).unwrap_or_default())
}

/// A JSON string, escaped as serde_json escapes it: `"` and `\\`, the short escapes `\b \f \n
/// \r \t`, other control characters as `\u00xx`; everything else as it is. Thirty-two bytes
/// are looked at a time (vector compares): most strings need no escape at all.
fn write_str(out: &mut impl Write, s: &str) -> io::Result<()> {
    /// Bytes looked at together ([`crate::text::skip_blocks`]).
    const BLOCK: usize = 32;
    let special = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let bytes = s.as_bytes();
    out.write_all(b"\"")?;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i = crate::text::skip_blocks::<BLOCK>(bytes, i, special);
        // A block with something to escape, or the last bytes: one at a time.
        let end = (i + BLOCK).min(bytes.len());
        while i < end {
            let b = bytes.get(i).copied().unwrap_or_default();
            if special(b) {
                out.write_all(bytes.get(start..i).unwrap_or_default())?;
                match b {
                    b'"' => out.write_all(b"\\\"")?,
                    b'\\' => out.write_all(b"\\\\")?,
                    b'\n' => out.write_all(b"\\n")?,
                    b'\r' => out.write_all(b"\\r")?,
                    b'\t' => out.write_all(b"\\t")?,
                    0x08 => out.write_all(b"\\b")?,
                    0x0C => out.write_all(b"\\f")?,
                    _ => write!(out, "\\u{b:04x}")?,
                }
                start = i + 1;
            }
            i += 1;
        }
    }
    out.write_all(bytes.get(start..).unwrap_or_default())?;
    out.write_all(b"\"")
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
            write_diagnostic(&mut self.out, &diagnostic(&report.path, r))?;
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn both(d: &Diagnostic<'_>) -> (String, String) {
        let mut ours = Vec::new();
        write_diagnostic(&mut ours, d).unwrap();
        (String::from_utf8(ours).unwrap(), serde_json::to_string(d).unwrap())
    }

    #[test]
    fn diagnostics_are_written_as_serde_json_writes_them() {
        let place = crate::docx::WordPlace { paragraph: 3, table: Some(1), row: Some(2), cell: None, column: 4 };
        let texts = [
            "",
            "số của kế hoạch còn để trống: `/KH-UBND`",
            "a \"quoted\" \\ back\\slash",
            "controls \u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f} end",
            "\"\"\"\"\"\"\"\"\"\\",
            "exactly8",
            "Nghị quyết 57-NQ/TW “đột phá” — ½ ٣ 😀 \u{2028}\u{feff}",
        ];
        for (i, t) in texts.iter().enumerate() {
            let labels = vec![Label { line: 1, column: 2, message: t }, Label { line: 3, column: 4, message: "x" }];
            let d = Diagnostic {
                code: "F110",
                name: t,
                severity: "warning",
                category: "the-thuc",
                path: t,
                line: i,
                column: usize::MAX,
                end_line: 0,
                end_column: 10,
                message: t,
                help: t,
                labels: if i % 2 == 0 { labels } else { Vec::new() },
                location: (i % 3 == 0).then_some(&place),
            };
            let (ours, serde) = both(&d);
            assert_eq!(ours, serde, "{t:?}");
        }
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "ễ", "\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "\u{7f}", "1234567", "/", "😀",
        ]);
        let strategy = proptest::collection::vec(pieces, 0..24).prop_map(|v| v.concat());
        proptest::test_runner::TestRunner::default()
            .run(&strategy, |t| {
                let d = Diagnostic {
                    code: &t,
                    name: "n",
                    severity: "info",
                    category: "c",
                    path: &t,
                    line: 1,
                    column: 1,
                    end_line: 1,
                    end_column: 1,
                    message: &t,
                    help: "",
                    labels: vec![Label { line: 1, column: 1, message: &t }],
                    location: None,
                };
                let (ours, serde) = both(&d);
                prop_assert_eq!(ours, serde);
                Ok(())
            })
            .unwrap();
    }
}
