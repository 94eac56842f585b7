//! A file's text as miette reads it for snippets, with columns counted in characters: miette's
//! own `str` source counts columns in bytes, which is wrong for Vietnamese (`ệ` is 3 bytes).

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use super::LineIndex;

/// A named text for diagnostics.
#[derive(Debug, Clone)]
pub struct NamedText {
    name: String,
    text: Arc<str>,
    lines: Arc<LineIndex>,
}

impl NamedText {
    /// A text and the name to show for it.
    pub fn new(name: impl Into<String>, text: Arc<str>) -> Self {
        let lines = Arc::new(LineIndex::new(&text));
        Self { name: name.into(), text, lines }
    }

    /// A text whose line index is already built.
    pub fn with_lines(name: impl Into<String>, text: Arc<str>, lines: Arc<LineIndex>) -> Self {
        Self { name: name.into(), text, lines }
    }
}

impl NamedText {
    /// The text.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// The name shown for the text.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }
}

impl SourceCode for NamedText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // miette's own reader scans the whole text from its start for every span, which made
        // rendering a finding near the end of a 60 KB plan cost as much as extracting it. Read a
        // window of whole lines around the span instead, and shift the answer back: the same
        // contents, lines and columns, in time proportional to the window.
        let text = self.text.as_bytes();
        let start = span.offset();
        let end = start.saturating_add(span.len());
        let first = self.lines.line_index(start).saturating_sub(context_lines_before);
        let last = self.lines.line_index(end).saturating_add(context_lines_after).saturating_add(2);
        let window_start = self.lines.line_start(first + 1).unwrap_or(0);
        let window_end = self.lines.line_start(last + 1).unwrap_or(text.len()).min(text.len());
        let window = match text.get(window_start..window_end) {
            Some(w) if end <= window_end && start >= window_start => w,
            _ => return self.read_whole(span, context_lines_before, context_lines_after),
        };
        let local = SourceSpan::new((start - window_start).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len());
        let column = self.lines.line_col(&self.text, shifted.offset()).column.saturating_sub(1);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            shifted,
            inner.line() + first,
            column,
            inner.line_count() + first,
        )))
    }
}

impl NamedText {
    /// miette's reader over the whole text (for spans the window cannot hold).
    fn read_whole<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_ref().read_span(span, context_lines_before, context_lines_after)?;
        let column = self.lines.line_col(&self.text, inner.span().offset()).column.saturating_sub(1);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windowed_reads_equal_whole_reads() {
        let raw = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/plans/seeds/003_499b1605bf18a62a.txt"
        ))
        .unwrap();
        let text: Arc<str> = Arc::from(format!("{raw}\r\nmột\rhai\r\n\r\nba").as_str());
        let src = NamedText::new("t", text.clone());
        let len = text.len();
        let mut checked = 0;
        for start in (0..len).step_by(997).chain([0, len - 3, len - 1, len]) {
            for span_len in [0, 1, 40, 700] {
                if start + span_len > len || !text.is_char_boundary(start) {
                    continue;
                }
                for ctx in 0..3 {
                    let span = SourceSpan::new(start.into(), span_len);
                    let a = src.read_span(&span, ctx, ctx).unwrap();
                    let b = src.read_whole(&span, ctx, ctx).unwrap();
                    assert_eq!(a.data(), b.data(), "{start}+{span_len} ctx {ctx}");
                    assert_eq!(a.span(), b.span());
                    assert_eq!((a.line(), a.column(), a.line_count()), (b.line(), b.column(), b.line_count()));
                    checked += 1;
                }
            }
        }
        assert!(checked > 300);
    }

    #[test]
    fn columns_are_characters() {
        let text: Arc<str> = Arc::from("dòng một\nnhiệm vụ `x`\n");
        let src = NamedText::new("t.plr", text.clone());
        let at = text.find('x').unwrap();
        let c = src.read_span(&SourceSpan::new(at.into(), 1), 0, 0).unwrap();
        assert_eq!((c.line(), c.column()), (1, 10));
    }
}
