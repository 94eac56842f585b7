//! Physical lines → classified lines → document elements.
//!
//! Text converted from Word or PDF is hard-wrapped, has page gaps in the middle of sentences,
//! Markdown decoration, and tables as tab- or pipe-separated rows split by page breaks. This pass
//! undoes that: it joins wrapped lines and page-gap continuations into paragraphs, recognizes
//! numbered headings, bullets and numbered items, and groups table rows.

use super::headings::{HeadingMatch, parse_heading};
use super::mapped::{Mapped, Stops};

/// One physical line of the normalized text.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// 0-based line number.
    pub(super) idx: usize,
    /// Normalized-text offset of the line start.
    pub(super) start: usize,
    /// Normalized-text offset of the line end (before `\n`).
    pub(super) end: usize,
    pub(super) kind: LineKind,
    /// Characters of white space before the text (a tab counts as 8): in PDF text laid out by
    /// position, how far right a line starts tells which column it belongs to.
    pub(super) indent: u32,
    /// Whether the line leaves a Markdown emphasis (`**…`, `*…`) open: the lines up to the one
    /// that closes it are the same paragraph, whatever they look like (`**II. NHIỆM VỤ` ⏎
    /// `CHỦ YẾU**`).
    pub(super) opens: bool,
}

#[derive(Debug, Clone)]
pub(super) enum LineKind {
    Blank,
    /// Cleaned text.
    Text(Mapped),
    /// Cells of a tab- or pipe-separated row, cleaned.
    Row(Vec<Mapped>),
    /// Parts of a line separated by wide runs of spaces: columns of a page laid out by position
    /// (`Số: 118/KH-UBND        Tân Phú, ngày 09 tháng 4 năm 2026`). The header and closing
    /// blocks read them as cells; in the body they are one line of text.
    Columns(Vec<Mapped>),
}

/// How many spaces in a row separate two columns of a line laid out by position.
const COLUMN_GAP: usize = 3;

impl Line {
    pub(super) fn text(&self) -> Option<&Mapped> {
        match &self.kind {
            LineKind::Text(m) => Some(m),
            _ => None,
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        matches!(self.kind, LineKind::Blank)
    }
}

/// Split and classify the lines of a normalized text.
pub(super) fn lines(text: &str) -> Vec<Line> {
    // Plans have a line every 50 bytes or so; a guess on the large side spares a count.
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut start = 0;
    let stops = Stops::of(text);
    const GAP: &str = "   ";
    const _: () = assert!(GAP.len() == COLUMN_GAP);
    let finders = Finders { gap: memchr::memmem::Finder::new(GAP), bar: memchr::memmem::Finder::new(" | ") };
    let bytes = text.as_bytes();
    // Line feeds and tabs in one search: a line knows whether it is a tab-separated row.
    let mut tab = false;
    let mut idx = 0;
    for at in memchr::memchr2_iter(b'\n', b'\t', bytes).chain(std::iter::once(text.len())) {
        if bytes.get(at) == Some(&b'\t') {
            tab = true;
            continue;
        }
        let raw = text.get(start..at).unwrap_or_default();
        out.push(Line {
            idx,
            start,
            end: at,
            kind: classify(text, start, at, &stops, tab, &finders),
            indent: indent_of(raw),
            // Only a line with a stop can have an emphasis (`*`, `_`) or a wide gap.
            opens: stops.any_in(start, at) && opens_emphasis(raw),
        });
        (start, tab, idx) = (at + 1, false, idx + 1);
    }
    // Before page numbers are dropped: a cell may hold only a number (`|` ⏎ `1` ⏎ `|`).
    pipe_cell_tables(text, &mut out);
    let pages = drop_page_numbers(&mut out);
    drop_running_lines(&mut out, pages);
    out
}

/// Tables some converters write one cell per block, between lines holding only `|`: a row opens
/// with `|`, its cells are separated by `|`, and it closes with `|` (two `|` lines in a row end
/// one row and open the next). Each row becomes a row of cells on the line of its first cell;
/// the other lines of the row become blank.
fn pipe_cell_tables(text: &str, lines: &mut [Line]) {
    let is_pipe = |l: &Line| text.get(l.start..l.end).is_some_and(|r| r.trim() == "|");
    // The number of cells of the table's first row, while a table goes on.
    let mut width: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if !lines.get(i).is_some_and(is_pipe) {
            if lines.get(i).is_some_and(|l| !l.is_blank()) {
                width = None;
            }
            i += 1;
            continue;
        }
        // A row: from the opening `|` to the `|` after its last cell.
        let mut cells: Vec<Mapped> = Vec::new();
        let mut cell = Mapped::default();
        let mut first_line: Option<usize> = None;
        let mut j = i + 1;
        let mut closed = false;
        while j < lines.len() {
            let Some(line) = lines.get(j) else { break };
            if is_pipe(line) {
                cells.push(std::mem::take(&mut cell));
                let next = (j + 1..lines.len()).find(|&k| lines.get(k).is_some_and(|l| !l.is_blank() || is_pipe(l)));
                let next_is_pipe = next.and_then(|k| lines.get(k)).is_some_and(is_pipe);
                let full = width.is_some_and(|w| cells.len() >= w);
                // The first row ends where two `|` lines meet; the next ones once they have as
                // many cells (two `|` lines in a row inside them are an empty cell).
                if full
                    || (width.is_none() && next_is_pipe)
                    || next.is_none()
                    || (!next_is_pipe && row_ends_here(lines, j))
                {
                    closed = true;
                    j += 1;
                    break;
                }
            } else {
                match &line.kind {
                    LineKind::Text(m) => {
                        cell.join(m);
                        first_line.get_or_insert(j);
                    }
                    LineKind::Row(cs) | LineKind::Columns(cs) => {
                        for c in cs {
                            cell.join(c);
                        }
                        first_line.get_or_insert(j);
                    }
                    LineKind::Blank => {}
                }
            }
            j += 1;
        }
        if !closed || cells.iter().filter(|c| !c.is_empty()).count() < 2 {
            width = None;
            i += 1;
            continue;
        }
        width.get_or_insert(cells.len());
        let end = j.min(lines.len());
        for line in lines.get_mut(i..end).unwrap_or_default() {
            line.kind = LineKind::Blank;
        }
        if let Some(line) = first_line.and_then(|k| lines.get_mut(k)) {
            line.kind = LineKind::Row(cells);
        }
        i = end;
    }
}

