//! Citations of other documents in running text:
//! `<loại> số <ký hiệu> [ngày <ngày>] [của <cơ quan>] [về/về việc/phê duyệt … <trích yếu>]`.
//! A symbol written without a type word (`Quyết định số 1300/QĐ-BYT và 1453/QĐ-BYT`) is a
//! citation too when its type code is a known one.

use super::ExtractOptions;
use super::dates::{DateMatch, cut_date, date_at, find_period, has_year};
use super::re::Lazy;
use super::symbols::{known_type, parse, scan};
use crate::model::{PeriodKind, Span};
use crate::text::lower as to_lower;
use crate::text::may_be;
use crate::text::prefix_chars;

/// A document type word right before a symbol (at the end of the text before it).
pub(super) static TYPE_BEFORE: Lazy = Lazy::folded(concat!(
    r"(thông\s+báo\s+kết\s+luận|chương\s+trình\s+hành\s+động|thông\s+tư\s+liên\s+tịch|nghị\s+quyết\s+liên\s+tịch|",
    r"nghị\s+quyết|quyết\s+định|chỉ\s+thị|kết\s+luận|thông\s+tư|nghị\s+định|kế\s+hoạch|chương\s+trình|thông\s+báo|",
    r"hướng\s+dẫn|luật|công\s+văn|công\s+điện|đề\s+án|quy\s+định|quy\s+chế|pháp\s+lệnh|văn\s+bản|tờ\s+trình|báo\s+cáo|thông\s+tri)",
    r"\s*(?:số\s*(?:hiệu\s*)?:?\s*)?$"
));
/// Where a symbol can start: a number, an optional year, a separator, a capital letter.
pub(super) static SYMBOL_START: Lazy = Lazy::new(r"[0-9]{1,5}[a-zđ]?(?:/(?:19|20)[0-9]{2})?\s?[/\-–]{1,2}\s?[A-ZĐ]");
pub(super) static AFTER_SYMBOL: Lazy = Lazy::folded(r"^[\s,]*(?:được\s+)?(?:ban\s+hành\s+|ký\s+)?");
pub(super) static ISSUER_START: Lazy = Lazy::folded(r"^[\s,]*(?:của|do)\s+");
pub(super) static ISSUER_STOP: Lazy = Lazy::new(concat!(
    r"[;,.:()“”\x22]|\s(?:về|Về\s+việc|V/v|v/v|phê\s+duyệt|[Bb]an\s+hành|[Qq]uy\s+định|hướng\s+dẫn|đính\s+chính|thực\s+hiện|triển\s+khai|",
    r"đã|tại|trong|nhằm|theo|gắn|để|cho|sửa\s+đổi|bổ\s+sung|với|kèm)\s|",
    // `và` ends the issuer before a lower-case word or another document (`của Bộ Y tế và Quyết
    // định số …`), not inside a name (`Bộ Giáo dục và Đào tạo`, `Bộ Khoa học và Công nghệ`).
    r"\svà\s+(?:\p{Ll}|(?:Nghị|Quyết|Chỉ|Kết|Thông|Kế|Chương|Hướng|Công|Văn|Luật|Tờ|Báo)\s+\p{Ll})"
));
pub(super) static TITLE_START: Lazy = Lazy::folded(
    r"^[\s,]*(về\s+việc\s+|về\s+|v/v\s*:?\s*)?(phê\s+duyệt|ban\s+hành|quy\s+định|hướng\s+dẫn|đính\s+chính|sửa\s+đổi)?",
);
pub(super) static TITLE_STOP: Lazy = Lazy::folded(concat!(
    r";|\.(?:\s|$)|\((?:viết\s+tắt|sau\s+đây|gọi\s+tắt)|\s(?:và|;)\s+(?:các\s+)?(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kết\s+luận|",
    r"thông\s+tư|nghị\s+định|kế\s+hoạch|chương\s+trình|thông\s+báo|hướng\s+dẫn|công\s+văn)\s"
));

