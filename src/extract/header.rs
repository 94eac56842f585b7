//! The header: issuer lines, national motto or Party heading, the plan's own symbol
//! (`Số: 58/KH-UBND`, `Số 52-KH/ĐU`, blank in drafts), the place-and-date line (day and month
//! may be blank), the kind (`KẾ HOẠCH`) and the title. Word's two-column header table arrives as
//! tab-separated rows; each cell is read on its own.

use super::ExtractOptions;
use super::closing::cell_lines;
use super::dates::date_at;
use super::layout::{Line, LineKind, is_capitals};
use super::mapped::Mapped;
use super::re::Lazy;
use super::symbols::{parse, scan};
use crate::model::{DateValue, Header, IssuerSystem, Organisation, PARTY_ISSUER_CODES, PlaceDate, SymbolForm, Text};
use crate::source::SourceFile;
use crate::text::lower as to_lower;

pub(super) static SYMBOL_LINE: Lazy = Lazy::new(r"^Số\s*[:.]?\s*");
pub(super) static KIND: Lazy =
    Lazy::new(r"^(KẾ HOẠCH HÀNH ĐỘNG|KẾ HOẠCH|CHƯƠNG TRÌNH HÀNH ĐỘNG|CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN)(?:\s+|$)");
/// The kind line of a document a plan may be attached to.
pub(super) static CARRIER: Lazy = Lazy::new(r"^(QUYẾT ĐỊNH|CÔNG VĂN|NGHỊ QUYẾT)\s*$");
/// `(Ban hành kèm theo Quyết định số 1234/QĐ-UBND …)`: the line under an attached plan's title.
pub(super) static ATTACHED_BY: Lazy = Lazy::folded(r"^\(?\s*(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo\s");
pub(super) static MOTTO: Lazy =
    Lazy::folded(r"^(?:cộng\s+hòa|cộng\s+hoà|độc\s+lập\s*[-–]\s*tự\s+do|đảng\s+cộng\s+sản\s+việt\s+nam)");
pub(super) static BASIS_START: Lazy = Lazy::folded(
    r"^(?:căn\s+cứ|thực\s+hiện\s+(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kết\s+luận|kế\s+hoạch|chương\s+trình|thông\s+báo|công\s+văn|hướng\s+dẫn|thông\s+tư|luật|nghị\s+định|ý\s+kiến|sự\s+chỉ\s+đạo|chỉ\s+đạo)|theo\s+(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kế\s+hoạch|đề\s+nghị))",
);
/// Where the place of a place-and-date line (`Xã Tân Hòa, ngày 12 tháng 3 năm 2024`) ends: the
/// line's first comma, after 2 to 60 characters none of which is a digit, `;`, `:` or a
/// parenthesis, and followed by `ngày` (after white space). A byte scan: the equivalent regex
/// (`^([^,0-9;:()]{2,60}?),\s*ngày`) costs more to compile than a whole plan costs to read.
fn place_before_date(t: &str) -> Option<usize> {
    let end = t.bytes().position(|b| matches!(b, b',' | b'0'..=b'9' | b';' | b':' | b'(' | b')'))?;
    let place = t.get(..end)?;
    let rest = t.get(end..)?.strip_prefix(',')?;
    let chars = place.chars().count();
    ((2..=60).contains(&chars) && rest.trim_start().starts_with("ngày")).then_some(end)
}

const PARTY_WORDS: &[&str] = &[
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "QUẬN ỦY",
    "ĐẢNG BỘ",
    "CHI BỘ",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
];
const STATE_WORDS: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "SỞ ",
    "PHÒNG ",
    "TRUNG TÂM",
    "BỘ ",
    "CỤC ",
    "CHI CỤC",
];

