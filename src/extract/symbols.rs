//! Document symbols (số, ký hiệu): finding where one ends in running text, and reading its parts
//! from the state (`122/QĐ-TTg`), normative (`57/2025/NQ-HĐND`) and party (`20-NQ/TW`) forms —
//! and from the malformed ones users write (`16-/CT-UBND`, `1300/QĐ - BYT`, `/141 -KH/HU`).

use super::ExtractOptions;
use super::re::{Lazy, int};
use crate::model::{PARTY_ISSUER_CODES, Span, Symbol, SymbolDefect, SymbolForm};

pub(super) static NORMATIVE: Lazy = Lazy::new(
    r"^([0-9]+[a-zđ]?)/((?:19|20)[0-9]{2})/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$",
);
pub(super) static ASSEMBLY: Lazy = Lazy::new(r"^([0-9]+)/((?:19|20)[0-9]{2})/((?:QH|UBTVQH)[0-9]{1,2})$");
pub(super) static STATE: Lazy =
    Lazy::new(r"^([0-9]+[a-zđ]?)?/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$");
pub(super) static PARTY: Lazy =
    Lazy::new(r"^([0-9]+[a-zđ]?)?-([A-ZĐ][A-Za-zĐđ]*)/([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)$");

/// Document type codes of Nghị định 30/2020 (Phụ lục III) and of normative documents.
pub(super) const TYPE_CODES: &[&str] = &[
    "NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ",
    "BGN", "BTT", "GUQ", "GM", "GGT", "NĐ", "TT", "TTLT", "KL", "QyC", "CV", "PL", "L",
];

fn is_sep(c: char) -> bool {
    matches!(c, '/' | '-' | '–')
}

fn is_sym_char(c: char) -> bool {
    c.is_alphanumeric() || is_sep(c)
}

/// The end of a symbol that starts at `at` in `text`: letters, digits and `/ -`; spaces only
/// around a separator that joins two parts (`1300/QĐ - BYT`). `None` when what starts there is
/// not a symbol (no separator, or no letter after the number). With `blank_ok`, a symbol may
/// start with its separator or with dots standing for a number not filled in (`/KH-UBND`,
/// `…/KH-UBND`).
pub(super) fn scan(text: &str, at: usize, blank_ok: bool) -> Option<usize> {
    let rest = text.get(at..)?;
    let mut chars = rest.char_indices().peekable();
    let first = chars.peek()?.1;
    let placeholder = |c: char| matches!(c, '.' | '…' | '_');
    if !(first.is_ascii_digit() || (blank_ok && (is_sep(first) || placeholder(first)))) {
        return None;
    }
    let mut end = 0;
    let mut last = '\0';
    while let Some(&(i, c)) = chars.peek() {
        if is_sym_char(c)
            || (blank_ok && end == 0 && placeholder(c))
            || (blank_ok && placeholder(c) && placeholder(last))
        {
            end = i + c.len_utf8();
            last = c;
            chars.next();
            continue;
        }
        if c == ' ' {
            // Spaces are part of the symbol only around a separator that joins two parts.
            let after = rest.get(i..).unwrap_or_default();
            let trimmed = after.trim_start_matches(' ');
            let spaces = after.len() - trimmed.len();
            let n1 = trimmed.chars().next();
            // The first character after the separator that follows the spaces.
            let after_sep =
                n1.filter(|&c| is_sep(c)).and_then(|c| trimmed.get(c.len_utf8()..)).map(|r| r.trim_start_matches(' '));
            let joins = spaces <= 2
                && ((is_sep(last) && n1.is_some_and(char::is_alphanumeric))
                    || (last.is_alphanumeric()
                        && after_sep.is_some_and(|r| r.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))));
            if joins && end > 0 {
                for _ in 0..spaces {
                    chars.next();
                }
                continue;
            }
        }
        break;
    }
    let sym = rest.get(..end)?;
    let has_sep = sym.chars().any(is_sep);
    let has_letter = sym.chars().any(char::is_alphabetic);
    (end > 0 && has_sep && has_letter).then_some(at + end)
}

/// [`read`], remembered per thread by the text of the symbol (a plan cites the same documents
/// as the plans beside it): the span is the only part that depends on where it is.
pub(super) fn parse(opts: ExtractOptions, raw: &str, span: Span) -> Symbol {
    thread_local! {
        static READ: crate::memo::Memo<Symbol> = crate::memo::Memo::default();
    }
    let mut symbol = crate::memo::remember(&READ, raw, 0, || read(opts, raw, Span::default()));
    symbol.span = span;
    symbol
}

