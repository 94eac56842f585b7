//! Rule findings drawn by hand, byte for byte as miette's `GraphicalReportHandler` draws them
//! through [`super::render`], for the hot path of the human format.
//!
//! miette is general (any `SourceCode`, cause chains, related diagnostics, highlighters) and pays
//! for it on every finding: it reads the text around each label three times from the start of
//! a window, copies every snippet line into a new `String` a character at a time, formats every
//! piece through `fmt`, and wraps the message and the help through textwrap's word machinery.
//! With ~70 findings per plan on long table rows, that was more than half of a `planlint check`.
//!
//! This module draws the one shape planlint's findings have (a code, a message, a primary
//! label without text, optional secondary labels with text, a help) with miette's theme and
//! layout rules, ported from miette 7.6 `handlers/graphical.rs` together with their quirks: how
//! labels are merged into one snippet (`render_snippets`), how the gutter is padded in colour,
//! where label texts go. The message and the help are wrapped as textwrap 0.16 `fill` wraps them
//! for miette: words at ASCII spaces, split after inner hyphens, broken when longer than a line,
//! first fit. Whatever it cannot reproduce exactly it declines (`None`), and the caller falls
//! back to miette: a lone `\r` in the snippet (miette reads it both as a line end and as text),
//! a span ending between the two bytes of a `\r\n`, two labels at one offset (miette's unstable
//! sort decides their order), a span that is not on character boundaries.
//!
//! `tests/render.rs` checks that both drawings are equal on every finding of the fixture plans
//! (and of a corpus when one is given), in colour and without, at several widths, and on random
//! texts, spans and labels.

use std::fmt::Write as _;
use std::sync::OnceLock;

use miette::GraphicalTheme;
use textwrap::core::display_width;
use unicode_width::UnicodeWidthChar;

use crate::finding::{Finding, Severity};
use crate::source::{LineIndex, NamedText, Span};

/// miette's default tab width in snippets.
const TAB_WIDTH: usize = 4;
/// The continuation indent of the help (`"        "`).
const HELP_REST: &str = "        ";

/// How many lines may lie between two windows that are still drawn as one: a window of its own
/// costs two lines (its end and the next one's header).
const NEARBY_GAP: usize = 4;

/// Which labels of a finding share a window of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Labels whose windows overlap or are at most [`NEARBY_GAP`] lines apart share one; a label
    /// far from the others gets a window of its own. What planlint shows.
    Nearby,
    /// miette's test: its `line_count` counts from the start of the text, so a label up to about
    /// twice as far down the file joins the window, with every line in between (a duplicate task
    /// at line 662 of a plan drew lines 553 to 663). Kept to compare the drawing with miette's.
    Miette,
}

/// Draw a finding as `render(&FindingDiagnostic::new(src, f), color, width)` does (but for
/// `grouping`), or `None` when this drawing is not sure to be the same.
pub(crate) fn finding(src: &NamedText, f: &Finding, color: bool, width: usize, grouping: Grouping) -> Option<String> {
    let text: &str = src.text();
    if text.is_empty() {
        return None;
    }
    let theme = Theme::get(color);
    let labels = labels(text, f, theme)?;
    let severity = match f.severity {
        Severity::Error => &theme.error,
        Severity::Warning => &theme.warning,
        Severity::Info => &theme.advice,
    };
    let wrap_width = width.saturating_sub(2);
    let mut out = String::with_capacity(2048);

    // Header: the code, then a blank line.
    severity.paint.open(&mut out);
    let _ = write!(out, "{}({})", f.code, f.name);
    severity.paint.close(&mut out);
    out.push_str("\n\n");

    // The message, after the severity icon.
    let indents = Indents { first: &severity.first, first_width: severity.first_width, rest: &severity.rest };
    fill(&mut out, &f.message, wrap_width, &indents)?;
    out.push('\n');

    snippets(&mut out, src, text, &labels, theme, grouping)?;

    if !f.help.is_empty() {
        let indents = Indents { first: &theme.help_first, first_width: theme.help_first_width, rest: HELP_REST };
        fill(&mut out, &f.help, wrap_width, &indents)?;
        out.push('\n');
    }
    Some(out)
}

/// A style of the theme, as the escape codes that open and close it (both empty without colour).
#[derive(Debug)]
struct Paint {
    open: String,
    close: String,
}

impl Paint {
    fn open(&self, out: &mut String) {
        out.push_str(&self.open);
    }

