//! Regexes compiled once, on first use, without a panic path: a pattern that fails to compile
//! (a bug caught by each module's tests) matches nothing.
//!
//! They are `regex-automata`'s meta regexes (the engine of the `regex` crate) built as `regex`
//! builds them, except that no literal prefilter is made — building one (the 200 literals of
//! `(?:19|20)[0-9]{2}`, an Aho-Corasick automaton) costs more than it saves here: about a tenth
//! of a single-file run, and no gain on a 1,000-plan corpus (README, Speed) — nor a one-pass DFA
//! (see `build`). `Match` and `Captures` give the `regex` crate's API for what extraction uses.
//! Searches use a cache per regex and thread of their own ([`crate::regexes`]).
//!
//! A [`Lazy::folded`] regex is written in lower case, without `(?i)`, and matches as the same
//! pattern under `(?i)` would: it searches the text lowered character by character, whose byte
//! offsets are the text's. Under `(?i)` every letter becomes a class of its cases, which makes
//! the large word lists of extraction twice as costly to compile. A text that lowering would
//! not keep aligned, or whose characters could fold in ways lowering does not show (`ſ`, Greek,
//! Cyrillic, the Kelvin sign…), is searched by the `(?i)` form instead, compiled only then.
//! Lowering every text searched costs more than the compilation it saves once many plans share
//! the regexes, so folding is for short runs only ([`super::ExtractOptions::fold_case`], an
//! option of each extraction passed to every search, never a process-wide switch); otherwise a
//! folded regex is compiled and run in its `(?i)` form. The results are the same either way
//! (tested). The compiled regexes themselves are a cache shared by every extraction of the
//! process: both forms of a folded regex may be compiled, each once.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, meta};

use super::ExtractOptions;
use crate::regexes::Compiled;

/// A regex compiled on first use.
pub(super) struct Lazy {
    pattern: &'static str,
    /// Written in lower case, matched against the lowered text (see the module's doc).
    folded: bool,
    cell: OnceLock<Option<Compiled>>,
    /// A folded regex's `(?i)` form, for the texts lowering does not serve.
    ignore_case: OnceLock<Option<Compiled>>,
    /// Built with a literal prefilter (see [`Lazy::folded_prefiltered`]).
    prefilter: bool,
}

/// Compile as `regex::Regex::new` does, without literal prefilters (unless asked: see
/// [`Lazy::folded_prefiltered`]) and without the one-pass DFA
/// (the bounded backtracker finds the groups of extraction's short matches as fast: a
/// 1,000-plan corpus ran 5% faster without it, and a one-file run compiles 1.6 M instructions
/// less).
fn build(pattern: &str, prefilter: bool) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(prefilter)
        .onepass(false);
    meta::Regex::builder().configure(config).syntax(syntax::Config::new().utf8(true)).build(pattern).ok()
}

fn compile(pattern: &str, prefilter: bool) -> Option<Compiled> {
    build(pattern, prefilter).map(|re| Compiled::new(pattern, re))
}

impl Lazy {
    pub(super) const fn new(pattern: &'static str) -> Self {
        Self { pattern, folded: false, cell: OnceLock::new(), ignore_case: OnceLock::new(), prefilter: false }
    }

    /// A case-insensitive regex, `pattern` being written in lower case without `(?i)`.
    pub(super) const fn folded(pattern: &'static str) -> Self {
        Self { pattern, folded: true, cell: OnceLock::new(), ignore_case: OnceLock::new(), prefilter: false }
    }

    /// A folded regex searched through the text with a literal prefilter: for an unanchored
    /// regex whose every match starts with one of a few words, run over much text that has none
    /// of them (a vectorized scan for the words, where the lazy DFA steps byte by byte). Measured
    /// per regex: `ANNOUNCE_ANYWHERE`, tried on every paragraph of running text, takes 2.5% less
    /// of a 1,000-plan run this way; the date and year regexes gained nothing.
    pub(super) const fn folded_prefiltered(pattern: &'static str) -> Self {
        Self { pattern, folded: true, cell: OnceLock::new(), ignore_case: OnceLock::new(), prefilter: true }
    }