/// Whether the `|` at `at` closes its row although text follows: the text is the start of a
/// block of its own (a blank line or more before it).
fn row_ends_here(lines: &[Line], at: usize) -> bool {
    lines.get(at + 1).is_some_and(Line::is_blank)
}

/// Classify the line `[start, end)`; `tab` tells whether it has a tab.
/// The searches of every line, built once for a text.
struct Finders {
    /// A run of [`COLUMN_GAP`] spaces.
    gap: memchr::memmem::Finder<'static>,
    /// ` | ` between cells joined by a converter.
    bar: memchr::memmem::Finder<'static>,
}

fn classify(text: &str, start: usize, end: usize, stops: &Stops, tab: bool, finders: &Finders) -> LineKind {
    let raw = text.get(start..end).unwrap_or_default();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return LineKind::Blank;
    }
    if trimmed.starts_with('|') {
        if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+' | '=')) {
            return LineKind::Blank;
        }
        return LineKind::Row(pipe_cells(text, start, end, stops));
    }
    if tab {
        let tabs = memchr::memchr_iter(b'\t', raw.as_bytes()).map(|i| start + i);
        let mut cells = Vec::with_capacity(memchr::memchr_iter(b'\t', raw.as_bytes()).count() + 1);
        let mut cell_start = start;
        for cell_end in tabs.chain(std::iter::once(end)) {
            cells.push(Mapped::clean_in(text, cell_start, cell_end, stops));
            cell_start = cell_end + 1;
        }
        return LineKind::Row(cells);
    }
    // A run of three spaces starts with a stop (the first byte of each run of two).
    let gaps = stops.any_in(start, end).then(|| split_columns(text, start, end, stops, &finders.gap, true)).flatten();
    let bars = || {
        memchr::memchr(b'|', text.get(start..end)?.as_bytes())?;
        split_columns(text, start, end, stops, &finders.bar, false)
    };
    if let Some(cols) = gaps.or_else(bars) {
        return LineKind::Columns(cols);
    }
    let clean = Mapped::clean_in(text, start, end, stops);
    if clean.text.is_empty() || is_rule(&clean.text) { LineKind::Blank } else { LineKind::Text(clean) }
}