    fn close(&self, out: &mut String) {
        out.push_str(&self.close);
    }

    fn str(&self, out: &mut String, s: &str) {
        self.open(out);
        out.push_str(s);
        self.close(out);
    }

    fn char(&self, out: &mut String, c: char) {
        self.open(out);
        out.push(c);
        self.close(out);
    }

    fn repeat(&self, out: &mut String, run: &Run, n: usize) {
        self.open(out);
        run.push(out, n);
        self.close(out);
    }
}

/// How a severity draws: its style, and the indents of its message.
#[derive(Debug)]
struct SeverityTheme {
    paint: Paint,
    /// `"  × "`, the icon in the severity's style.
    first: String,
    first_width: usize,
    /// `"  │ "`, the bar in the severity's style.
    rest: String,
}

/// miette's theme, taken apart once.
#[derive(Debug)]
struct Theme {
    hbar: char,
    vbar: char,
    vbar_break: char,
    uarrow: char,
    rarrow: char,
    ltop: char,
    lbot: char,
    lcross: char,
    rcross: char,
    underbar: char,
    underline: char,
    /// `hbar` and `underline`, repeated.
    hbars: Run,
    underlines: Run,
    error: SeverityTheme,
    warning: SeverityTheme,
    advice: SeverityTheme,
    /// `"  help: "` in the help style.
    help_first: String,
    help_first_width: usize,
    link: Paint,
    linum: Paint,
    highlights: Vec<Paint>,
}

/// A style's escape codes, as owo-colors writes them around a styled value.
macro_rules! paint {
    ($style:expr) => {
        Paint { open: $style.prefix_formatter().to_string(), close: $style.suffix_formatter().to_string() }
    };
}

impl Theme {
    /// The theme `render` uses: Unicode, with colour or without.
    fn get(color: bool) -> &'static Theme {
        static COLOR: OnceLock<Theme> = OnceLock::new();
        static PLAIN: OnceLock<Theme> = OnceLock::new();
        if color {
            COLOR.get_or_init(|| Theme::new(&GraphicalTheme::unicode()))
        } else {
            PLAIN.get_or_init(|| Theme::new(&GraphicalTheme::unicode_nocolor()))
        }
    }

    fn new(theme: &GraphicalTheme) -> Self {
        let c = &theme.characters;
        let s = &theme.styles;
        let severity = |paint: Paint, icon: &str| {
            let first = format!("  {}{icon}{} ", paint.open, paint.close);
            let rest = format!("  {}{}{} ", paint.open, c.vbar, paint.close);
            SeverityTheme { first_width: display_width(&first), first, rest, paint }
        };
        let help = paint!(s.help);
        let help_first = format!("{}  help: {}", help.open, help.close);
        Theme {
            hbar: c.hbar,
            vbar: c.vbar,
            vbar_break: c.vbar_break,
            uarrow: c.uarrow,
            rarrow: c.rarrow,
            ltop: c.ltop,
            lbot: c.lbot,
            lcross: c.lcross,
            rcross: c.rcross,
            underbar: c.underbar,
            underline: c.underline,
            hbars: Run::new(c.hbar),
            underlines: Run::new(c.underline),
            error: severity(paint!(s.error), &c.error),
            warning: severity(paint!(s.warning), &c.warning),
            advice: severity(paint!(s.advice), &c.advice),
            help_first_width: display_width(&help_first),
            help_first,
            link: paint!(s.link),
            linum: paint!(s.linum),
            highlights: s.highlights.iter().map(|h| paint!(h)).collect(),
        }
    }
}

/// A label as miette's `FancySpan`: text (unstyled), byte span, style.
#[derive(Debug)]
struct Label<'a> {
    text: Option<&'a str>,
    offset: usize,
    len: usize,
    primary: bool,
    paint: &'a Paint,
}

impl Label<'_> {
    fn end(&self) -> usize {
        self.offset + self.len
    }
}