/// A citation found in a text: byte ranges in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    /// (canonical name, start, end).
    pub(super) doc_type: Option<(String, usize, usize)>,
    pub(super) symbol: (usize, usize),
    pub(super) date: Option<DateMatch>,
    /// A day and month with the text ending before their year (see `Citation::date_cut`).
    pub(super) date_cut: Option<(usize, usize)>,
    pub(super) issuer: Option<(usize, usize)>,
    pub(super) title: Option<(usize, usize)>,
    /// (start, end, kind, first year, last year) inside the title.
    pub(super) period: Option<(usize, usize, PeriodKind, Option<i32>, i32)>,
}

fn canonical_type(written: &str) -> String {
    let lower: String = to_lower(written).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The type word at the end of `head` ([`TYPE_BEFORE`]'s group): the match without what
/// follows the word (`\s*(?:số\s*(?:hiệu\s*)?:?\s*)?`, which no type word ends with), read
/// back from its end instead of by the slower capture search.
fn type_before(opts: ExtractOptions, head: &str) -> Option<(usize, usize)> {
    let m = TYPE_BEFORE.find(opts, head)?;
    let mut word = m.as_str().trim_end();
    word = word.strip_suffix(':').unwrap_or(word).trim_end();
    for suffix in ["hiệu", "số"] {
        let cut = word.char_indices().rev().nth(suffix.chars().count() - 1).map_or(0, |(i, _)| i);
        // Case-insensitive as the regex: the long s `ſ` folds to `s` too.
        let same = |w: &str| {
            w.chars().count() == suffix.chars().count()
                && w.chars()
                    .zip(suffix.chars())
                    .all(|(a, b)| a == b || may_be(a, &[b]) && crate::text::lower_fast(a).is_some())
        };
        if word.get(cut..).is_some_and(same) {
            word = word.get(..cut).unwrap_or(word).trim_end();
        }
    }
    Some((m.start(), m.start() + word.len()))
}

/// First letters of [`AFTER_SYMBOL`]'s, [`ISSUER_START`]'s and [`TITLE_START`]'s words.
const AFTER_SYMBOL_FIRST: &[char] = &['đ', 'b', 'k'];
const ISSUER_FIRST: &[char] = &['c', 'd'];
const TITLE_FIRST: &[char] = &['v', 'p', 'b', 'q', 'h', 'đ', 's'];

/// Whether what follows `[\s,]*` at the start of `rest` may start one of the words in `set`.
fn may_start_word(rest: &str, set: &[char]) -> bool {
    rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',').chars().next().is_some_and(|c| may_be(c, set))
}

/// Whether a text may hold what [`SYMBOL_START`] finds: it ends with a separator followed (past
/// a second separator and a space, at most) by a capital letter. Most texts with a `/` have
/// dates or `HIV/AIDS`-like words only… or nothing after their separators but lower case.
fn may_have_symbol(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'/', b'-', 0xE2, bytes).any(|i| {
        let mut rest = text.get(i..).unwrap_or_default().chars();
        // The separator itself (0xE2 starts `–`, and other characters this ignores).
        if rest.next().is_none_or(|c| !matches!(c, '/' | '-' | '–')) {
            return false;
        }
        for c in rest.take(3) {
            if c.is_ascii_uppercase() || c == 'Đ' {
                return true;
            }
            if !(matches!(c, '/' | '-' | '–') || c.is_whitespace()) {
                return false;
            }
        }
        false
    })
}