/// What the header gives.
#[derive(Debug, Default)]
pub(super) struct HeaderOut {
    pub(super) header: Header,
    pub(super) kind: Option<Text>,
    pub(super) title: Option<Mapped>,
    /// First line of the body.
    pub(super) body_start: usize,
    /// The kind line of a decision or letter (`QUYẾT ĐỊNH`), when the header is one's.
    pub(super) carrier: Option<Text>,
    /// The `(Ban hành kèm theo …)` line under the title.
    pub(super) attached_by: Option<Mapped>,
    /// Whether the header's end was seen: a line that starts the body (`body_start`).
    pub(super) closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleState {
    BeforeKind,
    /// After a kind line with nothing else on it: the next block is the title.
    AwaitingTitle,
    InTitle,
    Done,
}

/// Whether a cleaned line starts a legal basis paragraph.
pub(super) fn is_basis_start(opts: ExtractOptions, t: &str) -> bool {
    BASIS_START.is_match(opts, t)
}

/// Parse the header from the top of the file.
pub(super) fn parse_header(opts: ExtractOptions, src: &SourceFile, lines: &[Line]) -> HeaderOut {
    let mut out = HeaderOut::default();
    let mut issuer: Vec<Mapped> = Vec::new();
    let mut title: Option<Mapped> = None;
    let mut state = TitleState::BeforeKind;
    let mut last_item = 0;
    let mut found_body = false;
    // Whether a `(Kèm theo …` line goes on below.
    let mut attached_open = false;
    for hl in header_lines(opts, lines) {
        let line = hl.line;
        let cells: Vec<&Mapped> = match &hl.cells {
            None => {
                if state == TitleState::InTitle {
                    state = TitleState::Done;
                }
                continue;
            }
            Some(cells) => cells.iter().filter(|c| !c.is_empty()).collect(),
        };
        let first = cells.first().map_or("", |c| c.text.as_str());
        let roman =
            super::headings::parse_heading(first).is_some_and(|h| h.numbering == crate::model::Numbering::Roman);
        // A title is never a row of three or more cells: that is a table of the body.
        let table_row = matches!(line.kind, LineKind::Row(_)) && cells.len() >= 3;
        let line_idx = hl.last;
        let starts_body = match state {
            // A line in capitals is a header line (`THEO QUYẾT ĐỊNH` under an inspection team's
            // name), never a basis.
            TitleState::BeforeKind | TitleState::Done => (is_basis_start(opts, first) && !is_capitals(first)) || roman,
            TitleState::AwaitingTitle => roman || table_row || to_lower(first).starts_with("căn cứ"),
            // A title may open with `Thực hiện Nghị quyết …`, but a line under it that opens so,
            // capitalised and not in capitals, is the preamble the title runs into when nothing
            // (a blank line, a paragraph break) sets it apart (`… giai đoạn 2026 – 2027` ⏎
            // `Thực hiện Kế hoạch số 275/KH-UBND ngày …`): a title's wrapped line goes on in
            // lower case.
            TitleState::InTitle => {
                roman
                    || table_row
                    || to_lower(first).starts_with("căn cứ")
                    || (is_basis_start(opts, first)
                        && !is_capitals(first)
                        && first.chars().next().is_some_and(char::is_uppercase)
                        // Under a title in capitals (`KẾ HOẠCH TUYÊN TRUYỀN`), such a line is
                        // the title's second line.
                        && title.as_ref().is_some_and(|t| t.text.chars().any(char::is_lowercase)))
            }
        };
        if starts_body || state == TitleState::Done {
            out.body_start = line.idx;
            found_body = true;
            break;
        }
        if let Some(by) = out.attached_by.as_mut().filter(|_| attached_open) {
            // `(Kèm theo Quyết định số 1422/QĐ-TTg` ⏎ `ngày 19 tháng 11 năm 2024 …)`.
            for c in &cells {
                by.join(c);
            }
            out.body_start = hl.last + 1;
            if by.text.contains(')') {
                break;
            }
            continue;
        }
        if matches!(state, TitleState::AwaitingTitle | TitleState::InTitle) && ATTACHED_BY.is_match(opts, first) {
            out.attached_by = cells.first().map(|c| (*c).clone());
            out.body_start = hl.last + 1;
            found_body = true;
            attached_open = !first.contains(')');
            if attached_open {
                continue;
            }
            break;
        }
        if matches!(state, TitleState::AwaitingTitle | TitleState::InTitle) {
            if let Some(t) = title.as_mut() {
                for c in &cells {
                    t.join(c);
                }
            }
            state = TitleState::InTitle;
            last_item = line_idx;
            continue;
        }
        for cell in cells {
            let t = cell.text.as_str();
            if let Some(m) = SYMBOL_LINE.find(opts, t)
                && out.header.symbol.is_none()
                && let Some(end) = scan(t, m.end(), true)
            {
                // The place-and-date column may follow on the same line, its gap lost.
                let rest = cell.slice(end, t.len()).trimmed(&[]);
                let with_date = out.header.place_date.is_none() && place_date(opts, src, &rest).is_some();
                let line_end = if with_date { end } else { t.len() };
                out.header.symbol_line = Some(cell.text_of(src, 0, line_end));
                let raw = t.get(m.end()..end).unwrap_or_default();
                out.header.symbol = Some(parse(opts, raw, cell.span_of(src, m.end(), end)));
                if with_date {
                    out.header.place_date = place_date(opts, src, &rest);
                }
            } else if out.header.place_date.is_none()
                && let Some(pd) = place_date(opts, src, cell)
            {
                out.header.place_date = Some(pd);
            } else if MOTTO.is_match(opts, t) {
                out.header.motto.push(cell.to_text(src));
            } else if let Some(k) = KIND.captures(opts, t)
                && out.kind.is_none()
                && let Some(word) = k.get(1)
            {
                out.kind = Some(cell.text_of(src, word.start(), word.end()));
                let rest = cell.slice(k.get(0).map_or(word.end(), |m| m.end()), cell.text.len());
                state = if rest.is_empty() { TitleState::AwaitingTitle } else { TitleState::InTitle };
                title = Some(rest);
            } else if out.kind.is_none() && out.carrier.is_none() && CARRIER.is_match(opts, t) {
                out.carrier = Some(cell.to_text(src));
            } else if out.kind.is_none() && to_lower(t) == "kế hoạch" {
                out.kind = Some(cell.to_text(src));
                title = Some(Mapped::default());
                state = TitleState::AwaitingTitle;
            } else if out.kind.is_none() && out.header.symbol.is_none() && is_capitals(t) {
                issuer.push((*cell).clone());
            }
        }
        last_item = line_idx;
    }
    if !found_body {
        out.body_start = if out.kind.is_some() || out.header.symbol.is_some() { last_item + 1 } else { 0 };
    }
    out.closed = found_body;
    // `… NĂM 2023 (Kèm theo Quyết định số 254/QĐ-UBND …)` on the title's own line.
    if let Some(t) = title.as_mut()
        && let Some(at) = t
            .text
            .match_indices('(')
            .map(|(i, _)| i)
            .find(|&i| t.text.get(i..).is_some_and(|r| ATTACHED_BY.is_match(opts, r)))
    {
        out.attached_by = Some(t.slice(at, t.text.len()).trimmed(&[]));
        *t = t.slice(0, at).trimmed(&[]);
    }
    out.title = title.filter(|t| !t.is_empty());
    out.header.issuer_lines = issuer.iter().map(|m| m.to_text(src)).collect();
    if let (Some(first), Some(last)) = (issuer.first(), issuer.last()) {
        let joined: Vec<&str> = issuer.iter().map(|m| m.text.as_str()).collect();
        out.header.issuer = Some(Text::new(joined.join(" "), first.span(src).cover(last.span(src))));
    }
    out.header.system = system_of(&out.header);
    out.header.organisation = organisation_of(&out.header);
    out
}

/// The place-and-date line a cell holds (`Tân Phú, ngày 09 tháng 4 năm 2026`).
fn place_date(opts: ExtractOptions, src: &SourceFile, cell: &Mapped) -> Option<PlaceDate> {
    let t = cell.text.as_str();
    let place_end = place_before_date(t)?;
    let d = date_at(opts, t, place_end + 1)?;
    let date = DateValue {
        raw: t.get(d.start..d.end).unwrap_or_default().to_owned(),
        span: cell.span_of(src, d.start, d.end),
        day: d.day,
        month: d.month,
        year: d.year,
        form: d.form,
        status: d.status(),
    };
    let text = cell.text_of(src, 0, d.end.max(place_end));
    Some(PlaceDate { text, place: Some(cell.text_of(src, 0, place_end)), date })
}

/// A logical line of the header: the physical lines it was joined from and its cells (`None`
/// for a blank line).
struct HeaderLine<'a> {
    /// The first physical line.
    line: &'a Line,
    /// The index of the last physical line.
    last: usize,
    cells: Option<Vec<Mapped>>,
}

