//! The closing block: recipients (*Nơi nhận*) and the signature (`TM. ỦY BAN NHÂN DÂN`,
//! `KT. CHỦ TỊCH`, position, name). In Word's two-column layout both sit on the same lines,
//! recipients in the left cell and the signature in the right one.

use super::ExtractOptions;
use super::layout::{Line, LineKind};
use super::mapped::Mapped;
use super::re::Lazy;
use crate::model::{Recipients, Signature, Text};
use crate::source::SourceFile;

pub(super) static RECIPIENTS: Lazy = Lazy::folded(r"^nơi\s+nhận\s*:?");
pub(super) static ON_BEHALF: Lazy = Lazy::new(r"^(?:TM|T/M|T\.M|TM/)\s*[.:]?\s*\S");
pub(super) static DELEGATION: Lazy = Lazy::new(r"^(?:KT|K/T|TL|T/L|TUQ|Q|TM)\s*[.:/]\s*\S");
pub(super) static POSITION: Lazy = Lazy::new(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|TỔNG\s+GIÁM\s+ĐỐC|TỔNG\s+BÍ\s+THƯ|CHÁNH\s+ÁN|TRƯỞNG\s+BAN|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|CHI\s+CỤC\s+TRƯỞNG|VIỆN\s+TRƯỞNG|BÍ\s+THƯ|GIÁM\s+ĐỐC|TRƯỞNG\s+PHÒNG|CHÁNH\s+VĂN\s+PHÒNG|THỦ\s+TRƯỞNG|TRƯỞNG\s+TRẠM|HIỆU\s+TRƯỞNG|TRƯỞNG\s+ĐOÀN|CHỦ\s+NHIỆM|THƯỜNG\s+TRỰC|TỔ\s+TRƯỞNG|TRƯỞNG)\b",
);
pub(super) static SIGNED: Lazy = Lazy::folded(r"^\(?\s*(?:đã\s+ký|ký|chữ\s+ký|ký\s+tên|ký,?\s+ghi\s+rõ)");

/// Indentation from which a line of text laid out by position is in the right-hand column.
const RIGHT_COLUMN_INDENT: u32 = 30;

/// A recipient line under the signature's first lines: `- Lưu: VT.`
fn is_item(t: &str) -> bool {
    t.starts_with(['-', '+', '•', '–'])
}

/// Whether a cleaned line opens the closing block.
pub(super) fn is_closing_start(opts: ExtractOptions, t: &str) -> bool {
    // Each pattern is anchored and starts with one of these pairs of letters (only `nơi` ignores
    // case, and nothing but `N` folds to `n`, `Ơ` to `ơ`): most lines are decided there.
    let mut chars = t.chars();
    let start = (chars.next(), chars.next());
    matches!(
        start,
        (Some('n' | 'N'), Some('ơ' | 'Ơ'))
            | (Some('T'), Some('M' | '/' | '.' | 'L' | 'U'))
            | (Some('K'), Some('T' | '/'))
            | (Some('Q'), _)
    ) && is_closing_start_by_regex(opts, t)
}

fn is_closing_start_by_regex(opts: ExtractOptions, t: &str) -> bool {
    RECIPIENTS.is_match(opts, t)
        || ON_BEHALF.is_match(opts, t)
        || (DELEGATION.is_match(opts, t) && t.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase()))
}

/// A person's name: two to six words, each capitalised, in lower case after the capital
/// (`Nguyễn Văn Hoàn`); a line in capitals is a position or a body (`TRƯỞNG BAN XÂY DỰNG ĐẢNG`).
fn is_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
        && t.chars().any(char::is_lowercase)
}