/// The columns of a line cut at a separator `finder` finds: a run of [`COLUMN_GAP`] or more
/// spaces (`wide`: the whole run is the gap), or ` | ` between cells a converter joined (a Word
/// table row exported as text: `Số: /KH-UBND |  | Lào Cai, ngày …`).
fn split_columns(
    text: &str,
    start: usize,
    end: usize,
    stops: &Stops,
    finder: &memchr::memmem::Finder<'_>,
    wide: bool,
) -> Option<Vec<Mapped>> {
    let raw = text.get(start..end)?;
    let body_start = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    finder.find(body.as_bytes())?;
    let sep_len = finder.needle().len();
    let mut cols = Vec::new();
    let mut at = body_start;
    let body_end = body_start + body.len();
    while at < body_end {
        let rest = raw.get(at..body_end)?;
        let (cell_end, next) = match finder.find(rest.as_bytes()) {
            Some(i) => {
                let after = rest.get(i + sep_len..)?;
                let run = if wide { after.len() - after.trim_start_matches(' ').len() } else { 0 };
                (at + i, at + i + sep_len + run)
            }
            None => (body_end, body_end),
        };
        let cell = Mapped::clean_in(text, start + at, start + cell_end, stops);
        if !cell.is_empty() {
            cols.push(cell);
        }
        at = next;
    }
    (cols.len() >= 2).then_some(cols)
}

/// Leading white space of a raw line, in characters (a tab counts as 8).
fn indent_of(raw: &str) -> u32 {
    let mut n: u32 = 0;
    for c in raw.chars() {
        match c {
            '\t' => n = n.saturating_add(8),
            c if c.is_whitespace() => n = n.saturating_add(1),
            _ => break,
        }
    }
    n
}

/// Whether a raw line has an odd number of Markdown emphasis delimiters (runs of `*`, and `__`)
/// that touch text: it opens an emphasis that a later line closes. A leading `* ` bullet and a
/// star between spaces (`5 * 3`) are not delimiters.
fn opens_emphasis(raw: &str) -> bool {
    if memchr::memchr2(b'*', b'_', raw.as_bytes()).is_none() {
        return false;
    }
    let t = raw.trim();
    let t = t.strip_prefix("* ").unwrap_or(t);
    let bytes = t.as_bytes();
    let mut runs = 0u32;
    // Where the last run read ends: the stars and underscores inside it are read.
    let mut next = 0;
    for i in memchr::memchr2_iter(b'*', b'_', bytes) {
        if i < next {
            continue;
        }
        let b = bytes.get(i).copied().unwrap_or(0);
        let escaped = i > 0 && bytes.get(i - 1) == Some(&b'\\');
        if (b == b'*' || (b == b'_' && bytes.get(i + 1) == Some(&b'_'))) && !escaped {
            let len = bytes.get(i..).map_or(0, |r| r.iter().take_while(|&&c| c == b).count());
            let before = i.checked_sub(1).and_then(|k| bytes.get(k)).is_none_or(u8::is_ascii_whitespace);
            let after = bytes.get(i + len).is_none_or(u8::is_ascii_whitespace);
            if !(before && after) {
                runs += 1;
            }
            next = i + len;
        }
    }
    runs % 2 == 1
}

fn is_rule(t: &str) -> bool {
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '*' | ' '))
}

fn pipe_cells(text: &str, start: usize, end: usize, stops: &Stops) -> Vec<Mapped> {
    let raw = text.get(start..end).unwrap_or_default();
    let mut cells = Vec::new();
    let mut cell_start = None;
    let mut prev = '\0';
    for (i, c) in raw.char_indices() {
        if c == '|' && prev != '\\' {
            if let Some(s) = cell_start {
                cells.push(Mapped::clean_in(text, start + s, start + i, stops));
            }
            cell_start = Some(i + 1);
        }
        prev = c;
    }
    if let Some(s) = cell_start {
        let rest = raw.get(s..).unwrap_or_default();
        if !rest.trim().is_empty() {
            cells.push(Mapped::clean_in(text, start + s, end, stops));
        }
    }
    cells
}

/// Indentation from which a line holding only a number is a page number wherever it stands.
const PAGE_NUMBER_INDENT: u32 = 20;