/// The header's logical lines, from the first 80 physical lines: a line that finishes the date
/// of the line before (`*Bình Định, ngày 14` ⏎ `tháng 8 năm 2025*`) is joined to it, and a line that holds two columns of the header table with the
/// gap between them lost (`ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`) is split.
fn header_lines(opts: ExtractOptions, lines: &[Line]) -> HeaderLines<'_> {
    HeaderLines { opts, lines: lines.iter().take(80), pending: None }
}

/// The iterator of [`header_lines`]: it reads the physical lines only as far as the header goes
/// (most of the first 80 lines are the body's, and never read here).
struct HeaderLines<'a> {
    opts: ExtractOptions,
    lines: std::iter::Take<std::slice::Iter<'a, Line>>,
    /// The logical line read last, which the next physical line may still finish.
    pending: Option<HeaderLine<'a>>,
}

impl<'a> Iterator for HeaderLines<'a> {
    type Item = HeaderLine<'a>;

    fn next(&mut self) -> Option<HeaderLine<'a>> {
        let opts = self.opts;
        for line in self.lines.by_ref() {
            let cells = header_cells(opts, line);
            if let (Some(prev), Some(new)) = (self.pending.as_mut(), cells.as_ref())
                && let (Some(prev_cells), [single]) = (prev.cells.as_mut(), new.as_slice())
                && prev.last + 1 == line.idx
                && let Some(last) = prev_cells.last_mut()
                && date_goes_on(opts, &last.text, &single.text)
            {
                last.join(single);
                prev.last = line.idx;
                continue;
            }
            let done = self.pending.replace(HeaderLine { line, last: line.idx, cells });
            if done.is_some() {
                return done;
            }
        }
        self.pending.take()
    }
}