/// The labels of a finding as `FindingDiagnostic` gives them to miette, in miette's order (by
/// offset), each with its highlight style.
fn labels<'a>(text: &str, f: &'a Finding, theme: &'a Theme) -> Option<Vec<Label<'a>>> {
    let plain = theme.highlights.first()?;
    let span = |s: Span| {
        let start = s.start.min(text.len());
        (start, s.end.clamp(start, text.len()) - start)
    };
    let (offset, len) = span(f.span);
    let mut labels = Vec::with_capacity(1 + f.labels.len());
    labels.push(Label { text: None, offset, len, primary: true, paint: plain });
    for l in &f.labels {
        let (offset, len) = span(l.span);
        labels.push(Label { text: Some(&l.message), offset, len, primary: false, paint: plain });
    }
    if labels.iter().any(|l| !text.is_char_boundary(l.offset) || !text.is_char_boundary(l.end())) {
        return None;
    }
    labels.sort_by_key(|l| l.offset);
    if labels.windows(2).any(|w| matches!(w, [a, b] if a.offset == b.offset)) {
        return None;
    }
    for (label, paint) in labels.iter_mut().zip(theme.highlights.iter().cycle()) {
        label.paint = paint;
    }
    Some(labels)
}

/// The indents of a wrapped text: the first line's (and its width) and the others'.
struct Indents<'a> {
    first: &'a str,
    first_width: usize,
    rest: &'a str,
}

/// Append `text` wrapped to `width` as `textwrap::fill` wraps it for miette (options: the
/// indents, `WordSeparator::AsciiSpace`, the hyphen splitter, broken words, first fit). `None`
/// when a word to break holds an escape sequence.
fn fill(out: &mut String, text: &str, width: usize, indents: &Indents<'_>) -> Option<()> {
    let mut filler = Filler {
        out,
        first: indents.first,
        rest: indents.rest,
        first_width: width.saturating_sub(indents.first_width),
        rest_width: width.saturating_sub(display_width(indents.rest)),
        started: false,
    };
    for line in text.split('\n') {
        filler.paragraph(line)?;
    }
    Some(())
}

/// textwrap's `wrap_single_line_slow_path` and `wrap_first_fit`, streamed: fragments go onto
/// the current line while they fit.
struct Filler<'a, 'o> {
    out: &'o mut String,
    first: &'a str,
    rest: &'a str,
    first_width: usize,
    rest_width: usize,
    /// Whether a line was written (the first gets the first indent).
    started: bool,
}

/// The line being filled, as byte offsets into the paragraph.
struct Fill {
    /// Where the current line starts.
    start: usize,
    /// The end of the last fragment on it, and of the spaces after that fragment.
    last_end: usize,
    last_spaces_end: usize,
    /// Its width so far (words and spaces).
    width: usize,
    /// Lines of the paragraph already written.
    lines: usize,
}

impl Filler<'_, '_> {
    /// One line of the text (between `\n`s).
    fn paragraph(&mut self, line: &str) -> Option<()> {
        // textwrap puts an empty word first (the indent is not empty): the state as if it had
        // been placed.
        let mut fill = Fill { start: 0, last_end: 0, last_spaces_end: 0, width: 0, lines: 0 };
        let bytes = line.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let rest = bytes.get(start..)?;
            let end = start + rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
            let spaces_end = end + bytes.get(end..)?.iter().take_while(|&&b| b == b' ').count();
            self.word(line, &mut fill, start, end, spaces_end)?;
            start = spaces_end;
        }
        self.emit(line.get(fill.start..fill.last_end)?);
        Some(())
    }

    /// A word and the spaces after it: split after each hyphen between two alphanumerics.
    fn word(&mut self, line: &str, fill: &mut Fill, start: usize, end: usize, spaces_end: usize) -> Option<()> {
        let word = line.get(start..end)?;
        let mut piece = start;
        if word.bytes().any(|b| b == b'-') {
            for (i, _) in word.match_indices('-') {
                let before = word.get(..i)?.chars().next_back();
                let after = word.get(i + 1..)?.chars().next();
                if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric) {
                    let split = start + i + 1;
                    self.piece(line, fill, piece, split, split)?;
                    piece = split;
                }
            }
        }
        self.piece(line, fill, piece, end, spaces_end)
    }

    /// A piece of a word: broken into pieces that fit a line when it is wider.
    fn piece(&mut self, line: &str, fill: &mut Fill, start: usize, end: usize, spaces_end: usize) -> Option<()> {
        let piece = line.get(start..end)?;
        let width = wrap_width(piece);
        if width <= self.rest_width {
            return self.fragment(line, fill, (start, end, spaces_end), width);
        }
        if piece.contains('\x1b') {
            return None;
        }
        let mut from = start;
        let mut acc = 0;
        let mut buf = [0; 4];
        for (i, c) in piece.char_indices() {
            let w = display_width(c.encode_utf8(&mut buf));
            if acc > 0 && acc + w > self.rest_width {
                self.fragment(line, fill, (from, start + i, start + i), acc)?;
                from = start + i;
                acc = w;
            } else {
                acc += w;
            }
        }
        if from < end {
            self.fragment(line, fill, (from, end, spaces_end), acc)?;
        }
        Some(())
    }

    /// Place a fragment (`start..end`, then spaces up to `spaces_end`) of the given width.
    fn fragment(
        &mut self,
        line: &str,
        fill: &mut Fill,
        (_, end, spaces_end): (usize, usize, usize),
        width: usize,
    ) -> Option<()> {
        let line_width = if fill.lines == 0 { self.first_width } else { self.rest_width };
        if fill.width + width > line_width {
            self.emit(line.get(fill.start..fill.last_end)?);
            fill.lines += 1;
            fill.start = fill.last_spaces_end;
            fill.width = 0;
        }
        fill.width += width + (spaces_end - end);
        fill.last_end = end;
        fill.last_spaces_end = spaces_end;
        Some(())
    }

    fn emit(&mut self, s: &str) {
        if self.started {
            self.out.push('\n');
            self.out.push_str(self.rest);
        } else {
            self.out.push_str(self.first);
            self.started = true;
        }
        self.out.push_str(s);
    }
}

