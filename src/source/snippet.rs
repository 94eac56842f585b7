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
}

impl SourceCode for NamedText {
    fn read_span<'a>(
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
    fn columns_are_characters() {
        let text: Arc<str> = Arc::from("dòng một\nnhiệm vụ `x`\n");
        let src = NamedText::new("t.plr", text.clone());
        let at = text.find('x').unwrap();
        let c = src.read_span(&SourceSpan::new(at.into(), 1), 0, 0).unwrap();
        assert_eq!((c.line(), c.column()), (1, 10));
    }
}