/// Read the closing block from lines `[from, to)`.
pub(super) fn parse_closing(
    opts: ExtractOptions,
    src: &SourceFile,
    lines: &[Line],
    from: usize,
    to: usize,
) -> (Option<Recipients>, Option<Signature>) {
    let mut heading: Option<Text> = None;
    let mut items: Vec<Text> = Vec::new();
    let mut left_open = false;
    let mut sig: Vec<Mapped> = Vec::new();
    let mut pieces: Vec<Mapped> = Vec::new();
    for line in lines.get(from..to.min(lines.len())).unwrap_or_default() {
        let cells: Vec<&Mapped> = match &line.kind {
            LineKind::Blank => continue,
            LineKind::Text(m) => vec![m],
            LineKind::Row(cells) | LineKind::Columns(cells) => cells.iter().collect(),
        };
        let two_columns = cells.len() >= 2;
        // In text laid out by position, a line alone far to the right is in the signature column.
        let right_only = cells.len() == 1 && line.indent >= RIGHT_COLUMN_INDENT;
        // A table cell may hold a whole column, its lines run together (legal-database copies:
        // `Nơi nhận: - Bộ Y tế; - Lưu: VT.`, `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A`).
        pieces.clear();
        let mut column_of: Vec<usize> = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            for piece in expand_cell(opts, cell) {
                pieces.push(piece);
                column_of.push(i);
            }
        }
        for (cell, &i) in pieces.iter().zip(&column_of) {
            if cell.is_empty() {
                continue;
            }
            let t = cell.text.as_str();
            let left = (!two_columns || i == 0) && !right_only;
            if left && RECIPIENTS.is_match(opts, t) {
                heading = Some(cell.to_text(src));
                left_open = true;
                // `Nơi nhận: - Sở Y tế;` on one line.
                let rest = RECIPIENTS.find(opts, t).map_or(t.len(), |m| m.end());
                let item = cell.slice(rest, t.len()).trimmed(&[]);
                if let Some(stripped) = strip_bullet(&item) {
                    items.push(stripped.to_text(src));
                }
                continue;
            }
            if left && left_open && !is_closing_start(opts, t) && (sig.is_empty() || two_columns || is_item(t)) {
                if let Some(item) = strip_bullet(cell) {
                    items.push(item.to_text(src));
                }
                continue;
            }
            if is_closing_start(opts, t) || POSITION.is_match(opts, t) || !sig.is_empty() || is_name(t) {
                if SIGNED.is_match(opts, t) {
                    continue;
                }
                sig.push(cell.clone());
            }
        }
    }
    let recipients = heading.map(|h| {
        let span = items.iter().fold(h.span, |s, i| s.cover(i.span));
        Recipients { heading: h, items, span }
    });
    (recipients, signature(opts, src, &sig))
}

/// Cut a text at byte ranges, trimming the parts and dropping the empty ones.
fn cut(m: &Mapped, mut cuts: Vec<(usize, usize)>) -> Vec<Mapped> {
    cuts.sort_unstable();
    let mut parts = Vec::new();
    let mut at = 0;
    for (a, b) in cuts {
        if a >= at {
            parts.push(m.slice(at, a).trimmed(&[]));
            at = b;
        }
    }
    parts.push(m.slice(at, m.text.len()).trimmed(&[]));
    parts.retain(|p| !p.is_empty());
    parts
}

/// The lines of a table cell written on one line: cut at `<br>` and at rules of three or more
/// dashes or underscores (`ỦY BAN NHÂN DÂN TỈNH SƠN LA -------`).
pub(super) fn cell_lines(cell: &Mapped) -> Vec<Mapped> {
    let t = cell.text.as_str();
    if memchr::memchr3(b'<', b'-', b'_', t.as_bytes()).is_none() {
        return vec![cell.clone()];
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for br in ["<br>", "<br/>", "<br />", "<BR>"] {
        cuts.extend(t.match_indices(br).map(|(i, m)| (i, i + m.len())));
    }
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'-' || b == b'_' {
            let run = bytes.get(i..).map_or(0, |r| r.iter().take_while(|&&c| c == b).count());
            if run >= 3 {
                cuts.push((i, i + run));
            }
            i += run.max(1);
        } else {
            i += 1;
        }
    }
    if cuts.is_empty() { vec![cell.clone()] } else { cut(cell, cuts) }
}