/// textwrap's `display_width` (unicode-width 0.2, escape sequences zero), with shortcuts for
/// ASCII and Vietnamese letters (checked against it by a test).
fn wrap_width(s: &str) -> usize {
    let mut width = 0;
    for c in s.chars() {
        width += match c {
            ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}' => 1,
            '\u{300}'..='\u{36f}' => 0,
            _ => return display_width(s),
        };
    }
    width
}

/// What miette's `read_span(span, 1, 1)` answers for a span: the whole lines from the one
/// before the span to the one after it, as a byte range, and miette's `line()` and
/// `line_count()` (which counts the line ends from the start of the text to the window's end).
#[derive(Debug, Clone, Copy)]
struct Window {
    end: usize,
    line: usize,
    line_count: usize,
}

/// The window of a span, or `None` when it holds a lone `\r` (miette reads it as a line end
/// there, and as text when it cuts lines), when the span ends between the `\r` and the `\n` of
/// a line end, or when it does not fit the text.
fn window(text: &str, lines: &LineIndex, offset: usize, len: usize) -> Option<Window> {
    if offset + len > text.len() {
        return None;
    }
    let first = lines.line_index(offset).saturating_sub(1);
    let start = lines.line_start(first + 1)?;
    // miette counts a line end as after the span when it comes after the span's last byte (the
    // byte before the span, for an empty one), and stops after the second such line end.
    let last = (offset + len).saturating_sub(1);
    if text.as_bytes().get(last) == Some(&b'\r') {
        return None;
    }
    let after = lines.line_index(last + 1);
    let (end, line_count) = match lines.line_start(after + 3) {
        Some(end) => (end, after + 2),
        None => (text.len(), lines.line_count() - 1),
    };
    let bytes = text.as_bytes().get(start..end)?;
    if bytes.contains(&b'\r') && bytes.iter().enumerate().any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        return None;
    }
    Some(Window { end, line: first, line_count })
}