/// Read the parts of a symbol as written.
fn read(opts: ExtractOptions, raw: &str, span: Span) -> Symbol {
    let mut defects = Vec::new();
    let mut compact: String = if raw.contains(|c: char| c.is_whitespace() || c == '–') {
        raw.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '–' { '-' } else { c }).collect()
    } else {
        raw.to_owned()
    };
    if compact.len() != raw.len() && raw.chars().any(char::is_whitespace) {
        defects.push(SymbolDefect::SpaceInside);
    }
    // Dots or underscores standing for a number not yet filled in.
    let blank = compact.trim_start_matches(['.', '…', '_']);
    if blank.len() != compact.len() && blank.starts_with(['/', '-']) {
        compact = blank.to_owned();
    }
    // A separator doubled or left hanging: `16-/CT-UBND`, `1453/QĐ-`.
    for (bad, good) in [("-/", "/"), ("/-", "/"), ("//", "/"), ("--", "-")] {
        if compact.contains(bad) {
            compact = compact.replace(bad, good);
            push(&mut defects, SymbolDefect::DanglingSeparator);
        }
    }
    if compact.ends_with(['/', '-']) {
        compact.pop();
        push(&mut defects, SymbolDefect::DanglingSeparator);
    }
    // A separator before a number: `/141-KH/HU` (a separator before letters is a blank number).
    if compact.starts_with(['/', '-']) && compact.get(1..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        compact.remove(0);
        defects.push(SymbolDefect::LeadingSeparator);
    }
    let mut symbol = Symbol {
        raw: raw.to_owned(),
        span,
        form: SymbolForm::Malformed,
        number: None,
        year: None,
        type_code: None,
        issuer_code: None,
        defects,
    };
    let text = compact.as_str();
    // The normative forms have two slashes, the state and party forms one.
    let slashes = text.bytes().filter(|&b| b == b'/').count();
    if let Some(c) = (slashes == 2).then(|| NORMATIVE.captures(opts, text)).flatten() {
        fill(&mut symbol, SymbolForm::Normative, c.get(1), c.get(3), c.get(4));
        symbol.year = int(&c, 2);
    } else if let Some(c) = (slashes == 2).then(|| ASSEMBLY.captures(opts, text)).flatten() {
        fill(&mut symbol, SymbolForm::Normative, c.get(1), None, c.get(3));
        symbol.year = int(&c, 2);
    } else if let Some(c) = (slashes == 1).then(|| STATE.captures(opts, text)).flatten() {
        fill(&mut symbol, SymbolForm::State, c.get(1), c.get(2), c.get(3));
        if symbol.issuer_code.as_deref().is_some_and(|i| PARTY_ISSUER_CODES.contains(&i)) {
            push(&mut symbol.defects, SymbolDefect::MixedForm);
        }
    } else if let Some(c) = (slashes == 1).then(|| PARTY.captures(opts, text)).flatten() {
        fill(&mut symbol, SymbolForm::Party, c.get(1), c.get(2), c.get(3));
    } else {
        symbol.number =
            Some(text.chars().take_while(char::is_ascii_digit).collect::<String>()).filter(|n| !n.is_empty());
        push(&mut symbol.defects, SymbolDefect::Unparsed);
    }
    if !symbol.defects.is_empty() {
        symbol.form = SymbolForm::Malformed;
    }
    symbol
}

fn push(defects: &mut Vec<SymbolDefect>, d: SymbolDefect) {
    if !defects.contains(&d) {
        defects.push(d);
    }
}

fn fill(
    s: &mut Symbol,
    form: SymbolForm,
    number: Option<super::re::Match<'_>>,
    ty: Option<super::re::Match<'_>>,
    issuer: Option<super::re::Match<'_>>,
) {
    s.form = form;
    s.number = number.map(|m| m.as_str().to_owned());
    s.type_code = ty.map(|m| m.as_str().to_owned());
    s.issuer_code = issuer.map(|m| issuer_case(m.as_str()));
}

/// Issuer codes written in mixed case by rule (`TTg`, the Prime Minister), as legal databases
/// that upper-case whole symbols (`06/QĐ-TTG`) lose it: the code as it is written by rule, so that
/// a citation matches the registry and its other mentions.
const MIXED_CASE_CODES: &[&str] = &["TTg"];

fn issuer_case(code: &str) -> String {
    MIXED_CASE_CODES.iter().find(|c| c.eq_ignore_ascii_case(code)).map_or_else(|| code.to_owned(), |c| (*c).to_owned())
}