    /// The regex to run on `text`, and the text it runs on: `text`, or its lower case.
    fn haystack<'t>(&self, opts: ExtractOptions, text: &'t str) -> Option<(&Compiled, Cow<'t, str>)> {
        self.haystack_folding(text, self.folded && opts.fold_case)
    }

    fn haystack_folding<'t>(&self, text: &'t str, fold: bool) -> Option<(&Compiled, Cow<'t, str>)> {
        if !fold {
            return Some((self.get(ExtractOptions { fold_case: false })?, Cow::Borrowed(text)));
        }
        match lower_aligned(text) {
            Some(lower) => Some((self.as_written()?, lower)),
            None => Some((self.ignore_case()?, Cow::Borrowed(text))),
        }
    }

    /// The pattern as written.
    #[cfg(test)]
    pub(super) fn pattern(&self) -> &'static str {
        self.pattern
    }

    /// The regex searches use (for a folded regex out of a short run, its `(?i)` form).
    pub(super) fn get(&self, opts: ExtractOptions) -> Option<&Compiled> {
        if self.folded && !opts.fold_case { self.ignore_case() } else { self.as_written() }
    }

    fn as_written(&self) -> Option<&Compiled> {
        self.cell.get_or_init(|| compile(self.pattern, self.prefilter)).as_ref()
    }

    fn ignore_case(&self) -> Option<&Compiled> {
        self.ignore_case.get_or_init(|| compile(&format!("(?i){}", self.pattern), self.prefilter)).as_ref()
    }

    pub(super) fn is_match(&self, opts: ExtractOptions, text: &str) -> bool {
        self.haystack(opts, text).is_some_and(|(c, hay)| c.is_match(hay.as_ref()))
    }

    pub(super) fn find<'t>(&self, opts: ExtractOptions, text: &'t str) -> Option<Match<'t>> {
        let (c, hay) = self.haystack(opts, text)?;
        c.search(&Input::new(hay.as_ref())).map(|m| Match::new(text, m.start(), m.end()))
    }

    pub(super) fn captures<'t>(&self, opts: ExtractOptions, text: &'t str) -> Option<Captures<'t>> {
        self.captures_at(opts, text, 0)
    }

    /// The captures of the match found searching from `start` (look-around still sees the
    /// text before it).
    pub(super) fn captures_at<'t>(&self, opts: ExtractOptions, text: &'t str, start: usize) -> Option<Captures<'t>> {
        let (c, hay) = self.haystack(opts, text)?;
        if start > hay.len() {
            return None;
        }
        let mut slots = c.create_captures();
        c.search_captures(&Input::new(hay.as_ref()).range(start..), &mut slots);
        slots.is_match().then_some(Captures { text, slots })
    }

    #[cfg(test)]
    pub(super) fn captures_iter<'r, 't>(
        &'r self,
        opts: ExtractOptions,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        let all: Vec<Captures<'t>> = match self.haystack(opts, text) {
            Some((re, hay)) => re.pooled().captures_iter(hay.as_ref()).map(|slots| Captures { text, slots }).collect(),
            None => Vec::new(),
        };
        all.into_iter()
    }

    pub(super) fn find_iter<'r, 't>(
        &'r self,
        opts: ExtractOptions,
        text: &'t str,
    ) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        let (c, hay) = match self.haystack(opts, text) {
            Some((c, Cow::Borrowed(_))) => {
                return Either::Streaming(c.matches(text).map(move |m| Match::new(text, m.start(), m.end())));
            }
            Some(found) => found,
            None => return Either::Collected(Vec::new().into_iter()),
        };
        // The lowered text lives here: its matches are taken now.
        let all: Vec<Match<'t>> = c.matches(hay.as_ref()).map(|m| Match::new(text, m.start(), m.end())).collect();
        Either::Collected(all.into_iter())
    }
}

/// One of two iterators.
enum Either<A, B> {
    Streaming(A),
    Collected(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Either<A, B> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Either::Streaming(a) => a.next(),
            Either::Collected(b) => b.next(),
        }
    }
}

/// `text` lowered with every character keeping its byte length, when that lowering matches
/// exactly as `(?i)` does for a lower-case pattern of ASCII and Vietnamese letters: every
/// character is ASCII, a Latin or Vietnamese letter of the fast table whose lower case has the
/// same length, or a character without case. `None` otherwise (`ſ` and `ẛ` fold to letters other
/// than their lower case; other cased scripts are left to `(?i)`).
fn lower_aligned(text: &str) -> Option<Cow<'_, str>> {
    if !text.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        return Some(Cow::Borrowed(text));
    }
    let table = crate::text::LowerTable::get();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.lower(c) {
            Some('ſ' | 'ẛ') => return None,
            Some(l) if l.len_utf8() == c.len_utf8() => out.push(l),
            Some(_) => return None,
            None if ('\u{2000}'..='\u{206F}').contains(&c) || caseless(c) => out.push(c),
            None => return None,
        }
    }
    Some(Cow::Owned(out))
}

