//! Resolving names: the variables of a check (bound, looked up, unused) and the did-you-mean
//! suggestions for a name that resolves to nothing.

use super::*;

/// Did-you-mean: the closest candidate within a third of the word's length (a swap of two
/// neighbouring letters counts as one edit), else a candidate the word starts with (`lenght` →
/// `len`).
pub(crate) fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let close = candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        // Ties go to a candidate with the word's first letter (`T111` → `T101`, not `F111`), then
        // to the first in alphabetical order, whatever order the candidates came in.
        .min_by(|(d1, c1), (d2, c2)| {
            let other_initial = |c: &str| c.to_lowercase().chars().next() != lower.chars().next();
            d1.cmp(d2).then_with(|| other_initial(c1).cmp(&other_initial(c2))).then_with(|| c1.cmp(c2))
        })
        .map(|(_, c)| c);
    close.or_else(|| {
        candidates
            .iter()
            .filter(|c| c.chars().count() >= 3 && lower.starts_with(&c.to_lowercase()))
            .max_by_key(|c| c.len())
            .copied()
    })
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// neighbouring characters.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(at(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(at(0, j)) {
            *x = j;
        }
    }
    let get = |d: &[usize], i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ca, cb) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ca != cb);
            let mut v = (get(&d, i - 1, j) + 1).min(get(&d, i, j - 1) + 1).min(get(&d, i - 1, j - 1) + cost);
            if i > 1 && j > 1 && ca == b.get(j - 2) && a.get(i - 2) == cb {
                v = v.min(get(&d, i - 2, j - 2) + 1);
            }
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    get(&d, a.len(), b.len())
}

/// An unknown field, function or value: *did you mean* when a candidate is close, else the list
/// of what there is.
pub(super) fn unknown(
    kind: &'static str,
    span: Span,
    message: Bilingual,
    label: Bilingual,
    word: &str,
    candidates: &[&str],
    (list_vi, list_en): (&str, &str),
) -> Problem {
    let help = did_you_mean(suggest(word, candidates.iter().copied())).unwrap_or_else(|| {
        let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        words(format!("{list_vi}: {list}"), format!("{list_en}: {list}"))
    });
    Problem::new(kind, span, message).label(label).help(help)
}

pub(super) fn did_you_mean(s: Option<&str>) -> Option<Bilingual> {
    s.map(|s| words(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")))
}

pub(super) fn join_words(items: &[&str], vi: bool) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), if vi { "hoặc" } else { "or" }),
    }
}

impl Checker<'_> {
    pub(super) fn bind(&mut self, scope: &mut Scope, name: &crate::dsl::ast::Spanned<String>, ty: Ty) -> Option<u16> {
        if name.value == "plan" {
            self.problem(
                Problem::new(
                    "bad-binding",
                    name.span,
                    words("tên `plan` đã dùng cho kế hoạch", "the name `plan` is taken by the plan"),
                )
                .help(words("chọn tên khác", "choose another name")),
            );
            return None;
        }
        if let Some(prev) = scope.visible.iter().filter_map(|&i| scope.vars.get(i)).find(|v| v.name == name.value) {
            let first = prev.span;
            self.problem(
                Problem::new(
                    "bad-binding",
                    name.span,
                    words(
                        format!("tên `{}` đã được đặt", name.value),
                        format!("the name `{}` is already bound", name.value),
                    ),
                )
                .also(first, words("đặt lần đầu ở đây", "first bound here"))
                .help(words("chọn tên khác", "choose another name")),
            );
            return None;
        }
        if scope.vars.len() >= MAX_SLOTS {
            self.problem(Problem::new(
                "too-many-names",
                name.span,
                words(
                    format!("một `check` đặt tối đa {MAX_SLOTS} tên"),
                    format!("a check binds at most {MAX_SLOTS} names"),
                ),
            ));
            return None;
        }
        let slot = u16::try_from(scope.vars.len()).ok()?;
        scope.visible.push(scope.vars.len());
        scope.vars.push(Var { name: name.value.clone(), slot, ty, span: name.span, used: false });
        Some(slot)
    }

    pub(super) fn unused(&mut self, var: &Var) {
        if !var.used && !var.name.starts_with('_') {
            self.problem(
                Problem::new(
                    "unused-binding",
                    var.span,
                    words(format!("tên `{}` không được dùng", var.name), format!("`{}` is never used", var.name)),
                )
                .help(words(
                    format!("dùng nó, bỏ nó, hoặc đặt tên `_{}` nếu cố ý", var.name),
                    format!("use it, remove it, or call it `_{}` if that is intended", var.name),
                )),
            );
        }
    }
}