/// miette's `render_snippets`: the labels grouped into windows, each drawn.
fn snippets(
    out: &mut String,
    src: &NamedText,
    text: &str,
    labels: &[Label<'_>],
    theme: &Theme,
    grouping: Grouping,
) -> Option<()> {
    let lines = src.lines();
    let mut contexts: Vec<(usize, usize, Window)> = Vec::with_capacity(labels.len());
    for label in labels {
        let right = window(text, lines, label.offset, label.len)?;
        // `line` is the 0-based index of a window's first line, `line_count` the 1-based number
        // of its last: their difference is the number of lines between two windows.
        let shared = |left: &Window| match grouping {
            Grouping::Nearby => right.line <= left.line_count + NEARBY_GAP,
            Grouping::Miette => left.line + left.line_count >= right.line,
        };
        match contexts.last_mut() {
            Some((offset, len, left)) if shared(left) => {
                let merged = (*offset + *len).max(label.end()) - *offset;
                *left = window(text, lines, *offset, merged)?;
                *len = merged;
            }
            _ => contexts.push((label.offset, label.len, right)),
        }
    }
    for (offset, len, window) in contexts {
        context(out, src, text, (offset, offset + len), window, labels, theme)?;
    }
    Some(())
}

/// A line of a window, as miette's `get_lines` cuts it: its text without the line end; its
/// length with it.
#[derive(Debug)]
struct Line<'a> {
    number: usize,
    offset: usize,
    length: usize,
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.offset + self.length
    }

    /// `span_line_only`: the label starts and ends on this line.
    fn only(&self, l: &Label<'_>) -> bool {
        l.offset >= self.offset && l.end() <= self.end()
    }

    /// `span_applies`: the label shows on this line.
    fn applies(&self, l: &Label<'_>) -> bool {
        let end = l.offset + l.len.max(1);
        (l.offset >= self.offset && l.offset < self.end())
            || (l.offset < self.offset && end > self.end())
            || (end > self.offset && end <= self.end())
    }

    /// `span_applies_gutter`: the label shows in the gutter of this line.
    fn applies_gutter(&self, l: &Label<'_>) -> bool {
        let end = l.offset + l.len.max(1);
        self.applies(l)
            && !((l.offset >= self.offset && l.offset < self.end()) && (end > self.offset && end <= self.end()))
    }

    /// `span_flyby`: the label runs through this line.
    fn flyby(&self, l: &Label<'_>) -> bool {
        l.offset < self.offset && l.end() > self.end()
    }

    /// `span_starts`.
    fn starts(&self, l: &Label<'_>) -> bool {
        l.offset >= self.offset
    }

    /// `span_ends`.
    fn ends(&self, l: &Label<'_>) -> bool {
        l.end() >= self.offset && l.end() <= self.end()
    }
}

/// How a label line is drawn (miette's `LabelRenderMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    SingleLine,
    MultiLineFirst,
    MultiLineRest,
}

/// miette's `render_context`: one window of the text with its labels.
fn context(
    out: &mut String,
    src: &NamedText,
    text: &str,
    (start, end): (usize, usize),
    window: Window,
    labels: &[Label<'_>],
    theme: &Theme,
) -> Option<()> {
    let lines = window_lines(src.lines(), text, window)?;
    let inside = labels.iter().filter(|l| start <= l.offset && l.end() <= end);
    let primary = inside.clone().find(|l| l.primary).or_else(|| inside.clone().next());
    let gutter = lines
        .iter()
        .map(|line| labels.iter().filter(|l| !line.only(l) && line.applies_gutter(l)).count())
        .max()
        .unwrap_or(0);
    let linum_width = digits(lines.last().map_or(0, |l| l.number));

    // Header: `╭─[name:line:column]`.
    spaces(out, linum_width + 2);
    out.push(theme.ltop);
    out.push(theme.hbar);
    let (line, column) = match primary {
        Some(label) => {
            let at = src.lines().line_col(text, label.offset);
            (at.line, at.column)
        }
        None => (window.line + 1, 1),
    };
    out.push('[');
    theme.link.open(out);
    let _ = write!(out, "{}:{line}:{column}", src.name());
    theme.link.close(out);
    out.push_str("]\n");

    let mut single = Vec::new();
    for line in &lines {
        linum(out, linum_width, line.number, theme);
        line_gutter(out, gutter, line, labels, theme);
        line_text(out, line.text);
        single.clear();
        single.extend(labels.iter().filter(|l| line.applies(l) && line.only(l)));
        if !single.is_empty() {
            no_linum(out, linum_width, theme);
            highlight_gutter(out, gutter, line, labels, Mode::SingleLine, theme);
            single_line_highlights(out, line, linum_width, gutter, &single, labels, theme)?;
        }
        for label in labels.iter().filter(|l| line.applies(l) && !line.only(l)) {
            match label.text {
                Some(text) if line.ends(label) && !line.starts(label) => {
                    multi_line_end(out, labels, gutter, linum_width, line, label, text, theme);
                }
                _ => {}
            }
        }
    }
    spaces(out, linum_width + 2);
    out.push(theme.lbot);
    theme.hbars.push(out, 4);
    out.push('\n');
    Some(())
}

/// The lines of a window (ended by `\n` or `\r\n`: `window` refuses a lone `\r`).
fn window_lines<'a>(index: &LineIndex, text: &'a str, window: Window) -> Option<Vec<Line<'a>>> {
    let mut lines = Vec::new();
    let mut line = window.line;
    while let Some(start) = index.line_start(line + 1).filter(|&start| start < window.end) {
        let end = index.line_start(line + 2).unwrap_or(text.len()).min(window.end);
        let with_end = text.get(start..end)?;
        lines.push(Line {
            number: line + 1,
            offset: start,
            length: end - start,
            text: with_end.strip_suffix('\n').map_or(with_end, |t| t.strip_suffix('\r').unwrap_or(t)),
        });
        line += 1;
    }
    Some(lines)
}