/// The cells of one physical header line (`None` for a blank line).
fn header_cells(opts: ExtractOptions, line: &Line) -> Option<Vec<Mapped>> {
    match &line.kind {
        LineKind::Blank => None,
        LineKind::Text(m) => Some(cell_lines(m).iter().flat_map(split_motto).collect()),
        LineKind::Row(cells) => Some(cells.iter().flat_map(cell_lines).flat_map(|c| split_motto(&c)).collect()),
        // A blank left for the number or the day is a run of spaces too (`Số:      /KH-UBND`,
        // `ngày      tháng 5`): join the columns it separates.
        LineKind::Columns(cols) => {
            let mut merged: Vec<Mapped> = Vec::new();
            for col in cols {
                match merged.last_mut() {
                    Some(last) if goes_on(opts, &last.text, &col.text) => last.join(col),
                    _ => merged.push(col.clone()),
                }
            }
            Some(merged.iter().flat_map(split_motto).collect())
        }
    }
}

/// Whether the text `next` goes on from `prev` across a blank left to be filled in: a symbol line
/// without its number, a date without its day or month.
fn goes_on(opts: ExtractOptions, prev: &str, next: &str) -> bool {
    let p = prev.trim_end_matches(['.', '…', '_', ' ']);
    let lower = to_lower(p);
    ["số", "số:", "ngày", "tháng", "năm"].iter().any(|w| lower == *w || lower.ends_with(&format!(" {w}")))
        || date_goes_on(opts, prev, next)
}