/// A line holding only a page number between blank lines is a conversion artefact, and so is a
/// page marker an OCR or PDF tool writes (`===== Trang 2 =====`). Returns how many pages they
/// mark.
fn drop_page_numbers(lines: &mut [Line]) -> usize {
    let is_page_number = |t: &str| {
        let core = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
        let core = core.strip_prefix("Trang ").unwrap_or(core);
        !core.is_empty() && core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit())
    };
    let is_page_marker = |t: &str| {
        let core = t.trim_matches(|c: char| c == '=' || c.is_whitespace());
        t.trim_start().starts_with("===")
            && t.trim_end().ends_with("===")
            && core
                .strip_prefix("Trang ")
                .is_some_and(|n| !n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut pages = 0;
    for i in 0..lines.len() {
        let blank_before = i == 0 || lines.get(i - 1).is_some_and(Line::is_blank);
        let blank_after = lines.get(i + 1).is_none_or(Line::is_blank);
        // PDF text laid out by position puts the page number far right (or centred) on a line
        // of its own, often with no blank line around it.
        let far_right = lines.get(i).is_some_and(|l| l.indent >= PAGE_NUMBER_INDENT);
        if let Some(line) = lines.get_mut(i)
            && line.text().is_some_and(|m| {
                ((blank_before && blank_after) || far_right) && is_page_number(&m.text) || is_page_marker(&m.text)
            })
        {
            line.kind = LineKind::Blank;
            pages += 1;
        }
    }
    pages
}

/// The most running headers and footers one-letter misreadings are matched against.
const MAX_RUNNING_LINES: usize = 4;

/// A short line that comes back on at least half of the pages with a changing number
/// (`18.CTRTW31.DOC 2`, `18.CTRTW31.DOC 3` …) is a running header or footer that OCR or PDF
/// text kept: dropped, it can no longer pass for a heading (`18.`) or cut a sentence in two.
/// Lines are grouped by their letters (six at least: `Điều 1.`, `Điều 2.` stay) and the numbers
/// must differ (a title repeated as it is stays).
fn drop_running_lines(lines: &mut [Line], pages: usize) {
    if pages < 2 {
        return;
    }
    let mut groups: std::collections::HashMap<String, Vec<(usize, String)>> = std::collections::HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(m) = line.text() else { continue };
        let t = m.text.as_str();
        if t.chars().count() > 60 || !t.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let letters: String = t.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.chars().count() < 6 {
            continue;
        }
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        groups.entry(letters).or_default().push((i, digits));
    }
    let running: std::collections::HashSet<&str> = groups
        .iter()
        .filter(|(_, found)| {
            let mut numbers: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
            numbers.sort_unstable();
            numbers.dedup();
            found.len() >= 3 && found.len() * 2 > pages && numbers.len() >= 3
        })
        .map(|(letters, _)| letters.as_str())
        .collect();
    if running.is_empty() {
        return;
    }
    // The same line with one letter misread (`18.GTRTW31.DOC 1 0` among `18.CTRTW31.DOC N`).
    // A page has a header and a footer or so: with more running lines than that the text is no
    // paginated document, and one-letter matches are not looked for (a bounded cost).
    let near: Vec<Vec<char>> = if running.len() <= MAX_RUNNING_LINES {
        running.iter().map(|r| r.chars().collect()).collect()
    } else {
        Vec::new()
    };
    let is_running = |letters: &str| {
        running.contains(letters) || {
            let letters: Vec<char> = letters.chars().collect();
            near.iter().any(|r| r.len() == letters.len() && r.iter().zip(&letters).filter(|(a, b)| a != b).count() <= 1)
        }
    };
    let drop: Vec<usize> = groups
        .iter()
        .filter(|(letters, _)| is_running(letters))
        .flat_map(|(_, found)| found.iter().map(|&(i, _)| i))
        .collect();
    for i in drop {
        if let Some(line) = lines.get_mut(i) {
            line.kind = LineKind::Blank;
        }
    }
}

/// What starts a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Marker {
    None,
    /// `- `, `+ `, `• `, `* `.
    Bullet,
    /// A numbered item: `(3)`.
    Item(String),
}

#[derive(Debug, Clone)]
pub(super) struct Para {
    pub(super) text: Mapped,
    pub(super) marker: Marker,
}

#[derive(Debug, Clone)]
pub(super) struct Heading {
    pub(super) m: HeadingMatch,
    /// The whole heading text, number included (with wrapped continuation).
    pub(super) text: Mapped,
}