/// A character repeated: pushed a slice at a time rather than a character at a time.
#[derive(Debug)]
struct Run {
    /// The character 64 times.
    chunk: String,
    /// Its length in bytes.
    len: usize,
}

impl Run {
    const CHUNK: usize = 64;

    fn new(c: char) -> Self {
        Run { chunk: std::iter::repeat_n(c, Self::CHUNK).collect(), len: c.len_utf8() }
    }

    fn push(&self, out: &mut String, mut n: usize) {
        while n > 0 {
            let take = n.min(Self::CHUNK);
            out.push_str(self.chunk.get(..take * self.len).unwrap_or_default());
            n -= take;
        }
    }
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

fn spaces(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut n = n;
    while n > 0 {
        let take = n.min(SPACES.len());
        out.push_str(SPACES.get(..take).unwrap_or_default());
        n -= take;
    }
}

/// `write_linum`: ` 12 │ `.
fn linum(out: &mut String, width: usize, n: usize, theme: &Theme) {
    out.push(' ');
    theme.linum.open(out);
    spaces(out, width.saturating_sub(digits(n)));
    let _ = write!(out, "{n}");
    theme.linum.close(out);
    out.push(' ');
    out.push(theme.vbar);
    out.push(' ');
}

/// `write_no_linum`: `    · `.
fn no_linum(out: &mut String, width: usize, theme: &Theme) {
    spaces(out, width + 2);
    out.push(theme.vbar_break);
    out.push(' ');
}

/// `render_line_gutter`: the gutter of a text line (multi-line labels starting, running, ending).
fn line_gutter(out: &mut String, max: usize, line: &Line<'_>, labels: &[Label<'_>], theme: &Theme) {
    if max == 0 {
        return;
    }
    let mut gutter = String::new();
    let mut arrow = false;
    for (i, label) in labels.iter().filter(|l| line.applies_gutter(l)).enumerate() {
        let corner = if line.starts(label) {
            Some(theme.ltop)
        } else if line.ends(label) {
            Some(if label.text.is_some() { theme.lcross } else { theme.lbot })
        } else {
            None
        };
        if let Some(corner) = corner {
            label.paint.char(&mut gutter, corner);
            label.paint.repeat(&mut gutter, &theme.hbars, max.saturating_sub(i));
            label.paint.char(&mut gutter, theme.rarrow);
            arrow = true;
            break;
        } else if line.flyby(label) {
            label.paint.char(&mut gutter, theme.vbar);
        } else {
            gutter.push(' ');
        }
    }
    // miette counts the characters of the styled gutter, escape codes included.
    let pad = if arrow { 1 } else { 3 } + max.saturating_sub(gutter.chars().count());
    out.push_str(&gutter);
    spaces(out, pad);
}

/// `render_highlight_gutter`: the gutter of an underline or label line.
fn highlight_gutter(out: &mut String, max: usize, line: &Line<'_>, labels: &[Label<'_>], mode: Mode, theme: &Theme) {
    if max == 0 {
        return;
    }
    let mut columns = 0;
    for (i, label) in labels.iter().filter(|l| line.applies_gutter(l)).enumerate() {
        if !line.only(label) && line.ends(label) {
            let n = max.saturating_sub(i) + 2;
            if mode == Mode::MultiLineRest {
                spaces(out, n);
            } else {
                label.paint.char(out, theme.lbot);
                let bars = if mode == Mode::MultiLineFirst { n.saturating_sub(1) } else { n };
                label.paint.repeat(out, &theme.hbars, bars);
            }
            columns += n + 1;
            break;
        }
        label.paint.char(out, theme.vbar);
        columns += 1;
    }
    spaces(out, (max + 3).saturating_sub(columns));
}