/// Whether `next` finishes a place-and-date line that `prev` leaves without its year.
fn date_goes_on(opts: ExtractOptions, prev: &str, next: &str) -> bool {
    let Some(place_end) = place_before_date(prev) else {
        return false;
    };
    let unfinished = date_at(opts, prev, place_end + 1).is_none_or(|d| d.year.is_none());
    let lower = to_lower(next.get(..next.len().min(8)).unwrap_or(next));
    unfinished
        && (lower.starts_with("tháng") || lower.starts_with("năm") || next.starts_with(|c: char| c.is_ascii_digit()))
}

/// Split a cell before a national motto or Party heading that does not start it.
fn split_motto(m: &Mapped) -> Vec<Mapped> {
    const STARTS: [&str; 4] = [" CỘNG HÒA XÃ HỘI", " CỘNG HOÀ XÃ HỘI", " Độc lập - Tự do", " ĐẢNG CỘNG SẢN VIỆT NAM"];
    let t = m.text.as_str();
    // Most lines have none of them: three vector searches tell.
    let b = t.as_bytes();
    if memchr::memmem::find(b, " CỘNG".as_bytes()).is_none()
        && memchr::memmem::find(b, " Độc".as_bytes()).is_none()
        && memchr::memmem::find(b, " ĐẢNG".as_bytes()).is_none()
    {
        return vec![m.clone()];
    }
    match STARTS.iter().filter_map(|s| t.find(s)).min() {
        Some(at) if at > 0 => vec![m.slice(0, at).trimmed(&[]), m.slice(at + 1, t.len()).trimmed(&[])],
        _ => vec![m.clone()],
    }
}

/// Words of the names of the Fatherland Front and the mass organisations.
const FRONT_WORDS: &[&str] = &[
    "MTTQ",
    "MẶT TRẬN",
    "CÔNG ĐOÀN",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "ĐOÀN THANH NIÊN",
    "HỘI NÔNG DÂN",
    "HỘI PHỤ NỮ",
    "HỘI LIÊN HIỆP",
    "HỘI CỰU CHIẾN BINH",
];

/// The kind of body: an election body or the Front by the issuer's name, else its system.
fn organisation_of(h: &Header) -> Organisation {
    let issuer = h.issuer.as_ref().map(|t| t.text.to_uppercase()).unwrap_or_default();
    if issuer.contains("BẦU CỬ") {
        Organisation::Election
    } else if FRONT_WORDS.iter().any(|w| issuer.contains(w)) {
        Organisation::Front
    } else {
        match h.system {
            IssuerSystem::State => Organisation::State,
            IssuerSystem::Party => Organisation::Party,
            IssuerSystem::Unknown => Organisation::Unknown,
        }
    }
}