impl Heading {
    pub(super) fn number(&self) -> Mapped {
        self.text.slice(self.m.number.0, self.m.number.1)
    }

    /// The title: the text after the number, up to a colon that is followed by body text.
    pub(super) fn title(&self) -> Mapped {
        let after = self.text.slice(self.m.title_start, self.text.text.len());
        match after.text.find(':') {
            Some(colon) => after.slice(0, colon).trimmed(&[' ']),
            None => after.trimmed(&[' ', ':']),
        }
    }

    /// Body text written on the heading line after `Title:`.
    pub(super) fn inline_body(&self) -> Option<Mapped> {
        let after = self.text.slice(self.m.title_start, self.text.text.len());
        let colon = after.text.find(':')?;
        let rest = after.slice(colon + 1, after.text.len()).trimmed(&[]);
        (!rest.is_empty()).then_some(rest)
    }
}

#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) line: usize,
    pub(super) cells: Vec<Mapped>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub(super) enum Element {
    Heading(Heading),
    Para(Para),
    Table(Table),
}

fn ends_terminal(t: &str) -> bool {
    t.trim_end().ends_with(['.', ';', ':', '!', '?', '…', ')', '"', '”'])
}

/// Text that goes on after a page gap: a lower-case word, or a number (`đạt trên` ⏎ `90%`).
fn starts_lower(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

fn bullet_len(t: &str) -> Option<usize> {
    let mut chars = t.chars();
    let first = chars.next()?;
    if !matches!(first, '-' | '+' | '•' | '*' | '–' | '−' | '·' | '\u{f0b7}' | '\u{f0a7}') {
        return None;
    }
    match chars.next() {
        Some(' ') => Some(first.len_utf8() + 1),
        Some(c) if first != '*' && c.is_uppercase() => Some(first.len_utf8()),
        _ => None,
    }
}

/// `(3) text` → the label and where the text starts.
fn item_label(t: &str) -> Option<(String, usize)> {
    let rest = t.strip_prefix('(')?;
    let close = rest.find(')')?;
    let inner = rest.get(..close)?;
    if inner.is_empty() || inner.len() > 3 || !inner.chars().all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()) {
        return None;
    }
    let after = rest.get(close + 1..)?;
    after.starts_with(' ').then(|| (format!("({inner})"), close + 2))
}

enum Current {
    None,
    Para(Para),
    Heading(Heading),
    Table(Table),
}

/// Build the elements of lines `[from, to)`.
/// Build the elements of lines `[from, to)`, taking their text (the lines keep their place;
/// the zones of a plan are disjoint, so each line's text is used once).
pub(super) fn elements(lines: &mut [Line], from: usize, to: usize) -> Vec<Element> {
    let mut out = Vec::new();
    let mut cur = Current::None;
    let mut gap = false;
    // Whether the current paragraph or heading has a Markdown emphasis open.
    let mut open = false;
    let end = to.min(lines.len());
    let full = full_line(lines.get(from.min(end)..end).unwrap_or_default());
    // Whether the last line of text was a full one, and its indentation.
    let (mut prev_full, mut prev_indent) = (false, 0u32);
    for line in lines.get_mut(from.min(end)..end).unwrap_or_default() {
        let opens = line.opens;
        let this_full = line.end - line.start >= full;
        // A first-line indent under a line at the margin (PDF text layers, typed text) starts a
        // paragraph as a short line before does: the line before ended its paragraph.
        let indented = line.indent >= prev_indent.saturating_add(FIRST_LINE_INDENT);
        let prev_full_here = prev_full && !indented;
        match std::mem::replace(&mut line.kind, LineKind::Blank) {
            LineKind::Blank => gap = true,
            LineKind::Row(cells) => {
                prev_full = false;
                let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
                if let Current::Table(t) = &mut cur {
                    t.rows.push(Row { line: line.idx, cells });
                } else if non_empty >= 2
                    || (non_empty == 1 && cells.first().is_some_and(Mapped::is_empty) && cells.len() > 2)
                {
                    flush(&mut out, std::mem::replace(&mut cur, Current::None));
                    cur = Current::Table(Table { rows: vec![Row { line: line.idx, cells }] });
                    open = false;
                } else {
                    let m = joined(&cells);
                    if !m.is_empty() {
                        open = text_line(&mut out, &mut cur, m, gap, open, prev_full) ^ opens;
                    }
                }
                gap = false;
            }
            LineKind::Columns(cells) => {
                open = text_line(&mut out, &mut cur, joined(&cells), gap, open, prev_full_here) ^ opens;
                (gap, prev_full, prev_indent) = (false, this_full, line.indent);
            }
            LineKind::Text(m) => {
                open = text_line(&mut out, &mut cur, m, gap, open, prev_full_here) ^ opens;
                (gap, prev_full, prev_indent) = (false, this_full, line.indent);
            }
        }
    }
    flush(&mut out, cur);
    out
}