/// miette's `line_visual_char_width` for one character at `column`: tabs to the next tab stop,
/// escape sequences (up to `m`) zero, others by their Unicode width.
fn char_width(c: char, column: usize, escaped: &mut bool) -> usize {
    match (*escaped, c) {
        (false, '\t') => TAB_WIDTH - column % TAB_WIDTH,
        (false, '\x1b') => {
            *escaped = true;
            0
        }
        (false, c) => run_width(c.encode_utf8(&mut [0; 4])),
        (true, 'm') => {
            *escaped = false;
            0
        }
        (true, _) => 0,
    }
}

/// The width of a run of text without tabs or escapes, as `char_width` adds it up.
fn run_width(run: &str) -> usize {
    run.chars()
        .map(|c| match c {
            ' '..='~' => 1,
            // Vietnamese letters, precomposed or decomposed (checked against the table by a test).
            '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{1e00}'..='\u{1eff}' => 1,
            '\u{300}'..='\u{36f}' => 0,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

/// The visual width of a snippet line's text.
fn text_width(text: &str) -> usize {
    if text.contains('\x1b') {
        let mut column = 0;
        let mut escaped = false;
        for c in text.chars() {
            column += char_width(c, column, &mut escaped);
        }
        return column;
    }
    advance(0, text)
}

/// The column after `text` (without escapes) when it starts at `column`.
fn advance(mut column: usize, text: &str) -> usize {
    for (i, run) in text.split('\t').enumerate() {
        if i > 0 {
            column += TAB_WIDTH - column % TAB_WIDTH;
        }
        column += run_width(run);
    }
    column
}

/// `render_line_text`: the line, tabs expanded, and a line end.
fn line_text(out: &mut String, text: &str) {
    if !text.contains('\t') {
        out.push_str(text);
    } else if text.contains('\x1b') {
        let mut column = 0;
        let mut escaped = false;
        for c in text.chars() {
            let width = char_width(c, column, &mut escaped);
            column += width;
            if c == '\t' {
                spaces(out, width);
            } else {
                out.push(c);
            }
        }
    } else {
        let mut column = 0;
        let mut runs = text.split('\t').peekable();
        while let Some(run) = runs.next() {
            out.push_str(run);
            if runs.peek().is_some() {
                column += run_width(run);
                let tab = TAB_WIDTH - column % TAB_WIDTH;
                spaces(out, tab);
                column += tab;
            }
        }
    }
    out.push('\n');
}

/// The index of a line's text that miette's `visual_offset` measures up to, for a byte offset
/// of the line (rounded to a character boundary towards the label's inside).
fn visual_index(line: &Line<'_>, offset: usize, start: bool) -> Option<usize> {
    if offset < line.offset || offset > line.end() {
        return None;
    }
    let mut index = offset - line.offset;
    while index <= line.text.len() && !line.text.is_char_boundary(index) {
        if start {
            index = index.checked_sub(1)?;
        } else {
            index += 1;
        }
    }
    Some(index)
}

/// miette's `visual_offset` of a label's start and end on a line: the width of the text before
/// each; one past the text for an offset past its end (the line end).
fn visual_span(line: &Line<'_>, label: &Label<'_>) -> Option<(usize, usize)> {
    let text = line.text;
    let past = |index: usize, width: usize| if index > text.len() { width + 1 } else { width };
    let from = visual_index(line, label.offset, true)?;
    let width = text_width(text.get(..from.min(text.len()))?);
    let to = visual_index(line, label.end(), false)?;
    let end_width = match text.get(from.min(text.len())..to.min(text.len())) {
        // Measure on from the start rather than again from the line's start.
        Some(between) if !text.contains('\x1b') => advance(width, between),
        _ => text_width(text.get(..to.min(text.len()))?),
    };
    Some((past(from, width), past(to, end_width)))
}

/// `render_single_line_highlights`: the underlines of the labels on one line, then their texts
/// from the last to the first.
fn single_line_highlights(
    out: &mut String,
    line: &Line<'_>,
    linum_width: usize,
    gutter: usize,
    single: &[&Label<'_>],
    labels: &[Label<'_>],
    theme: &Theme,
) -> Option<()> {
    let mut highest = 0;
    let mut bars: Vec<(usize, usize, &Paint)> = Vec::with_capacity(single.len());
    for label in single {
        let (start, end) = visual_span(line, label)?;
        let start = start.max(highest);
        let end = if label.len == 0 { start + 1 } else { end.max(start + 1) };
        let bar = (start + end) / 2;
        let mid = if label.len == 0 {
            theme.uarrow
        } else if label.text.is_some() {
            theme.underbar
        } else {
            theme.underline
        };
        label.paint.open(out);
        spaces(out, start.saturating_sub(highest));
        theme.underlines.push(out, bar - start);
        out.push(mid);
        theme.underlines.push(out, (end - bar).saturating_sub(1));
        label.paint.close(out);
        highest = highest.max(end);
        bars.push((label.offset, bar, label.paint));
    }
    out.push('\n');
    for label in single.iter().rev() {
        let Some(text) = label.text else { continue };
        let parts = text.split('\n').count();
        for (n, part) in text.split('\n').enumerate() {
            let mode = match n {
                _ if parts == 1 => Mode::SingleLine,
                0 => Mode::MultiLineFirst,
                _ => Mode::MultiLineRest,
            };
            label_text(out, line, linum_width, gutter, labels, &bars, label, part, mode, theme);
        }
    }
    Some(())
}

/// `write_label_text`: one line of a label's text, after the bars of the labels left of it.
#[allow(clippy::too_many_arguments, reason = "a port of miette's function of the same shape")]
fn label_text(
    out: &mut String,
    line: &Line<'_>,
    linum_width: usize,
    gutter: usize,
    labels: &[Label<'_>],
    bars: &[(usize, usize, &Paint)],
    label: &Label<'_>,
    part: &str,
    mode: Mode,
    theme: &Theme,
) {
    no_linum(out, linum_width, theme);
    highlight_gutter(out, gutter, line, labels, Mode::SingleLine, theme);
    let mut column = 1;
    for &(offset, bar, paint) in bars {
        while column < bar + 1 {
            out.push(' ');
            column += 1;
        }
        // Offsets are unique (see `labels`): another offset is another label.
        if offset != label.offset {
            paint.char(out, theme.vbar);
            column += 1;
        } else {
            label.paint.open(out);
            match mode {
                Mode::SingleLine => {
                    out.push(theme.lbot);
                    out.push(theme.hbar);
                    out.push(theme.hbar);
                }
                Mode::MultiLineFirst => {
                    out.push(theme.lbot);
                    out.push(theme.hbar);
                    out.push(theme.rcross);
                }
                Mode::MultiLineRest => {
                    out.push_str("  ");
                    out.push(theme.vbar);
                }
            }
            out.push(' ');
            label.paint.str(out, part);
            label.paint.close(out);
            out.push('\n');
            break;
        }
    }
}

/// `render_multi_line_end`: the text of a multi-line label, where it ends.
#[allow(clippy::too_many_arguments, reason = "a port of miette's function of the same shape")]
fn multi_line_end(
    out: &mut String,
    labels: &[Label<'_>],
    gutter: usize,
    linum_width: usize,
    line: &Line<'_>,
    label: &Label<'_>,
    text: &str,
    theme: &Theme,
) {
    no_linum(out, linum_width, theme);
    let mut parts = text.split('\n');
    let first = parts.next().unwrap_or_default();
    let mut rest = parts.peekable();
    let (mode, mark) =
        if rest.peek().is_none() { (Mode::SingleLine, theme.hbar) } else { (Mode::MultiLineFirst, theme.rcross) };
    highlight_gutter(out, gutter, line, labels, mode, theme);
    label.paint.char(out, mark);
    out.push(' ');
    label.paint.str(out, first);
    out.push('\n');
    for part in rest {
        no_linum(out, linum_width, theme);
        highlight_gutter(out, gutter, line, labels, Mode::MultiLineRest, theme);
        label.paint.char(out, theme.vbar);
        out.push(' ');
        label.paint.str(out, part);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcuts_of_wrap_width_agree_with_textwrap() {
        for c in ('\0'..=char::MAX).filter(|&c| c != '\x1b') {
            let s = c.encode_utf8(&mut [0; 4]).to_owned();
            assert_eq!(wrap_width(&s), display_width(&s), "{c:?}");
        }
        let mixed = "Kế hoạch số 141/KH-UBND\u{1b}[1m đậm\u{1b}[0m ✓ 中文";
        assert_eq!(wrap_width(mixed), display_width(mixed));
    }

    #[test]
    fn the_shortcuts_of_run_width_agree_with_the_width_table() {
        for c in '\0'..=char::MAX {
            assert_eq!(run_width(c.encode_utf8(&mut [0; 4])), c.width().unwrap_or(0), "{c:?}");
        }
    }
}