/// A character no case mapping touches (punctuation, symbols, digits of other scripts…).
fn caseless(c: char) -> bool {
    c.to_lowercase().eq([c]) && c.to_uppercase().eq([c])
}

/// A match: where it is in the text searched, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Match<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Match<'t> {
    fn new(text: &'t str, start: usize, end: usize) -> Self {
        Self { text, start, end }
    }

    pub(super) fn start(&self) -> usize {
        self.start
    }

    pub(super) fn end(&self) -> usize {
        self.end
    }

    /// The matched text (a match always falls on character boundaries: UTF-8 mode).
    pub(super) fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }
}

/// The groups of a match.
#[derive(Debug, Clone)]
pub(super) struct Captures<'t> {
    text: &'t str,
    slots: Slots,
}

impl<'t> Captures<'t> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub(super) fn get(&self, i: usize) -> Option<Match<'t>> {
        self.slots.get_group(i).map(|s| Match::new(self.text, s.start, s.end))
    }

    /// The named group, if it took part in the match.
    pub(super) fn name(&self, name: &str) -> Option<Match<'t>> {
        self.slots.get_group_by_name(name).map(|s| Match::new(self.text, s.start, s.end))
    }
}

/// Assert in a test that every folded regex finds, on each text, the matches and groups its
/// `(?i)` form finds, and is written in lower case (an upper-case letter in it could never
/// match the lowered text).
#[cfg(test)]
pub(super) fn assert_folding_is_exact(all: &[&Lazy], texts: &[String]) {
    type Groups = Vec<Vec<Option<(usize, usize)>>>;
    let folded: Vec<&&Lazy> = all.iter().filter(|r| r.folded).collect();
    assert!(folded.len() > 30, "{}", folded.len());
    for re in folded {
        let mut rest = re.pattern;
        while let Some(c) = rest.chars().next() {
            let skip = if c == '\\' {
                2
            } else if rest.starts_with("(?P<") {
                rest.find('>').unwrap_or(0) + 1
            } else {
                1
            };
            assert!(!c.is_uppercase(), "upper case in the folded regex {}", re.pattern);
            rest = rest.get(rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i)..).unwrap();
        }
        let ci = build(&format!("(?i){}", re.pattern), false).unwrap();
        for t in texts {
            let (folded_re, hay) = re.haystack_folding(t, true).unwrap();
            let got: Groups = folded_re
                .pooled()
                .captures_iter(hay.as_ref())
                .map(|c| (0..c.group_len()).map(|i| c.get_group(i).map(|s| (s.start, s.end))).collect())
                .collect();
            let want: Groups = ci
                .captures_iter(t)
                .map(|c| (0..c.group_len()).map(|i| c.get_group(i).map(|s| (s.start, s.end))).collect())
                .collect();
            assert_eq!(got, want, "{} on {t:?}", re.pattern);
        }
    }
}

/// Assert in a test that every regex of a module compiles.
#[cfg(test)]
pub(super) fn assert_all_compile(all: &[&Lazy]) {
    for re in all {
        for fold_case in [false, true] {
            assert!(re.get(ExtractOptions { fold_case }).is_some(), "regex does not compile: {}", re.pattern);
        }
    }
}

/// The capture group `i` as an integer.
pub(super) fn int<T: std::str::FromStr>(caps: &Captures<'_>, i: usize) -> Option<T> {
    caps.get(i).and_then(|m| m.as_str().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    static PLAN: Lazy = Lazy::folded(r"kế\s+hoạch");

    /// Each search folds as the options it is given say, whatever searches before it were given.
    #[test]
    fn each_search_folds_as_its_options_say() {
        let text = "KẾ HOẠCH số 12";
        let (fold, plain) = (ExtractOptions { fold_case: true }, ExtractOptions::default());
        for _ in 0..2 {
            let (_, hay) = PLAN.haystack(fold, text).unwrap();
            assert_eq!(hay, "kế hoạch số 12");
            let (_, hay) = PLAN.haystack(plain, text).unwrap();
            assert!(matches!(hay, Cow::Borrowed(_)), "{hay}");
            assert_eq!(PLAN.find(fold, text).map(|m| m.as_str()), Some("KẾ HOẠCH"));
            assert_eq!(PLAN.find(plain, text).map(|m| m.as_str()), Some("KẾ HOẠCH"));
        }
    }
}