/// How much deeper than the line above (in columns) a line's indent must be to be a paragraph's
/// first line.
const FIRST_LINE_INDENT: u32 = 2;

/// The length (in bytes of the raw line) from which a line counts as full: four fifths of the
/// length nine lines in ten of the text lines stay within. In hard-wrapped text that is near the
/// wrapping width; in text with a line per paragraph, far above most lines.
fn full_line(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> =
        lines.iter().filter(|l| matches!(l.kind, LineKind::Text(_))).map(|l| l.end - l.start).collect();
    if lengths.len() < 5 {
        return usize::MAX;
    }
    let k = (lengths.len() * 9 / 10).min(lengths.len() - 1);
    let (_, &mut p90, _) = lengths.select_nth_unstable(k);
    p90 * 4 / 5
}

/// Cells read as one line of text.
fn joined(cells: &[Mapped]) -> Mapped {
    let mut m = Mapped::default();
    for c in cells {
        m.join(c);
    }
    m
}

/// Add a line of text to the elements; `open` tells whether the current paragraph or heading
/// has an emphasis open (the line then continues it). Returns whether the emphasis is still
/// open before this line's own delimiters count: `open` when the line continued the current
/// element, `false` when it started a new one. `prev_full` tells whether the line before was
/// as long as the text's wrapped lines.
fn text_line(out: &mut Vec<Element>, cur: &mut Current, m: Mapped, gap: bool, open: bool, prev_full: bool) -> bool {
    let t = m.text.as_str();
    // A heading's number alone on its line (`**III.` ⏎ `ĐÁNH GIÁ TÌNH HÌNH**`): the title below.
    if !gap
        && let Current::Para(p) = cur
        && p.marker == Marker::None
        && is_bare_number(&p.text.text)
    {
        let mut text = p.text.clone();
        text.join(&m);
        if let Some(hm) = parse_heading(&text.text) {
            *cur = Current::Heading(Heading { m: hm, text });
            return open;
        }
    }
    if open && !gap {
        match cur {
            Current::Para(p) => {
                p.text.join(&m);
                return true;
            }
            Current::Heading(h) => {
                h.text.join(&m);
                return true;
            }
            _ => {}
        }
    }
    let prev_text = match cur {
        Current::Para(p) => Some(p.text.text.as_str()),
        Current::Heading(h) => Some(h.text.text.as_str()),
        _ => None,
    };
    // A short line before ends its paragraph when this one starts a heading, an item or a bullet:
    // text with a paragraph a line (from Word) need not end its paragraphs with punctuation.
    let short_before = !prev_full && prev_text.is_some();
    let boundary = gap || prev_text.is_none_or(ends_terminal) || matches!(cur, Current::Heading(_)) || short_before;
    if boundary && let Some(hm) = parse_heading(t) {
        flush(out, std::mem::replace(cur, Current::None));
        *cur = Current::Heading(Heading { m: hm, text: m });
        return false;
    }
    if boundary && let Some((label, at)) = item_label(t) {
        flush(out, std::mem::replace(cur, Current::None));
        let text = m.slice(at, m.text.len()).trimmed(&[]);
        *cur = Current::Para(Para { text, marker: Marker::Item(label) });
        return false;
    }
    if boundary && let Some(len) = bullet_len(t) {
        flush(out, std::mem::replace(cur, Current::None));
        let text = m.slice(len, m.text.len()).trimmed(&[]);
        *cur = Current::Para(Para { text, marker: Marker::Bullet });
        return false;
    }
    // A continuation: a hard-wrapped line, or text after a page gap that goes on mid-sentence.
    // A line in capitals or a capital letter after a finished sentence starts a new paragraph
    // (`- Mỗi trường có ít nhất 03 giáo viên.` ⏎ `Đối với các trường tiểu học:`): a paragraph
    // cut in two at a sentence's end loses nothing, two paragraphs read as one lose a label.
    // In hard-wrapped text a sentence may end at a full line and the paragraph go on below.
    let new_sentence =
        |prev: &str| !prev_full && ends_terminal(prev) && t.chars().next().is_some_and(char::is_uppercase);
    let continues = |prev: &str| {
        if gap { !ends_terminal(prev) && starts_lower(t) && !is_bare_number(t) } else { !new_sentence(prev) }
    };
    match cur {
        Current::Para(p) if continues(&p.text.text) => {
            p.text.join(&m);
            open
        }
        // A heading goes on in lower case, or in capitals under a title in capitals
        // (`III. NHIỆM VỤ VÀ GIẢI PHÁP` ⏎ `CHỦ YẾU`).
        Current::Heading(h)
            if !ends_terminal(&h.text.text)
                && !is_bare_number(t)
                && (starts_lower(t) || (!gap && is_capitals(&h.text.text) && is_capitals(t))) =>
        {
            h.text.join(&m);
            open
        }
        _ => {
            flush(out, std::mem::replace(cur, Current::None));
            *cur = Current::Para(Para { text: m, marker: Marker::None });
            false
        }
    }
}

