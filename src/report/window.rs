//! Bounded snippets: any diagnostic, drawn by miette on a window of its text.
//!
//! miette draws every line a label touches in full, and pads underlines with `format!` widths
//! (which panic past 65,535 columns). [`Windowed`] wraps a diagnostic before miette sees it: its
//! source becomes a small [`WindowSource`] holding only the lines near the labels, each line cut
//! to [`SNIPPET_CONTEXT_CHARS`] characters either side of every label end on it when it is longer
//! than [`SNIPPET_LINE_CHARS`] (an ellipsis `…` where text is cut), a label running over more
//! than [`SNIPPET_SPAN_LINES`] lines drawn over its first lines; the labels are moved onto that
//! text. Line numbers and columns stay the real file's: the window answers miette with them.
//! Every line end of the file (`\n`, `\r\n`, a lone `\r`) is a `\n` in the window, so miette
//! numbers lines as the rest of planlint does.
//!
//! Why miette cannot panic on it: the widest line it is given is a whole line of at most
//! [`SNIPPET_LINE_CHARS`] characters, or the pieces around at most 2 × [`MAX_LABELS`] label
//! ends of [`SNIPPET_CONTEXT_CHARS`] characters either side (6,432 characters); at most four
//! columns a character (a tab), that is under 26,000 columns, far from the 65,535 a `format!`
//! width allows.
//!
//! The labels are also grouped here: labels whose windows overlap or are at most [`NEARBY_GAP`]
//! lines apart share one window, a label far from the others gets a window of its own (miette
//! alone would draw every line between them).

use std::collections::BTreeMap;
use std::fmt;

use miette::{Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::NamedText;

/// Lines up to this many characters are shown whole.
pub const SNIPPET_LINE_CHARS: usize = 1000;
/// On a longer line, the characters shown either side of each place a label starts or ends
/// (and from the start of a line no label starts or ends on).
pub const SNIPPET_CONTEXT_CHARS: usize = 100;
/// A label running over more lines is drawn over its first this many lines, the last of them
/// ending with `…`.
pub const SNIPPET_SPAN_LINES: usize = 40;
/// Labels drawn per diagnostic; the rest (by position) are left out.
pub const MAX_LABELS: usize = 16;
/// Characters of a message, help or label text shown; longer texts end with `…`.
pub const MAX_TEXT_CHARS: usize = 2000;

/// How many lines may lie between two windows that are still drawn as one: a window of its own
/// costs two lines (its end and the next one's header).
const NEARBY_GAP: usize = 4;
/// How deep cause chains are followed.
const MAX_DEPTH: usize = 8;
const ELLIPSIS: &str = "…";

/// How much of the text a window keeps.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) line_chars: usize,
    pub(super) context_chars: usize,
    pub(super) span_lines: usize,
}

impl Limits {
    /// What users see.
    pub(super) const NORMAL: Limits =
        Limits { line_chars: SNIPPET_LINE_CHARS, context_chars: SNIPPET_CONTEXT_CHARS, span_lines: SNIPPET_SPAN_LINES };
    /// When the normal drawing is over the size limit: a few characters and lines.
    pub(super) const TIGHT: Limits = Limits { line_chars: 0, context_chars: 20, span_lines: 3 };
}

/// A diagnostic as miette is to draw it: its texts capped, its source a window.
pub(super) struct Windowed<'a> {
    inner: &'a dyn Diagnostic,
    message: String,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Option<WindowSource<'a>>,
    cause: Option<Box<Windowed<'a>>>,
    related: Vec<Windowed<'a>>,
}

impl<'a> Windowed<'a> {
    /// `text`, when given, is the diagnostic's own source (read directly through its line index
    /// rather than through miette's reader).
    pub(super) fn new(inner: &'a dyn Diagnostic, text: Option<&'a NamedText>, limits: Limits) -> Self {
        Self::at_depth(inner, None, text, limits, 0)
    }

