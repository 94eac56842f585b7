//! Facts computed once the plan is read, so that rules can ask for them instead of rebuilding
//! them: where each heading stands in the numbering of its siblings, and what each target
//! measures (its identity key).

use super::headings::{roman_value, roman_value_ocr};
use crate::model::{Citation, IssuerSystem, Numbering, Plan, Regime, Section, Sequence, Target, Task, Text};

/// The letters Vietnamese documents number lists with: the Vietnamese alphabet without its
/// diacritic-only letters, and without f, j, w, z.
const LETTERS: &[&str] = &[
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
];

/// The place of a heading number in its sequence (`III` → 3, `đ` → 5, `1.2` → 2). Party-style
/// punctuation (`I-`, `1-`) is ignored.
pub(crate) fn ordinal(number: &str, numbering: Numbering) -> Option<u32> {
    let n = number.trim().trim_end_matches(['.', ')', ':', '-', '–']);
    let arabic_or_roman = |n: &str| n.parse::<u32>().ok().or_else(|| roman_value(&n.to_uppercase()));
    match numbering {
        Numbering::Roman => roman_value_ocr(n).or_else(|| roman_value(&n.to_uppercase())),
        Numbering::Letter => {
            let lower = n.to_lowercase();
            let i = LETTERS.iter().position(|l| *l == lower)?;
            u32::try_from(i + 1).ok()
        }
        Numbering::Decimal => n.rsplit('.').find(|p| !p.is_empty()).and_then(|p| p.parse().ok()),
        Numbering::Arabic | Numbering::Appendix | Numbering::Article => arabic_or_roman(n),
    }
}

/// The number that comes after `previous` (whose place is `place`), written the same way.
fn successor(previous: &str, numbering: Numbering, place: u32) -> Option<String> {
    let next = place.checked_add(1)?;
    match numbering {
        Numbering::Roman => roman(next),
        Numbering::Letter => {
            let letter = LETTERS.get(usize::try_from(place).ok()?)?;
            let upper = previous.chars().next().is_some_and(char::is_uppercase);
            Some(if upper { letter.to_uppercase() } else { (*letter).to_owned() })
        }
        Numbering::Decimal => {
            let stem = previous.trim_end_matches('.');
            let cut = stem.rfind('.').map_or(0, |i| i + 1);
            Some(format!("{}{next}", stem.get(..cut).unwrap_or_default()))
        }
        Numbering::Arabic | Numbering::Appendix | Numbering::Article => {
            if previous.trim().parse::<u32>().is_ok() {
                // Keep the width of a zero-padded number (`01`, `02`).
                let width = previous.trim().len();
                Some(format!("{next:0width$}"))
            } else {
                roman(next)
            }
        }
    }
}

/// A canonical Roman numeral (1–39, as headings use).
fn roman(n: u32) -> Option<String> {
    const TENS: [&str; 4] = ["", "X", "XX", "XXX"];
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = TENS.get(usize::try_from(n / 10).ok()?)?;
    let ones = ONES.get(usize::try_from(n % 10).ok()?)?;
    (n > 0).then(|| format!("{tens}{ones}"))
}

/// Where each heading stands in the numbering of its siblings, for every list of siblings of the
/// tree (the main headings, and the children of each heading).
pub(super) fn number_siblings(siblings: &mut [Section]) {
    for s in siblings.iter_mut() {
        s.ordinal = ordinal(&s.number.text, s.numbering);
    }
    for i in 0..siblings.len() {
        let (head, tail) = siblings.split_at_mut(i);
        let Some(s) = tail.first_mut() else { continue };
        number_after(s, head.last(), head.len().checked_sub(2).and_then(|j| head.get(j)));
    }
    for s in siblings.iter_mut() {
        number_siblings(&mut s.children);
    }
}