/// Every citation in a text, left to right. Symbols are found first (every form has a `/`),
/// then the type word before each.
pub(super) fn find(opts: ExtractOptions, text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    if memchr::memchr(b'/', text.as_bytes()).is_none() || !may_have_symbol(text) {
        return out;
    }
    let mut covered = 0;
    for m in SYMBOL_START.find_iter(opts, text) {
        let start = m.start();
        let before = text.get(..start).and_then(|p| p.chars().next_back());
        if start < covered || before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | ',')) {
            continue;
        }
        let Some(end) = scan(text, start, false) else { continue };
        covered = end;
        let mut head_start = start.saturating_sub(64);
        while head_start > 0 && !text.is_char_boundary(head_start) {
            head_start -= 1;
        }
        let head = text.get(head_start..start).unwrap_or_default();
        // The type word must start a word: `Quyết định`, not the tail of another word.
        if let Some(ty) = type_before(opts, head)
            && text.get(..head_start + ty.0).and_then(|p| p.chars().next_back()).is_none_or(|ch| !ch.is_alphanumeric())
        {
            let (a, b) = (head_start + ty.0, head_start + ty.1);
            let written = text.get(a..b).unwrap_or_default();
            out.push(complete(opts, text, Some((canonical_type(written), a, b)), a, (start, end)));
            continue;
        }
        let symbol = parse(opts, text.get(start..end).unwrap_or_default(), Span::default());
        if symbol.defects.is_empty() && known_type(&symbol) {
            out.push(complete(opts, text, None, start, (start, end)));
        }
    }
    out
}