/// Whether a well-formed symbol found without a document type word before it is likely a real
/// citation (its type code is a known one).
pub(super) fn known_type(symbol: &Symbol) -> bool {
    symbol.type_code.as_deref().is_some_and(|t| TYPE_CODES.contains(&t))
        || symbol.issuer_code.as_deref().is_some_and(|i| i.starts_with("QH") || i.starts_with("UBTVQH"))
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;

    fn p(raw: &str) -> Symbol {
        parse(OPTS, raw, Span::default())
    }

    fn scanned(text: &str) -> Option<&str> {
        scan(text, 0, false).map(|end| text.get(..end).unwrap())
    }

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[&NORMATIVE, &ASSEMBLY, &STATE, &PARTY]);
    }

    #[test]
    fn the_three_forms() {
        let s = p("57/2025/NQ-HĐND");
        assert_eq!(
            (s.form, s.number.as_deref(), s.year, s.type_code.as_deref(), s.issuer_code.as_deref()),
            (SymbolForm::Normative, Some("57"), Some(2025), Some("NQ"), Some("HĐND"))
        );
        let s = p("122/QĐ-TTg");
        assert_eq!(
            (s.form, s.number.as_deref(), s.type_code.as_deref(), s.issuer_code.as_deref()),
            (SymbolForm::State, Some("122"), Some("QĐ"), Some("TTg"))
        );
        let s = p("80a-KH/HU");
        assert_eq!(
            (s.form, s.number.as_deref(), s.type_code.as_deref(), s.issuer_code.as_deref()),
            (SymbolForm::Party, Some("80a"), Some("KH"), Some("HU"))
        );
        let s = p("03-CTr/TU");
        assert_eq!((s.form, s.type_code.as_deref()), (SymbolForm::Party, Some("CTr")));
        let s = p("262/2025/QH15");
        assert_eq!((s.form, s.year, s.issuer_code.as_deref()), (SymbolForm::Normative, Some(2025), Some("QH15")));
        let s = p("/KH-UBND");
        assert_eq!((s.form, s.number, s.defects), (SymbolForm::State, None, vec![]));
        let s = p("....../KH-UBND");
        assert_eq!((s.form, s.number), (SymbolForm::State, None));
    }

    #[test]
    fn malformed_symbols_keep_their_parts_and_defects() {
        let s = p("16-/CT-UBND");
        assert_eq!(
            (s.form, s.number.as_deref(), s.type_code.as_deref(), s.defects.clone()),
            (SymbolForm::Malformed, Some("16"), Some("CT"), vec![SymbolDefect::DanglingSeparator])
        );
        assert_eq!(s.canonical().as_deref(), Some("16/CT-UBND"));
        // Legal databases upper-case whole symbols; the Prime Minister's code keeps its case.
        let s = parse(OPTS, "06/QĐ-TTG", Span::new(0, 10));
        assert_eq!(s.canonical().as_deref(), Some("06/QĐ-TTg"));
        let s = p("1300/QĐ - BYT");
        assert_eq!(
            (s.form, s.issuer_code.as_deref(), s.defects.clone()),
            (SymbolForm::Malformed, Some("BYT"), vec![SymbolDefect::SpaceInside])
        );
        assert_eq!(s.canonical().as_deref(), Some("1300/QĐ-BYT"));
        let s = p("/141 -KH/HU");
        assert_eq!(s.defects, vec![SymbolDefect::SpaceInside, SymbolDefect::LeadingSeparator]);
        assert_eq!(s.canonical().as_deref(), Some("141-KH/HU"));
        let s = p("21/NQ-TW");
        assert_eq!((s.form, s.defects), (SymbolForm::Malformed, vec![SymbolDefect::MixedForm]));
    }

    #[test]
    fn where_a_symbol_ends_in_running_text() {
        assert_eq!(scanned("1300/QĐ - BYT ngày 09 tháng 03"), Some("1300/QĐ - BYT"));
        assert_eq!(scanned("16-/CT-UBND ngày 14/10/2025"), Some("16-/CT-UBND"));
        assert_eq!(scanned("57/2025/NQ-HĐND ngày"), Some("57/2025/NQ-HĐND"));
        assert_eq!(scanned("07/CT-TTg."), Some("07/CT-TTg"));
        assert_eq!(scanned("72-NQ/TW, ngày 09/9/2025"), Some("72-NQ/TW"));
        assert_eq!(scanned("1300/QĐ-BYT và Quyết định"), Some("1300/QĐ-BYT"));
        assert_eq!(scanned("1300/QĐ-BYT - về việc"), Some("1300/QĐ-BYT"));
        assert_eq!(scanned("1816 với các Bệnh viện"), None);
        assert_eq!(scanned("4-5 bác sĩ"), None);
        assert_eq!(scan("/KH-UBND ngày", 0, true), Some(8));
        assert_eq!(scan("    /KH-UBND", 0, true), None);
    }
}