fn system_of(h: &Header) -> IssuerSystem {
    if let Some(s) = &h.symbol {
        match s.form {
            SymbolForm::Party => return IssuerSystem::Party,
            SymbolForm::State | SymbolForm::Normative
                if !s.issuer_code.as_deref().is_some_and(|i| PARTY_ISSUER_CODES.contains(&i)) =>
            {
                return IssuerSystem::State;
            }
            _ => {}
        }
        if s.issuer_code.as_deref().is_some_and(|i| PARTY_ISSUER_CODES.contains(&i)) {
            return IssuerSystem::Party;
        }
    }
    let issuer = h.issuer.as_ref().map(|t| t.text.to_uppercase()).unwrap_or_default();
    let motto: String = h.motto.iter().map(|t| t.text.to_uppercase()).collect();
    if PARTY_WORDS.iter().any(|w| issuer.contains(w)) || motto.contains("ĐẢNG CỘNG SẢN") {
        IssuerSystem::Party
    } else if STATE_WORDS.iter().any(|w| issuer.contains(w)) || motto.contains("CỘNG H") {
        IssuerSystem::State
    } else {
        IssuerSystem::Unknown
    }
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;
    use crate::extract::layout::lines;
    use crate::model::DateStatus;

    fn header(text: &str) -> HeaderOut {
        let src = SourceFile::from_text("t.txt", text).unwrap();
        let ls = lines(src.text());
        parse_header(OPTS, &src, &ls)
    }

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[&SYMBOL_LINE, &KIND, &MOTTO, &BASIS_START]);
    }

    #[test]
    fn the_place_scan_agrees_with_its_regex() {
        let re = regex::Regex::new(r"^([^,\d;:()]{2,60}?),\s*(?:ngày|ngày:)").unwrap();
        let long = "Xã ".repeat(20);
        let cases = [
            "Lục Bình, ngày tháng 5 năm 2023",
            "Lục Bình,ngày 3",
            "Lục Bình,\u{a0} ngày 3",
            "Hà Nội, Ngày 3",
            "X, ngày 3",
            "Xã Tân Hòa (cũ), ngày 3",
            "Số 12, ngày 3",
            "Lục Bình; ngày 3",
            "Lục Bình ngày 3, ngày 4",
            ", ngày 3",
            "",
            "Đắk Lắk, ngày 1",
            long.as_str(),
        ];
        let sixty = format!("{}abc, ngày 1", "Xã ".repeat(19));
        let longer = format!("{long}x, ngày 1");
        let longest = format!("{long}xy, ngày 1");
        assert_eq!(place_before_date(&sixty), Some(sixty.find(',').unwrap()));
        for t in cases.iter().copied().chain([sixty.as_str(), longer.as_str(), longest.as_str()]) {
            let expected = re.captures(t).and_then(|c| c.get(1)).map(|m| m.end());
            assert_eq!(place_before_date(t), expected, "{t:?}");
        }
    }

    #[test]
    fn state_header_with_blank_day() {
        let h = header(
            "\n**ỦY BAN NHÂN DÂN\nXÃ LỤC BÌNH**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**\n\nSố: /KH-UBND\n\nLục Bình, ngày tháng 5 năm 2023\n\nKẾ HOẠCH\n\nThực hiện xã đạt Bộ tiêu chí quốc gia về y tế năm 2023\n\nCăn cứ Kế hoạch số 141/KH-UBND;\n",
        );
        assert_eq!(h.header.issuer.as_ref().unwrap().text, "ỦY BAN NHÂN DÂN XÃ LỤC BÌNH");
        assert_eq!(h.header.system, IssuerSystem::State);
        assert_eq!(h.header.motto.len(), 2);
        let s = h.header.symbol.as_ref().unwrap();
        assert_eq!((s.raw.as_str(), s.number.as_deref()), ("/KH-UBND", None));
        let d = &h.header.place_date.as_ref().unwrap().date;
        assert_eq!((d.day, d.month, d.year, d.status), (None, Some(5), Some(2023), DateStatus::Partial));
        assert_eq!(h.header.place_date.as_ref().unwrap().place.as_ref().unwrap().text, "Lục Bình");
        assert_eq!(h.kind.unwrap().text, "KẾ HOẠCH");
        assert_eq!(h.title.unwrap().text, "Thực hiện xã đạt Bộ tiêu chí quốc gia về y tế năm 2023");
        assert_eq!(h.body_start, 15);
    }

    #[test]
    fn a_title_ends_where_a_capitalised_preamble_runs_on_under_it() {
        // PDF text: no blank line between the title and `Thực hiện …`.
        let h = header(
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÀNH PHỐ HUẾ Độc lập - Tự do - Hạnh phúc\nSố: 188/KH-UBND Huế, ngày 02 tháng 4 năm 2026\nKẾ HOẠCH\nPhát triển du lịch sinh thái\ngiai đoạn 2026 – 2027\nThực hiện Kế hoạch số 275/KH-UBND ngày 25/6/2025 của UBND thành\nphố về du lịch.\n",
        );
        assert_eq!(h.title.as_ref().unwrap().text, "Phát triển du lịch sinh thái giai đoạn 2026 – 2027");
        assert_eq!(h.body_start, 6);
        // `KẾ HOẠCH HÀNH ĐỘNG` is the kind, and the `Thực hiện …` line under it the title.
        let h = header(
            "THỦ TƯỚNG CHÍNH PHỦ\nKẾ HOẠCH HÀNH ĐỘNG\nThực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư\nvề bảo hiểm y tế toàn dân\n(Kèm theo Quyết định số 844/QĐ-TTg\nngày 13 tháng 5 năm 2026 của Thủ tướng Chính phủ)\nI. MỤC TIÊU\n",
        );
        assert_eq!(h.kind.as_ref().unwrap().text, "KẾ HOẠCH HÀNH ĐỘNG");
        assert_eq!(
            h.title.as_ref().unwrap().text,
            "Thực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025 của Ban Bí thư về bảo hiểm y tế toàn dân"
        );
        assert!(h.attached_by.is_some());
        // A title that opens with `Thực hiện`, or goes on with it in lower case or in capitals,
        // is all title.
        for (text, title) in [
            (
                "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\ncủa Bộ Chính trị\n\nI. MỤC ĐÍCH\n",
                "Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
            ),
            (
                "KẾ HOẠCH\nTuyên truyền, phổ biến\nthực hiện Chỉ thị số 02/CT-TTg\n\nI. MỤC ĐÍCH\n",
                "Tuyên truyền, phổ biến thực hiện Chỉ thị số 02/CT-TTg",
            ),
            (
                "KẾ HOẠCH\nTUYÊN TRUYỀN\nTHỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW\n\nI. MỤC ĐÍCH\n",
                "TUYÊN TRUYỀN THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW",
            ),
        ] {
            assert_eq!(header(text).title.as_ref().unwrap().text, title, "{text:?}");
        }
    }

    #[test]
    fn the_front_mass_organisations_and_election_bodies_are_told_from_the_state() {
        for (issuer, org) in [
            ("ỦY BAN NHÂN DÂN\nXÃ LỤC BÌNH", Organisation::State),
            ("HỘI ĐỒNG NHÂN DÂN\nTỈNH SƠN LA", Organisation::State),
            ("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH", Organisation::Front),
            ("HỘI LIÊN HIỆP PHỤ NỮ\nTỈNH SƠN LA", Organisation::Front),
            ("LIÊN ĐOÀN LAO ĐỘNG\nTỈNH LÀO CAI", Organisation::Front),
            ("ỦY BAN BẦU CỬ\nXÃ PHỐ BẢNG", Organisation::Election),
            ("ĐẢNG ỦY XÃ LỤC BÌNH", Organisation::Party),
        ] {
            let h = header(&format!(
                "{issuer}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nKẾ HOẠCH\nTuyên truyền\n\nI. MỤC ĐÍCH\n"
            ));
            assert_eq!(h.header.organisation, org, "{issuer}");
        }
    }

    #[test]
    fn party_header_as_a_word_table() {
        let h = header(
            "ĐẢNG BỘ HUYỆN BẠCH THÔNG\tĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ LỤC BÌNH\t\n*\t\nSố 52-KH/ĐU\tLục Bình, ngày 16 tháng 5 năm 2023\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 20-NQ/TW\n\nI. MỤC ĐÍCH\n",
        );
        assert_eq!(h.header.issuer_lines.len(), 2);
        assert_eq!(h.header.system, IssuerSystem::Party);
        assert_eq!(h.header.symbol.as_ref().unwrap().form, SymbolForm::Party);
        assert_eq!(h.header.place_date.as_ref().unwrap().date.status, DateStatus::Complete);
        assert_eq!(h.title.unwrap().text, "thực hiện Nghị quyết số 20-NQ/TW");
        assert_eq!(h.body_start, 8);
    }

    /// A fragment (a rule test) may put a task table right under the kind: it is not a title.
    #[test]
    fn a_table_under_the_kind_is_not_the_title() {
        let h =
            header("KẾ HOẠCH\n\n| TT | Nội dung | Đơn vị chủ trì |\n|---|---|---|\n| 1 | Tuyên truyền | Trạm Y tế |\n");
        assert!(h.title.is_none());
        assert_eq!(h.body_start, 2);
    }
}