/// The lines of a closing cell whose lines were run together (legal-database copies:
/// `Nơi nhận: - Bộ Y tế; - Lưu: VT.`, `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn A`): its
/// [`cell_lines`], then each recipient (after `; - `) and each part of a signature block.
fn expand_cell(opts: ExtractOptions, cell: &Mapped) -> Vec<Mapped> {
    let mut out = Vec::new();
    for line in cell_lines(cell) {
        let t = line.text.as_str();
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        if RECIPIENTS.is_match(opts, t) || t.starts_with("- ") {
            for sep in ["; - ", ": - ", ") - ", ". - ", "; + ", ": + "] {
                cuts.extend(t.match_indices(sep).map(|(i, _)| (i + 1, i + 2)));
            }
            cuts.extend(signature_column(opts, t).map(|i| (i, i + 1)));
        }
        let parts = if cuts.is_empty() { vec![line] } else { cut(&line, cuts) };
        out.extend(parts.iter().flat_map(|p| split_signature(opts, p)));
    }
    out
}

/// Where the signature column starts in a recipients line of PDF text whose column gap has
/// shrunk to one space (`Nơi nhận: TM. ỦY BAN NHÂN DÂN`, `- TT. Thành ủy; KT. CHỦ TỊCH`): the
/// space before an on-behalf or delegation mark whose line runs on in capitals to its end.
fn signature_column(opts: ExtractOptions, t: &str) -> Option<usize> {
    // The column runs in capitals to the end of the line: it starts after the last lower-case
    // letter (one pass, however long the line).
    let caps_from = t.char_indices().rev().find(|(_, c)| c.is_lowercase()).map_or(0, |(i, c)| i + c.len_utf8());
    let tail = t.get(caps_from..)?;
    tail.match_indices(' ').map(|(i, _)| caps_from + i).find(|&i| {
        let rest = t.get(i + 1..).unwrap_or_default();
        is_closing_start(opts, rest) && rest.chars().filter(|c| c.is_alphabetic()).count() >= 6
    })
}