    fn at_depth(
        inner: &'a dyn Diagnostic,
        parent: Option<&'a dyn SourceCode>,
        text: Option<&'a NamedText>,
        limits: Limits,
        depth: usize,
    ) -> Self {
        let message = capped(inner.to_string());
        let help = inner.help().map(|h| capped(h.to_string()));
        let own = inner.source_code();
        let src = own.or(parent);
        let (labels, source) = match (src, inner.labels()) {
            (Some(src), Some(labels)) => {
                let mut labels: Vec<LabeledSpan> = labels.collect();
                labels.sort_by_key(LabeledSpan::offset);
                if labels.len() > MAX_LABELS {
                    // Keep the primary label, then the first others.
                    let primary = labels.iter().position(LabeledSpan::primary).unwrap_or(0);
                    let keep: Vec<LabeledSpan> = labels
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i == primary)
                        .chain(labels.iter().enumerate().filter(|(i, _)| *i != primary).take(MAX_LABELS - 1))
                        .map(|(_, l)| l.clone())
                        .collect();
                    labels = keep;
                    labels.sort_by_key(LabeledSpan::offset);
                }
                let real = match (own, text) {
                    (Some(_), Some(text)) => Real::Text(text),
                    _ => Real::Code(src),
                };
                match WindowSource::build(real, &labels, limits) {
                    Some((source, moved)) => (moved, Some(source)),
                    // Labels miette could not read either: drawn without a snippet.
                    None => (Vec::new(), None),
                }
            }
            _ => (Vec::new(), None),
        };
        let next = depth + 1;
        let cause = (next < MAX_DEPTH)
            .then(|| inner.diagnostic_source())
            .flatten()
            .map(|d| Box::new(Self::at_depth(d, src, None, limits, next)));
        let related = match inner.related() {
            Some(related) if next < MAX_DEPTH => {
                related.take(MAX_LABELS).map(|d| Self::at_depth(d, src, None, limits, next)).collect()
            }
            _ => Vec::new(),
        };
        Self { inner, message, help, labels, source, cause, related }
    }
}

/// A text cut to [`MAX_TEXT_CHARS`] characters.
fn capped(text: String) -> String {
    if text.len() <= MAX_TEXT_CHARS {
        return text;
    }
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => format!("{}{ELLIPSIS}", text.get(..cut).unwrap_or_default()),
        None => text,
    }
}

impl fmt::Debug for Windowed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Windowed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Windowed<'_> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

impl Diagnostic for Windowed<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
    }

    fn diagnostic_source(&self) -> Option<&dyn Diagnostic> {
        self.cause.as_deref().map(|d| d as &dyn Diagnostic)
    }
}

/// A line of the real text, as read around the labels.
#[derive(Debug, Clone, Copy)]
struct RealLine<'a> {
    /// Byte offset of its start in the real text.
    start: usize,
    /// Its text, without the line end.
    content: &'a str,
    /// Whether a line end follows.
    ended: bool,
    /// Byte offset after its line end.
    end: usize,
}

impl RealLine<'_> {
    fn content_end(&self) -> usize {
        self.start + self.content.len()
    }
}

/// A line of the window.
#[derive(Debug, Clone, Copy)]
struct WindowLine {
    /// Byte offset of its start in the window's text.
    start: usize,
    /// One past its `\n` (or its end, for the text's last line).
    end: usize,
    /// Its 0-based line number in the real text.
    number: usize,
    /// The 0-based number of the last line of its block.
    block_last: usize,
    /// Byte offset after its line end in the real text.
    real_end: usize,
}

/// A run of the real text copied into the window.
#[derive(Debug, Clone, Copy)]
struct Piece {
    window: usize,
    real: usize,
    len: usize,
}