/// Compare a heading with the sibling before it (`prev`) and the one before that (`before`).
fn number_after(s: &mut Section, prev: Option<&Section>, before: Option<&Section>) {
    let Some(prev) = prev.filter(|p| p.numbering == s.numbering) else {
        s.sequence = Sequence::First;
        return;
    };
    s.previous = Some(prev.number.clone());
    s.previous_title = Some(prev.title.clone());
    s.expected = prev.ordinal.and_then(|p| successor(&prev.number.text, prev.numbering, p));
    let (Some(n), Some(p)) = (s.ordinal, prev.ordinal) else {
        s.sequence = Sequence::Unread;
        return;
    };
    let latin_e = s.numbering == Numbering::Letter
        && prev.number.text.to_lowercase() == "d"
        && s.number.text.to_lowercase() == "e";
    // `II`, `II`, `IV`: after a repeated number the count goes on.
    let after_repeat = p.checked_add(2) == Some(n) && before.is_some_and(|b| b.ordinal == Some(p));
    s.sequence = if p.checked_add(1) == Some(n) || latin_e || after_repeat {
        Sequence::Next
    } else if n == p {
        Sequence::Repeat
    } else if n < p {
        Sequence::Back
    } else {
        Sequence::Skip
    };
}

/// Where each task's number stands against the task before it in the same table.
pub(super) fn number_tasks(tasks: &mut [Task]) {
    for t in tasks.iter_mut() {
        t.ordinal = ordinal(&t.number.text, Numbering::Arabic);
    }
    for i in 0..tasks.len() {
        let (head, tail) = tasks.split_at_mut(i);
        let Some(t) = tail.first_mut() else { continue };
        match head.last().filter(|p| p.table == t.table) {
            Some(p) => {
                t.sequence = task_sequence(t.ordinal, p.ordinal, t.group != p.group);
                t.previous = Some(p.number.clone());
            }
            None => {
                t.sequence = Sequence::First;
                t.previous = None;
            }
        }
    }
}

/// Where a task's number stands against the number of the task before it in the same table;
/// `1` opening a new group starts a list.
pub(super) fn task_sequence(n: Option<u32>, p: Option<u32>, new_group: bool) -> Sequence {
    match (n, p) {
        (Some(1), _) if new_group => Sequence::First,
        (Some(n), Some(p)) if p.checked_add(1) == Some(n) => Sequence::Next,
        (Some(n), Some(p)) if n == p => Sequence::Repeat,
        (Some(n), Some(p)) if n < p => Sequence::Back,
        (Some(_), Some(_)) => Sequence::Skip,
        _ => Sequence::Unread,
    }
}

/// The identity key of each target with an indicator: indicator, change, unit, subject, year.
pub(super) fn key_targets(targets: &mut [Target]) {
    for t in targets {
        t.key = t.indicator.as_ref().map(|indicator| {
            let change = t.change.map(|c| format!("{c:?}").to_lowercase()).unwrap_or_default();
            let unit = t.unit.as_ref().map(|u| format!("{:?}", u.kind).to_lowercase()).unwrap_or_default();
            let subject = t.subject.as_ref().map(|s| s.text.as_str()).unwrap_or_default();
            let year = t.year.map(|y| y.to_string()).unwrap_or_default();
            format!("{indicator}|{change}|{unit}|{subject}|{year}")
        });
    }
}