/// Whether a text is only a heading's number: `III.`, `2.`, `1.2.`, `a)`.
fn is_bare_number(t: &str) -> bool {
    // A number is short: a paragraph growing line by line is not read again each time.
    if t.len() > 16 {
        return false;
    }
    let core = t.trim_end_matches(['.', ')', ':', ' ']);
    let n = core.chars().count();
    n > 0
        && n < t.chars().count()
        && (core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
            || core.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (n == 1 && core.chars().all(|c| c.is_ascii_lowercase() || c == 'đ')))
}

/// Whether a text is written in capitals (at least two letters, none in lower case): a heading
/// or an issuer line.
pub(super) fn is_capitals(t: &str) -> bool {
    let mut letters = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn flush(out: &mut Vec<Element>, cur: Current) {
    match cur {
        Current::None => {}
        Current::Para(p) => out.push(Element::Para(p)),
        Current::Heading(h) => {
            let body = h.inline_body();
            out.push(Element::Heading(h));
            if let Some(text) = body {
                out.push(Element::Para(Para { text, marker: Marker::None }));
            }
        }
        Current::Table(t) => out.push(Element::Table(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`opens_emphasis`] read byte by byte, as it was written first.
    fn opens_emphasis_by_byte(raw: &str) -> bool {
        let t = raw.trim();
        let t = t.strip_prefix("* ").unwrap_or(t);
        let bytes = t.as_bytes();
        let (mut runs, mut i) = (0u32, 0);
        while i < bytes.len() {
            let b = bytes[i];
            let escaped = i > 0 && bytes[i - 1] == b'\\';
            if (b == b'*' || (b == b'_' && bytes.get(i + 1) == Some(&b'_'))) && !escaped {
                let len = bytes[i..].iter().take_while(|&&c| c == b).count();
                let before = i.checked_sub(1).is_none_or(|k| bytes[k].is_ascii_whitespace());
                let after = bytes.get(i + len).is_none_or(u8::is_ascii_whitespace);
                runs += u32::from(!(before && after));
                i += len;
            } else {
                i += 1;
            }
        }
        runs % 2 == 1
    }

    proptest::proptest! {
        #[test]
        fn emphasis_found_by_search_agrees_with_a_byte_scan(raw in "[a *_\\\\ệ]{0,24}") {
            proptest::prop_assert_eq!(opens_emphasis(&raw), opens_emphasis_by_byte(&raw));
        }
    }

    fn texts(src: &str) -> Vec<String> {
        let mut ls = lines(src);
        let n = ls.len();
        elements(&mut ls, 0, n)
            .iter()
            .map(|e| match e {
                Element::Heading(h) => format!("H[{}] {}", h.number().text, h.title().text),
                Element::Para(p) => format!("P{:?} {}", p.marker, p.text.text),
                Element::Table(t) => format!("T{}", t.rows.len()),
            })
            .collect()
    }

    #[test]
    fn running_footers_of_ocr_pages_are_dropped() {
        // Four pages, each opened by the OCR tool's marker and the document's footer (its file
        // name and the page number, once misread); a sentence runs over a page break.
        let text = "===== Trang 1 =====\n1. Mục tiêu\nBảo vệ môi trường\n===== Trang 2 =====\n18.CTRTW31.DOC 2\nvà ứng phó với biến đổi khí hậu.\n2. Nhiệm vụ\nĐiều 1.\n===== Trang 3 =====\n18.GTRTW31.DOC 3\nTuyên truyền.\nĐiều 2.\n===== Trang 4 =====\n18.CTRTW31.DOC 4\n3. Tổ chức thực hiện\nĐiều 3.\n===== Trang 5 =====\n18.CTRTW31.DOC 5\nBáo cáo.\n";
        assert_eq!(
            texts(text),
            [
                "H[1] Mục tiêu",
                "PNone Bảo vệ môi trường và ứng phó với biến đổi khí hậu.",
                "H[2] Nhiệm vụ",
                "H[1] ",
                "PNone Tuyên truyền.",
                "H[2] ",
                "H[3] Tổ chức thực hiện",
                "H[3] ",
                "PNone Báo cáo.",
            ]
        );
        // Without pages, or with a line that does not change its number, nothing is dropped.
        let same = "PHỤ LỤC SỐ 01\nA.\n\n12\n\nPHỤ LỤC SỐ 01\nB.\n\n13\n\nPHỤ LỤC SỐ 01\nC.\n";
        assert_eq!(texts(same).iter().filter(|t| t.contains("PHỤ LỤC")).count(), 3);
    }

    #[test]
    fn hard_wraps_and_page_gaps_join_into_one_paragraph() {
        let src = "Căn cứ quyết định số 122/QĐ-TTg của thủ tướng chính \nphủ về việc phê duyệt;\n\n1. Sức khỏe là vốn quý. Dịch vụ y tế \n\n\n\ncũng là dịch vụ xã hội.\n\n7\n\nII. Mục tiêu : \n";
        assert_eq!(
            texts(src),
            [
                "PNone Căn cứ quyết định số 122/QĐ-TTg của thủ tướng chính phủ về việc phê duyệt;",
                "H[1] Sức khỏe là vốn quý. Dịch vụ y tế cũng là dịch vụ xã hội.",
                "H[II] Mục tiêu",
            ]
        );
    }

    #[test]
    fn markdown_heading_with_inline_body_bullets_and_items() {
        let src = "**1. Mục đích:** Tiếp tục kiện toàn.\n\n(1) Giảm tỷ lệ mắc;\n\n- Tăng cường truyền thông\nvà giáo dục.\n- Phối hợp.\n";
        assert_eq!(
            texts(src),
            [
                "H[1] Mục đích",
                "PNone Tiếp tục kiện toàn.",
                "PItem(\"(1)\") Giảm tỷ lệ mắc;",
                "PBullet Tăng cường truyền thông và giáo dục.",
                "PBullet Phối hợp.",
            ]
        );
    }

    #[test]
    fn tables_written_one_cell_per_block_between_pipe_lines() {
        let src = "|\nTT\n|\nNội dung\n|\nĐơn vị chủ trì\n|\n|\n1\n|\nTuyên truyền\n|\n|\n|\n2\n|\nHội nghị\n|\nTrạm Y tế\n|\n\nSau bảng.\n";
        let ls = lines(src);
        let rows: Vec<Vec<String>> = ls
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Row(cells) => Some(cells.iter().map(|c| c.text.clone()).collect()),
                _ => None,
            })
            .collect();
        assert_eq!(
            rows,
            [
                vec!["TT", "Nội dung", "Đơn vị chủ trì"],
                vec!["1", "Tuyên truyền", ""],
                vec!["2", "Hội nghị", "Trạm Y tế"]
            ]
        );
        assert_eq!(texts(src), ["T3", "PNone Sau bảng."]);
    }

    #[test]
    fn table_rows_continue_across_page_breaks() {
        let src = "TT\tNội dung\tĐơn vị chủ trì\tThời hạn\n1\tA 1453/QĐ-\tUBND\tTháng 5\n\n\tBYT\t\t\n2\tB\tTrạm\t2024\nSau bảng.\n";
        assert_eq!(texts(src), ["T4", "PNone Sau bảng."]);
    }
}