/// A signature block run together on one line (`KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành`): its
/// on-behalf and delegation lines, the position and the name, each on its own.
fn split_signature(opts: ExtractOptions, m: &Mapped) -> Vec<Mapped> {
    let t = m.text.as_str();
    // An on-behalf or delegation line's start, whatever follows (the name is in lower case).
    let is_marker = |r: &str| ON_BEHALF.is_match(opts, r) || DELEGATION.is_match(opts, r);
    if !(is_marker(t) || POSITION.is_match(opts, t)) {
        return vec![m.clone()];
    }
    let mut starts = vec![0];
    // Whether the current part is an on-behalf or delegation line still waiting for its object
    // (`KT.` ⏎ `BỘ TRƯỞNG`), and whether it has one.
    let mut marker_waiting = is_marker(t);
    let mut at = t.find(' ').map_or(t.len(), |i| i + 1);
    if let Some(p) = POSITION.find(opts, t).filter(|_| !marker_waiting) {
        at = p.end();
    }
    while at < t.len() {
        let rest = t.get(at..).unwrap_or_default();
        let word_end = rest.find(' ').map_or(rest.len(), |i| i);
        let mut chars = rest.chars();
        let name = chars.next().is_some_and(char::is_uppercase) && chars.next().is_some_and(char::is_lowercase);
        if name {
            // A name (`Lê Công Thành`): the rest of the line.
            starts.push(at);
            break;
        }
        if is_marker(rest) {
            starts.push(at);
            marker_waiting = true;
            at += word_end + 1;
            continue;
        }
        if let Some(p) = POSITION.find(opts, rest) {
            if !marker_waiting {
                starts.push(at);
            }
            marker_waiting = false;
            at += p.end() + usize::from(rest.get(p.end()..).is_some_and(|r| r.starts_with(' ')));
            continue;
        }
        marker_waiting = false;
        at += word_end + 1;
    }
    starts.push(t.len());
    starts
        .windows(2)
        .filter_map(|w| w.first().zip(w.get(1)))
        .map(|(&a, &b)| m.slice(a, b).trimmed(&[]))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A recipient line without its bullet; `None` for sub-headings (`Gửi bản điện tử:`) and
/// artefacts with no name in them.
fn strip_bullet(m: &Mapped) -> Option<Mapped> {
    let t = m.text.as_str();
    let skip = t.len() - t.trim_start_matches(['-', '+', '•', '*', '–', ' ', '}']).len();
    let item = m.slice(skip, t.len()).trimmed(&[]);
    let text = item.text.as_str();
    if text.is_empty() || text.ends_with(':') || (text.starts_with('(') && text.ends_with(')')) {
        return None;
    }
    Some(item)
}

fn signature(opts: ExtractOptions, src: &SourceFile, lines: &[Mapped]) -> Option<Signature> {
    let first = lines.first()?;
    let mut s = Signature { on_behalf: None, delegation: None, position: None, signer: None, span: first.span(src) };
    for m in lines {
        let t = m.text.as_str();
        s.span = s.span.cover(m.span(src));
        if ON_BEHALF.is_match(opts, t) && s.on_behalf.is_none() {
            s.on_behalf = Some(m.to_text(src));
        } else if DELEGATION.is_match(opts, t) && s.delegation.is_none() {
            s.delegation = Some(m.to_text(src));
        } else if POSITION.is_match(opts, t) && s.position.is_none() {
            s.position = Some(m.to_text(src));
        } else if is_name(t) {
            s.signer = Some(m.to_text(src));
        }
    }
    (s.on_behalf.is_some() || s.delegation.is_some() || s.position.is_some() || s.signer.is_some()).then_some(s)
}

#[cfg(test)]
mod tests {
    /// The options extraction runs with by default.
    const OPTS: crate::extract::ExtractOptions = crate::extract::ExtractOptions { fold_case: false };

    use super::*;
    use crate::extract::layout::lines;

    #[test]
    fn regexes_compile() {
        super::super::re::assert_all_compile(&[&RECIPIENTS, &ON_BEHALF, &DELEGATION, &POSITION, &SIGNED]);
    }

    #[test]
    fn the_first_byte_test_agrees_with_the_regexes() {
        let tails =
            ["ơi nhận:", "ƠI NHẬN", "M. ỦY BAN", "/M UBND", "T. CHỦ TỊCH", "L. GIÁM ĐỐC", "UQ. X", ". X", "M/ X"];
        for c in (0..0x3000u32).chain(0xFF00..0xFFFF).chain([0x1E900, 0x10400]).filter_map(char::from_u32) {
            for tail in tails {
                let t = format!("{c}{tail}");
                assert_eq!(is_closing_start(OPTS, &t), is_closing_start_by_regex(OPTS, &t), "{t:?}");
            }
            for first in ["n", "N", "T", "K", "Q"] {
                for tail in ["i nhận:", "M. ỦY BAN", "M UBND", ". CHỦ TỊCH", "QĐ", ". X", "/T. X", ""] {
                    let t = format!("{first}{c}{tail}");
                    assert_eq!(is_closing_start(OPTS, &t), is_closing_start_by_regex(OPTS, &t), "{t:?}");
                }
            }
        }
    }

    fn closing(text: &str) -> (Option<Recipients>, Option<Signature>) {
        let src = SourceFile::from_text("t.txt", text).unwrap();
        let ls = lines(src.text());
        parse_closing(OPTS, &src, &ls, 0, ls.len())
    }

    #[test]
    fn stacked_recipients_and_signature() {
        let (r, s) = closing(
            "Nơi nhận:\n\nGửi bản điện tử:\n\n- UBND huyện;\n- Trạm Y tế xã;\n- Lưu VP UBND xã\n\n**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nHứa Văn Luân",
        );
        let r = r.unwrap();
        assert_eq!(
            r.items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
            ["UBND huyện;", "Trạm Y tế xã;", "Lưu VP UBND xã"]
        );
        let s = s.unwrap();
        assert_eq!(s.on_behalf.unwrap().text, "TM. ỦY BAN NHÂN DÂN");
        assert_eq!(s.delegation.unwrap().text, "KT. CHỦ TỊCH");
        assert_eq!(s.position.unwrap().text, "PHÓ CHỦ TỊCH");
        assert_eq!(s.signer.unwrap().text, "Hứa Văn Luân");
    }

    #[test]
    fn a_deputy_prime_minister_signs_for_the_government() {
        let (_, s) = closing(
            "Nơi nhận:\n- Các bộ, cơ quan ngang bộ;\n- Lưu: VT, QHQT.\n\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nBùi Thanh Sơn\n",
        );
        let s = s.unwrap();
        assert_eq!(s.position.unwrap().text, "PHÓ THỦ TƯỚNG");
        assert_eq!(s.signer.unwrap().text, "Bùi Thanh Sơn");
    }

    #[test]
    fn two_column_word_layout() {
        let (r, s) = closing(
            "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Như trên;\tCHỦ TỊCH\n- Lưu: VT.\t\n\t(Đã ký)\n\tNguyễn Văn An\n",
        );
        assert_eq!(r.unwrap().items.len(), 2);
        let s = s.unwrap();
        assert_eq!((s.position.unwrap().text.as_str(), s.signer.unwrap().text.as_str()), ("CHỦ TỊCH", "Nguyễn Văn An"));
    }

    /// A legal-database copy: each column of the closing table in one cell, its lines run together.
    #[test]
    fn columns_run_together_in_table_cells() {
        let (r, s) = closing(
            "| *Nơi nhận:* - Bộ trưởng (để báo cáo); - Các Thứ trưởng; - Lưu VT, BĐKH. | KT. BỘ TRƯỞNG THỨ TRƯỞNG     Lê Công Thành |\n| --- | --- |\n",
        );
        let items: Vec<String> = r.unwrap().items.iter().map(|i| i.text.clone()).collect();
        assert_eq!(items, ["Bộ trưởng (để báo cáo);", "Các Thứ trưởng;", "Lưu VT, BĐKH."]);
        let s = s.unwrap();
        assert_eq!(s.delegation.unwrap().text, "KT. BỘ TRƯỞNG");
        assert_eq!(s.position.unwrap().text, "THỨ TRƯỞNG");
        assert_eq!(s.signer.unwrap().text, "Lê Công Thành");
        let (_, s) = closing(
            "| Nơi nhận: - Như Điều 3; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Hoàng Việt Phương |\n",
        );
        let s = s.unwrap();
        assert_eq!(s.on_behalf.unwrap().text, "TM. ỦY BAN NHÂN DÂN");
        assert_eq!(s.delegation.unwrap().text, "KT. CHỦ TỊCH");
        assert_eq!(s.position.unwrap().text, "PHÓ CHỦ TỊCH");
        assert_eq!(s.signer.unwrap().text, "Hoàng Việt Phương");
    }

    #[test]
    fn a_signature_column_run_into_the_recipients_lines() {
        // PDF text whose column gap shrank to one space (a Huế plan).
        let (r, s) = closing(
            "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- TT. Thành ủy; TT. HĐND thành phố; KT. CHỦ TỊCH\n- CT, các PCT UBND thành phố;\nPHÓ CHỦ TỊCH\n- Các Sở, ban, ngành;\n- Lưu: VT, DL.\nNguyễn Thanh Bình\n",
        );
        let r = r.unwrap();
        assert_eq!(r.heading.text, "Nơi nhận:");
        let items: Vec<&str> = r.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            items,
            ["TT. Thành ủy; TT. HĐND thành phố;", "CT, các PCT UBND thành phố;", "Các Sở, ban, ngành;", "Lưu: VT, DL."]
        );
        let s = s.unwrap();
        assert_eq!(s.on_behalf.map(|t| t.text).as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
        assert_eq!(s.delegation.map(|t| t.text).as_deref(), Some("KT. CHỦ TỊCH"));
        assert_eq!(s.position.map(|t| t.text).as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.signer.map(|t| t.text).as_deref(), Some("Nguyễn Thanh Bình"));
        // A recipient that names a body in capitals after a mark is still a recipient.
        let (r, _) = closing("Nơi nhận:\n- TM. Ban Thường vụ Tỉnh ủy;\n- Lưu: VT.\n");
        assert_eq!(r.unwrap().items.len(), 2);
    }

    #[test]
    fn signature_without_recipients() {
        let (r, s) = closing("TM. BCĐ-CSSKBĐ XÃ\nTRƯỞNG BAN\n\nChủ tịch UBND xã\nNguyễn Đình Minh\n");
        assert!(r.is_none());
        let s = s.unwrap();
        assert_eq!(
            (s.position.unwrap().text.as_str(), s.signer.unwrap().text.as_str()),
            ("TRƯỞNG BAN", "Nguyễn Đình Minh")
        );
    }
}