/// Where the real text is read from.
#[derive(Clone, Copy)]
enum Real<'a> {
    /// Any source, through miette's reader.
    Code(&'a dyn SourceCode),
    /// A planlint text, through its line index.
    Text(&'a NamedText),
}

impl<'a> Real<'a> {
    /// Add the lines around a label (one before, enough after to reach a nearby label's window)
    /// to `lines`; `None` when the label is not inside the text.
    fn read_lines(
        self,
        label: &LabeledSpan,
        span_lines: usize,
        lines: &mut BTreeMap<usize, RealLine<'a>>,
        name: &mut Option<String>,
    ) -> Option<()> {
        match self {
            Real::Code(code) => {
                let contents = code.read_span(label.inner(), 1, NEARBY_GAP + 2).ok()?;
                if name.is_none() {
                    *name = contents.name().map(str::to_owned);
                }
                let data = std::str::from_utf8(contents.data()).ok()?;
                split_lines(data, contents.span().offset(), contents.line(), lines);
            }
            Real::Text(named) => {
                let text: &'a str = named.text();
                let index = named.lines();
                let (start, end) = (label.offset(), label.offset() + label.len());
                if end > text.len() {
                    return None;
                }
                if name.is_none() {
                    *name = Some(named.name().to_owned());
                }
                let first_line = index.line_index(start);
                let last_line = index.line_index(end.max(1)).min(first_line + span_lines);
                let last = (last_line + NEARBY_GAP + 2).min(index.line_count().saturating_sub(1));
                for number in first_line.saturating_sub(1)..=last {
                    if lines.get(&number).is_some_and(|l| l.ended) {
                        continue;
                    }
                    let Some(from) = index.line_start(number + 1) else { break };
                    let to = index.line_start(number + 2).unwrap_or(text.len());
                    let raw = text.get(from..to)?;
                    let content = match raw.strip_suffix('\n') {
                        Some(r) => r.strip_suffix('\r').unwrap_or(r),
                        None => raw.strip_suffix('\r').unwrap_or(raw),
                    };
                    let ended = content.len() < raw.len();
                    // The empty line after a last line end is not shown, but an empty text is.
                    if ended || !content.is_empty() || text.is_empty() {
                        lines.insert(number, RealLine { start: from, content, ended, end: to });
                    }
                }
            }
        }
        Some(())
    }

    /// The 0-based line and column the source gives an offset.
    fn line_col(self, offset: usize) -> (usize, usize) {
        match self {
            Real::Code(code) => code
                .read_span(&SourceSpan::new(offset.into(), 0), 0, 0)
                .map(|c| (c.line(), c.column()))
                .unwrap_or_default(),
            Real::Text(named) => {
                let at = named.lines().line_col(named.text(), offset);
                (at.line.saturating_sub(1), at.column.saturating_sub(1))
            }
        }
    }
}

/// The window miette reads instead of the real text.
pub(super) struct WindowSource<'a> {
    real: Real<'a>,
    name: Option<String>,
    text: String,
    lines: Vec<WindowLine>,
    pieces: Vec<Piece>,
    /// Where each label starts, in the window and in the real text.
    anchors: Vec<(usize, usize)>,
}

impl fmt::Debug for WindowSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WindowSource").field("name", &self.name).field("text", &self.text).finish_non_exhaustive()
    }
}

/// A label's span, shortened when it runs over too many lines.
#[derive(Debug, Clone, Copy)]
struct Place {
    start: usize,
    end: usize,
    first_line: usize,
    /// The line its end is probed on (miette's: that of the byte after its last byte).
    last_line: usize,
    /// Shortened: it ends at the end of `last_line`'s text, after an ellipsis.
    cut: bool,
}

impl<'a> WindowSource<'a> {
    /// The window of `labels` (sorted by offset), and the labels moved onto it; `None` when a
    /// label cannot be read from `real`.
    fn build(real: Real<'a>, labels: &[LabeledSpan], limits: Limits) -> Option<(Self, Vec<LabeledSpan>)> {
        let mut lines: BTreeMap<usize, RealLine<'a>> = BTreeMap::new();
        let mut name = None;
        for label in labels {
            real.read_lines(label, limits.span_lines, &mut lines, &mut name)?;
        }
        let last_number = lines.keys().next_back().copied().unwrap_or(0);
        // Each label's place, shortened when it runs over too many lines.
        let mut places = Vec::with_capacity(labels.len());
        for label in labels {
            let start = label.offset();
            let end = start + label.len();
            let first_line = line_of_fast(&lines, start)?;
            let last_line = line_of_fast(&lines, end.max(1)).unwrap_or(first_line).max(first_line);
            let keep = limits.span_lines.max(1);
            let place = if end > start && last_line - first_line >= keep {
                let last = first_line + keep - 1;
                let line = lines.get(&last)?;
                Place { start, end: line.content_end(), first_line, last_line: last, cut: true }
            } else {
                Place { start, end, first_line, last_line, cut: false }
            };
            places.push(place);
        }
        // Blocks of consecutive lines: each label's window (a line before, a line after), joined
        // when near.
        let mut blocks: Vec<(usize, usize)> = Vec::new();
        for p in &places {
            let first = p.first_line.saturating_sub(1);
            let last = (p.last_line + 1).min(last_number);
            match blocks.last_mut() {
                Some((_, block_last)) if first <= *block_last + 1 + NEARBY_GAP => {
                    *block_last = (*block_last).max(last);
                }
                _ => blocks.push((first, last)),
            }
        }
        // A line missing from what was read (it should not be) splits its block: miette numbers
        // a window's lines one after the other.
        let blocks: Vec<(usize, usize)> = blocks
            .into_iter()
            .flat_map(|(first, last)| {
                let mut runs: Vec<(usize, usize)> = Vec::new();
                for n in (first..=last).filter(|n| lines.contains_key(n)) {
                    match runs.last_mut() {
                        Some((_, end)) if *end + 1 == n => *end = n,
                        _ => runs.push((n, n)),
                    }
                }
                runs
            })
            .collect();
        // The places each line must show.
        let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for p in &places {
            points.entry(p.first_line).or_default().push(p.start);
            points.entry(p.last_line).or_default().push(p.end);
        }
        let cut_lines: Vec<usize> = places.iter().filter(|p| p.cut).map(|p| p.last_line).collect();

        let mut source = WindowSource {
            real,
            name,
            text: String::new(),
            lines: Vec::new(),
            pieces: Vec::new(),
            anchors: Vec::new(),
        };
        for &(first, last) in &blocks {
            for number in first..=last {
                let Some(line) = lines.get(&number) else { continue };
                let here = points.get(&number).map_or(&[][..], Vec::as_slice);
                source.push_line(number, last, line, here, cut_lines.contains(&number), limits);
            }
        }
        let mut anchors = Vec::with_capacity(places.len());
        let moved = labels
            .iter()
            .zip(&places)
            .map(|(label, p)| {
                let start = source.to_window(p.start);
                // Two labels may start at one place of the window (one inside a line end): the
                // header, which is the primary label's when it is in the window, takes its.
                if label.primary() {
                    anchors.insert(0, (start, p.start));
                } else {
                    anchors.push((start, p.start));
                }
                let end = if p.cut { source.line_text_end(p.last_line) } else { source.to_window(p.end) };
                let span = SourceSpan::new(start.into(), end.saturating_sub(start));
                let text = label.label().map(|t| capped(t.to_owned()));
                if label.primary() {
                    LabeledSpan::new_primary_with_span(text, span)
                } else {
                    LabeledSpan::new_with_span(text, span)
                }
            })
            .collect();
        source.anchors = anchors;
        Some((source, moved))
    }