/// The first use of each abbreviation, in order, from every use: a use inside a cited
/// document's symbol (`1300/QĐ - BYT`, written with spaces) is none.
pub(super) fn first_uses(uses: Vec<Text>, citations: &[Citation]) -> Vec<Text> {
    let mut symbols: Vec<_> = citations.iter().map(|c| c.symbol.span).collect();
    symbols.sort_unstable();
    let in_symbol = |t: &Text| {
        let i = symbols.partition_point(|s| s.start <= t.span.start);
        i.checked_sub(1).and_then(|k| symbols.get(k)).is_some_and(|s| t.span.end <= s.end)
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in uses {
        if !seen.contains(t.text.as_str()) && !in_symbol(&t) {
            seen.insert(t.text.clone());
            out.push(t);
        }
    }
    out
}

/// Whose conventions the plan follows: its issuer's system ([`IssuerSystem`], from the symbol and
/// the issuer), unless two or more of its own format elements — the national motto or Party
/// heading, the signing authority (`TM.`/`KT.` or `T/M`/`K/T`), the archive line of the
/// recipients (`Lưu: VT, …` or `Lưu Văn phòng …`) — follow the other system's: then `mixed`. A
/// single element in the other form is a slip the rule for that element reports. With no
/// issuer system known, elements that disagree are `mixed` too.
pub(super) fn regime(plan: &Plan) -> Regime {
    let mut marks: Vec<IssuerSystem> = Vec::new();
    for line in &plan.header.motto {
        let t = line.text.to_uppercase();
        if t.contains("ĐẢNG CỘNG SẢN") {
            marks.push(IssuerSystem::Party);
        } else if t.starts_with("CỘNG H") {
            marks.push(IssuerSystem::State);
        }
    }
    if let Some(sig) = &plan.signature {
        for line in [&sig.on_behalf, &sig.delegation].into_iter().flatten() {
            let t = line.text.trim_start();
            if t.starts_with("T/M") || t.starts_with("K/T") {
                marks.push(IssuerSystem::Party);
            } else if t.starts_with("TM.") || t.starts_with("KT.") {
                marks.push(IssuerSystem::State);
            }
        }
    }
    if let Some(r) = &plan.recipients {
        for item in &r.items {
            let t = item.text.trim_start_matches(['-', ' ', '+']);
            if t.starts_with("Lưu:") || t.starts_with("Lưu VT") || t.starts_with("Lưu: VT") {
                marks.push(IssuerSystem::State);
            } else if t.starts_with("Lưu Văn phòng") || t.starts_with("Lưu Đảng ủy") || t.starts_with("Lưu Đảng uỷ")
            {
                marks.push(IssuerSystem::Party);
            }
        }
    }
    let count = |s: IssuerSystem| marks.iter().filter(|&&m| m == s).count();
    let (state, party) = (count(IssuerSystem::State), count(IssuerSystem::Party));
    match plan.header.system {
        IssuerSystem::State if party >= 2 => Regime::Mixed,
        IssuerSystem::Party if state >= 2 => Regime::Mixed,
        IssuerSystem::State => Regime::State,
        IssuerSystem::Party => Regime::Party,
        IssuerSystem::Unknown => match (state > 0, party > 0) {
            (true, true) => Regime::Mixed,
            (true, false) => Regime::State,
            (false, true) => Regime::Party,
            (false, false) => Regime::Unknown,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_follow_the_vietnamese_alphabet() {
        assert_eq!(ordinal("đ", Numbering::Letter), Some(5));
        assert_eq!(ordinal("e", Numbering::Letter), Some(6));
        assert_eq!(ordinal("g", Numbering::Letter), Some(7));
        assert_eq!(ordinal("f", Numbering::Letter), None);
        assert_eq!(ordinal("IV", Numbering::Roman), Some(4));
        assert_eq!(ordinal("I-", Numbering::Roman), Some(1));
        assert_eq!(ordinal("3-", Numbering::Arabic), Some(3));
        assert_eq!(ordinal("2.10", Numbering::Decimal), Some(10));
        assert_eq!(ordinal("II", Numbering::Appendix), Some(2));
    }

    #[test]
    fn task_numbers_restart_in_a_new_group_only() {
        assert_eq!(task_sequence(Some(1), Some(4), true), Sequence::First);
        assert_eq!(task_sequence(Some(1), Some(4), false), Sequence::Back);
        assert_eq!(task_sequence(Some(5), Some(4), true), Sequence::Next);
        assert_eq!(task_sequence(Some(4), Some(4), false), Sequence::Repeat);
        assert_eq!(task_sequence(Some(7), Some(4), false), Sequence::Skip);
        assert_eq!(task_sequence(None, Some(4), false), Sequence::Unread);
    }

    #[test]
    fn successors_are_written_like_the_previous_number() {
        assert_eq!(successor("II", Numbering::Roman, 2).as_deref(), Some("III"));
        assert_eq!(successor("d", Numbering::Letter, 4).as_deref(), Some("đ"));
        assert_eq!(successor("đ", Numbering::Letter, 5).as_deref(), Some("e"));
        assert_eq!(successor("1.2", Numbering::Decimal, 2).as_deref(), Some("1.3"));
        assert_eq!(successor("01", Numbering::Appendix, 1).as_deref(), Some("02"));
        assert_eq!(successor("9", Numbering::Arabic, 9).as_deref(), Some("10"));
    }
}