fn complete(
    opts: ExtractOptions,
    text: &str,
    doc_type: Option<(String, usize, usize)>,
    start: usize,
    symbol: (usize, usize),
) -> Found {
    let mut end = symbol.1;
    let mut at = symbol.1;
    // Every part after the symbol is short: the regexes read a bounded window of what follows,
    // never the rest of the text (a paragraph of thousands of citations would be read again
    // for each one).
    let rest = prefix_chars(text.get(at..).unwrap_or_default(), 64);
    let skip = if may_start_word(rest, AFTER_SYMBOL_FIRST) {
        AFTER_SYMBOL.find(opts, rest).map_or(0, |m| m.end())
    } else {
        // `[\s,]*` alone.
        rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',').len()
    };
    // A date starts with `ngày`, `tháng` or a digit.
    let may_date = text
        .get(at + skip..)
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, 'n' | 'N' | 't' | 'T'));
    let date = may_date.then(|| date_at(opts, text, at + skip)).flatten().filter(|d| {
        let lead = text.get(at + skip..d.start).unwrap_or_default();
        lead.trim().is_empty()
            && (d.form == crate::model::DateForm::Words
                || text.get(at..d.end).is_some_and(|s| s.contains("ngày"))
                || d.day.is_some())
    });
    if let Some(d) = date {
        end = d.end;
        at = d.end;
    }
    let date_cut = if date.is_none() && may_date { cut_date(text, at + skip) } else { None };
    let mut issuer = None;
    let after_date = prefix_chars(text.get(at..).unwrap_or_default(), 32);
    if may_start_word(after_date, ISSUER_FIRST)
        && let Some(m) = ISSUER_START.find(opts, after_date)
    {
        let from = at + m.end();
        // Fourteen words at most, and the stop word after them; twenty when a title (`về …`)
        // follows them (`của Hội nghị lần thứ mười tám Ban Chấp hành Đảng bộ thành phố Khóa XVI
        // về phát triển du lịch`): running text after an issuer is not read as its name.
        let rest = prefix_chars(text.get(from..).unwrap_or_default(), 200);
        let found = ISSUER_STOP.find(opts, rest);
        let mut stop = found.map_or(rest.len(), |s| s.start());
        let title_follows = found.is_some_and(|s| {
            let w = s.as_str().trim_start();
            w.starts_with("về ") || w.starts_with("Về") || w.starts_with("V/v") || w.starts_with("v/v")
        });
        let mut spaces = rest.char_indices().filter(|(_, ch)| *ch == ' ').map(|(i, _)| i);
        let (fourteenth, twentieth) = (spaces.nth(13), spaces.nth(5));
        if let Some(i) = fourteenth
            && i < stop
            && !(title_follows && twentieth.is_none_or(|j| stop < j))
        {
            stop = i;
        }
        let name = rest.get(..stop).unwrap_or_default().trim_end();
        if !name.is_empty() {
            issuer = Some((from, from + name.len()));
            end = from + name.len();
            at = end;
        }
    }
    let mut title = None;
    let mut period = None;
    let rest = text.get(at..).unwrap_or_default();
    let start_window = prefix_chars(rest, 32).len();
    if may_start_word(rest, TITLE_FIRST)
        && let Some(c) = TITLE_START.captures(opts, rest.get(..start_window).unwrap_or(rest))
        && let Some(all) = c.get(0)
        && (c.get(1).is_some() || c.get(2).is_some())
    {
        let from = at + c.get(2).map_or(all.end(), |m| m.start());
        // A title is at most 300 characters (below), its stop one more.
        let body = prefix_chars(text.get(from..).unwrap_or_default(), 302);
        let mut stop = TITLE_STOP.find(opts, body).map_or(body.len(), |s| s.start());
        // A title that opens a quotation ends where the quotation closes.
        let head_end = prefix_chars(body, 60).len().min(stop);
        if let Some(open) = body.get(..head_end).and_then(|h| h.find(['“', '"']))
            && let Some(inner) = body.get(open..).and_then(|r| r.char_indices().nth(1)).map(|(i, _)| open + i)
            && let Some(close) = body.get(inner..).and_then(|r| r.find(['”', '"']))
        {
            let close_at = inner + close;
            stop = close_at + body.get(close_at..).and_then(|r| r.chars().next()).map_or(1, char::len_utf8);
        }
        let stop = stop.min(prefix_chars(body, 300).len());
        let t = body.get(..stop).unwrap_or_default().trim_end_matches([',', ' ']);
        if !t.trim().is_empty() {
            title = Some((from, from + t.len()));
            end = from + t.len();
            period = has_year(t)
                .then(|| find_period(opts, t))
                .flatten()
                .map(|(a, b, k, y1, y2)| (from + a, from + b, k, y1, y2));
        }
    }
    Found { start, end, doc_type, symbol, date, date_cut, issuer, title, period }
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[
            &TYPE_BEFORE,
            &SYMBOL_START,
            &AFTER_SYMBOL,
            &ISSUER_START,
            &ISSUER_STOP,
            &TITLE_START,
            &TITLE_STOP,
        ]);
    }

    fn parts(text: &str) -> Vec<[String; 5]> {
        let g = |r: Option<(usize, usize)>| r.and_then(|(a, b)| text.get(a..b)).unwrap_or_default().to_owned();
        find(OPTS, text)
            .into_iter()
            .map(|f| {
                [
                    f.doc_type.map(|t| t.0).unwrap_or_default(),
                    g(Some(f.symbol)),
                    g(f.date.map(|d| (d.start, d.end))),
                    g(f.issuer),
                    g(f.title),
                ]
            })
            .collect()
    }

    #[test]
    fn prechecks_never_refuse_what_the_regexes_match() {
        for (class, set) in
            [(r"(?i)^[đbk]$", AFTER_SYMBOL_FIRST), (r"(?i)^[cd]$", ISSUER_FIRST), (r"(?i)^[vpbqhđs]$", TITLE_FIRST)]
        {
            let re = regex::Regex::new(class).unwrap();
            for c in (0..0x11_0000u32).filter_map(char::from_u32) {
                if re.is_match(c.encode_utf8(&mut [0; 4])) {
                    assert!(may_be(c, set), "{class} {c:?}");
                }
            }
        }
        let symbol = regex::Regex::new(SYMBOL_START.pattern()).unwrap();
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "1", "12", "2020", "/", "-", "–", "—", " ", "\u{a0}", "A", "Đ", "đ", "a", "QĐ", "HIV", "AIDS", "x", "ạ",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..12).prop_map(|v| v.concat());
        runner
            .run(&strategy, |t| {
                prop_assert!(!symbol.is_match(&t) || may_have_symbol(&t), "{t:?}");
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn type_words_read_back_agree_with_the_capture_group() {
        let types = [
            "Quyết định",
            "thông báo kết luận",
            "Chương trình hành động",
            "CHƯƠNG TRÌNH",
            "nghị quyết liên tịch",
            "Nghị quyết",
            "luật",
            "Kế hoạch",
            "tờ trình",
            "thông tri",
            "Công văn",
        ];
        let tails = [
            "",
            " ",
            "số",
            " số ",
            " Số:",
            " số: ",
            " số hiệu: ",
            " SỐ HIỆU",
            "số hiệu",
            "  sốhiệu :  ",
            ":",
            " : ",
            " ſố",
            " ſố hiệu",
        ];
        for ty in types {
            for tail in tails {
                for lead in ["", "Căn cứ ", "x", "theo\u{a0}"] {
                    let head = format!("{lead}{ty}{tail}");
                    let by_captures =
                        TYPE_BEFORE.captures(OPTS, &head).and_then(|c| c.get(1)).map(|g| (g.start(), g.end()));
                    assert_eq!(type_before(OPTS, &head), by_captures, "{head:?}");
                }
            }
        }
    }

    #[test]
    fn a_full_citation() {
        let t = "Căn cứ quyết định số 122/QĐ-TTg ngày 25/01/2013 của thủ tướng chính phủ về việc phê duyệt chiến lược quốc gia giai đoạn 2011-2023, tầm nhìn đến 2030;";
        assert_eq!(
            parts(t),
            [[
                "Quyết định",
                "122/QĐ-TTg",
                "ngày 25/01/2013",
                "thủ tướng chính phủ",
                "phê duyệt chiến lược quốc gia giai đoạn 2011-2023, tầm nhìn đến 2030"
            ]
            .map(String::from)]
        );
        let f = &find(OPTS, t)[0];
        assert_eq!(f.period.map(|p| (p.3, p.4)), Some((Some(2011), 2023)));
    }

    #[test]
    fn several_citations_in_one_sentence() {
        let t = "Thực hiện Nghị quyết số 72-NQ/TW ngày 09/9/2025 của Bộ Chính trị; Chương trình số 03-CTr/TU ngày 30/10/2025 của Thành ủy Hải Phòng và Chương trình hành động của Ban Thường vụ; Kế hoạch số 49-KH/ĐU ngày 22/12/2025 của Đảng ủy xã Đại Sơn về thực hiện Nghị quyết số 72-NQ/TW, ngày 09/9/2025 của Bộ Chính trị về một số giải pháp đột phá;";
        let p = parts(t);
        assert_eq!(p.len(), 4);
        assert_eq!(p[1], ["Chương trình", "03-CTr/TU", "ngày 30/10/2025", "Thành ủy Hải Phòng", ""].map(String::from));
        assert_eq!(p[2][3], "Đảng ủy xã Đại Sơn");
        assert_eq!(p[3][2], "ngày 09/9/2025");
    }

    #[test]
    fn bare_symbols_words_dates_and_malformed_symbols() {
        let t = "Tổ chức triển khai Quyết định số 1300/QĐ-BYT và 1453/QĐ-BYT của Bộ Y tế; Kế hoạch số 141/KH-UBND ngày 16 tháng 5 năm 2023 của Ủy ban nhân huyện Bạch Thông về kế hoạch thực hiện; Chỉ thị số 16-/CT-UBND ngày 14/10/2025; Quyết định số 1300/QĐ - BYT ngày 09 tháng 03 năm 2023. Đề án 1816; HIV/AIDS; 4-5 bác sĩ.";
        let p = parts(t);
        let symbols: Vec<&str> = p.iter().map(|x| x[1].as_str()).collect();
        assert_eq!(symbols, ["1300/QĐ-BYT", "1453/QĐ-BYT", "141/KH-UBND", "16-/CT-UBND", "1300/QĐ - BYT"]);
        assert_eq!(p[2][2], "ngày 16 tháng 5 năm 2023");
        assert_eq!(p[2][3], "Ủy ban nhân huyện Bạch Thông");
        assert_eq!(p[1][3], "Bộ Y tế");
        assert_eq!(p[4][2], "ngày 09 tháng 03 năm 2023");
    }

    #[test]
    fn a_day_and_month_at_the_end_of_the_text_is_a_cut_date() {
        let cut =
            |t: &str| find(OPTS, t).first().and_then(|f| f.date_cut).and_then(|(a, b)| t.get(a..b)).map(str::to_owned);
        // A flattened table cell ends before the year.
        assert_eq!(cut("Triển khai Nghị quyết số 10/NQ-CP ngày 13 tháng 01 ").as_deref(), Some("ngày 13 tháng 01"));
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13/01;").as_deref(), Some("ngày 13/01"));
        // The next cell run on after it, in capitals.
        assert_eq!(
            cut("Nghị quyết số 10/NQ-CP ngày 13 tháng 01 Các bộ, cơ quan ngang bộ").as_deref(),
            Some("ngày 13 tháng 01")
        );
        // Lower-case words after the day and month: the year is missing, not cut off.
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13 tháng 01 của Chính phủ"), None);
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13 tháng 01năm"), None);
        // A whole date is a date, not a cut one; nor is a day with no month, or a wrong month.
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13 tháng 01 năm 2025"), None);
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13"), None);
        assert_eq!(cut("Nghị quyết số 10/NQ-CP ngày 13 tháng 14"), None);
        assert_eq!(cut("Nghị quyết số 10/NQ-CP"), None);
    }

    #[test]
    fn an_issuer_keeps_its_own_và_and_stops_at_a_capitalised_về_việc() {
        let t = "Căn cứ Quyết định số 2045/QĐ-BGDĐT ngày 01/8/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo về việc ban hành khung kế hoạch; Quyết định số 03/QĐ-UBBC ngày 05/12/2025 của Ủy ban bầu cử xã Phố Bảng Về việc thành lập Tiểu ban; Quyết định số 1/QĐ-BYT của Bộ Y tế và Quyết định số 2/QĐ-BYT của Bộ Y tế và các đơn vị.";
        let p = parts(t);
        assert_eq!(p[0][3], "Bộ trưởng Bộ Giáo dục và Đào tạo");
        assert_eq!(p[0][4], "ban hành khung kế hoạch");
        assert_eq!(p[1][3], "Ủy ban bầu cử xã Phố Bảng");
        assert_eq!(p[1][4], "thành lập Tiểu ban");
        assert_eq!((p[2][3].as_str(), p[3][3].as_str()), ("Bộ Y tế", "Bộ Y tế"));
    }

    #[test]
    fn a_long_issuer_is_read_up_to_its_title_and_no_further() {
        // Fifteen words, then `về`: the whole name and the title after it.
        let t = "Căn cứ Nghị quyết số 37-NQ/TU ngày 22/4/2025 của Hội nghị lần thứ mười tám Ban Chấp hành Đảng bộ thành phố Khóa XVI về phát triển du lịch; Quyết định số 5/QĐ-UBND của Ủy ban nhân dân tỉnh tổ chức kiểm tra rà soát đánh giá tổng kết toàn bộ các hoạt động của các cơ quan đơn vị địa phương trên địa bàn về việc X.";
        let p = parts(t);
        assert_eq!(p[0][3], "Hội nghị lần thứ mười tám Ban Chấp hành Đảng bộ thành phố Khóa XVI");
        assert_eq!(p[0][4], "phát triển du lịch");
        // Running text with `về` more than twenty words on: fourteen words, as before.
        assert_eq!(p[1][3], "Ủy ban nhân dân tỉnh tổ chức kiểm tra rà soát đánh giá tổng");
    }

    #[test]
    fn quoted_titles_end_with_the_quotation() {
        let t = "Quyết định số 5959/QĐ-BYT về thực hiện “Đổi mới phong cách, thái độ phục vụ” gắn với xây dựng cơ sở y tế xanh.";
        assert_eq!(parts(t)[0][4], "thực hiện “Đổi mới phong cách, thái độ phục vụ”");
    }
}