    /// Append a real line, cut around `points` when it is long.
    fn push_line(
        &mut self,
        number: usize,
        block_last: usize,
        line: &RealLine<'_>,
        points: &[usize],
        cut_end: bool,
        limits: Limits,
    ) {
        let content = line.content;
        let start = self.text.len();
        let whole = content.len() <= limits.line_chars || content.chars().nth(limits.line_chars).is_none();
        let ranges: Vec<(usize, usize)> = if whole {
            vec![(0, content.len())]
        } else {
            let c = limits.context_chars;
            let mut ranges: Vec<(usize, usize)> = Vec::new();
            let mut around: Vec<usize> =
                points.iter().map(|&p| floor_boundary(content, p.saturating_sub(line.start))).collect();
            if around.is_empty() {
                around.push(0);
            }
            around.sort_unstable();
            for at in around {
                let from = back_chars(content, at, c);
                let to = forward_chars(content, at, c.max(1));
                match ranges.last_mut() {
                    Some((_, end)) if from <= *end => *end = (*end).max(to),
                    _ => ranges.push((from, to)),
                }
            }
            ranges
        };
        let mut shown_to = 0;
        for (from, to) in ranges {
            if from > shown_to {
                self.text.push_str(ELLIPSIS);
            }
            self.pieces.push(Piece { window: self.text.len(), real: line.start + from, len: to - from });
            self.text.push_str(content.get(from..to).unwrap_or_default());
            shown_to = to;
        }
        if shown_to < content.len() || cut_end {
            self.text.push_str(ELLIPSIS);
        }
        if line.ended {
            self.text.push('\n');
        }
        self.lines.push(WindowLine { start, end: self.text.len(), number, block_last, real_end: line.end });
    }

    /// Where a real offset is in the window: in the piece that holds it (every label start and
    /// end is in one), or at the end of its line's text when it is inside a line end.
    fn to_window(&self, real: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.real <= real);
        match i.checked_sub(1).and_then(|j| self.pieces.get(j)) {
            Some(p) if real <= p.real + p.len => p.window + (real - p.real),
            // Past its line's text: inside the line end, or at or after its end (the next line,
            // outside the window: after the window line's `\n`).
            Some(p) => match self.lines.get(self.line_index(p.window)) {
                Some(l) if real >= l.real_end => l.end,
                Some(l) => self.text_end(l),
                None => self.text.len(),
            },
            None => 0,
        }
    }

    /// The end of a window line's text (before its `\n`).
    fn text_end(&self, line: &WindowLine) -> usize {
        let text = self.text.get(line.start..line.end).unwrap_or_default();
        line.start + text.strip_suffix('\n').map_or(text.len(), str::len)
    }

    /// The end of the text of the window line showing a real line.
    fn line_text_end(&self, number: usize) -> usize {
        self.lines.iter().find(|l| l.number == number).map_or(self.text.len(), |l| self.text_end(l))
    }

    /// The index of the window line holding an offset of the window's text.
    fn line_index(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start <= offset).saturating_sub(1)
    }

    /// The real offset of a window offset (for columns).
    fn to_real(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.window <= offset);
        match i.checked_sub(1).and_then(|j| self.pieces.get(j)) {
            Some(p) => p.real + (offset - p.window).min(p.len),
            None => 0,
        }
    }
}

/// The lines of `data` (which starts at line `first` of the real text, at byte `offset`).
fn split_lines<'a>(data: &'a str, offset: usize, first: usize, lines: &mut BTreeMap<usize, RealLine<'a>>) {
    let bytes = data.as_bytes();
    let mut number = first;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let end_len = match bytes.get(i) {
            Some(b'\n') => 1,
            Some(b'\r') if bytes.get(i + 1) == Some(&b'\n') => 2,
            Some(b'\r') => 1,
            _ => 0,
        };
        if end_len > 0 {
            let content = data.get(start..i).unwrap_or_default();
            // A whole line wins over the same line cut short at the end of another read.
            let line = RealLine { start: offset + start, content, ended: true, end: offset + i + end_len };
            if lines.get(&number).is_none_or(|l| !l.ended) {
                lines.insert(number, line);
            }
            number += 1;
            i += end_len;
            start = i;
        } else {
            i += 1;
        }
    }
    // The text after the last line end: the file's last line (or a read that stopped early);
    // an empty text is one empty line.
    if start < bytes.len() || bytes.is_empty() {
        let content = data.get(start..).unwrap_or_default();
        if lines.get(&number).is_none_or(|l| !l.ended && l.content.len() < content.len()) {
            lines.insert(number, RealLine { start: offset + start, content, ended: false, end: offset + bytes.len() });
        }
    }
}

/// The line holding a real offset (the last line starting at or before it).
fn line_of_fast(lines: &BTreeMap<usize, RealLine<'_>>, offset: usize) -> Option<usize> {
    lines.iter().rev().find(|(_, l)| l.start <= offset).map(|(n, _)| *n)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte index `n` characters before `at`.
fn back_chars(s: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    s.get(..at).and_then(|b| b.char_indices().rev().nth(n - 1)).map_or(0, |(i, _)| i)
}

/// The byte index `n` characters after `at`.
fn forward_chars(s: &str, at: usize, n: usize) -> usize {
    s.get(at..).and_then(|a| a.char_indices().nth(n)).map_or(s.len(), |(i, _)| at + i)
}

impl SourceCode for WindowSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start.saturating_add(span.len());
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_index(start);
        let line = self.lines.get(first).ok_or(MietteError::OutOfBounds)?;
        if context_lines_before == 0 {
            // The place of a label, for a snippet's header: the real file's line and column.
            let real = self.anchors.iter().find(|(w, _)| *w == start).map_or_else(|| self.to_real(start), |(_, r)| *r);
            let (number, column) = self.real.line_col(real);
            let data = self.text.as_bytes().get(start..end).unwrap_or_default();
            return Ok(Box::new(contents(self.name.clone(), data, *span, number, column, 0)));
        }
        // Lines from the one before the span to the one after the byte after its last byte, as
        // miette's own reader answers, within the span's block.
        let probe = end.max(1).min(self.text.len());
        let last = self.line_index(probe).max(first);
        let from = first.saturating_sub(context_lines_before);
        let to = last.saturating_add(context_lines_after);
        let in_block = |l: &&WindowLine| l.block_last == line.block_last;
        let chosen: Vec<&WindowLine> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(i, _)| (from..=to).contains(i))
            .map(|(_, l)| l)
            .filter(in_block)
            .collect();
        let (Some(top), Some(bottom)) = (chosen.first(), chosen.last()) else {
            return Err(MietteError::OutOfBounds);
        };
        let data = self.text.as_bytes().get(top.start..bottom.end).ok_or(MietteError::OutOfBounds)?;
        let window = SourceSpan::new(top.start.into(), bottom.end - top.start);
        // miette joins two labels' windows when the first's `line + line_count` reaches the
        // second's `line`: answer so that exactly the labels of one block are joined.
        let line_count = line.block_last.saturating_sub(top.number);
        Ok(Box::new(contents(self.name.clone(), data, window, top.number, 0, line_count)))
    }
}

fn contents(
    name: Option<String>,
    data: &[u8],
    span: SourceSpan,
    line: usize,
    column: usize,
    line_count: usize,
) -> MietteSpanContents<'_> {
    match name {
        Some(name) => MietteSpanContents::new_named(name, data, span, line, column, line_count),
        None => MietteSpanContents::new(data, span, line, column, line_count),
    }
}
