//! Regexes compiled once, on first use, without a panic path: a pattern that fails to compile
//! (a bug caught by each module's tests) matches nothing.
//!
//! They are `regex-automata`'s meta regexes (the engine of the `regex` crate) built as `regex`
//! builds them, except that no literal prefilter is made: building one (the 200 literals of
//! `(?:19|20)[0-9]{2}`, an Aho-Corasick automaton) costs more than it saves here — about a tenth
//! of a single-file run, and no gain on a 1,000-plan corpus (measured: README, Speed). `Match`
//! and `Captures` give the `regex` crate's API for what extraction uses.

use std::sync::OnceLock;

use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind, meta};

/// A regex compiled on first use.
pub(super) struct Lazy {
    pattern: &'static str,
    cell: OnceLock<Option<meta::Regex>>,
}

/// Compile as `regex::Regex::new` does, without literal prefilters.
fn build(pattern: &str) -> Option<meta::Regex> {
    let config = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(false);
    meta::Regex::builder().configure(config).syntax(syntax::Config::new().utf8(true)).build(pattern).ok()
}

impl Lazy {
    pub(super) const fn new(pattern: &'static str) -> Self {
        Self { pattern, cell: OnceLock::new() }
    }

    /// The pattern as written.
    #[cfg(test)]
    pub(super) fn pattern(&self) -> &'static str {
        self.pattern
    }

    pub(super) fn get(&self) -> Option<&meta::Regex> {
        self.cell.get_or_init(|| build(self.pattern)).as_ref()
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }

    pub(super) fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.get().and_then(|r| r.find(text)).map(|m| Match::new(text, m.start(), m.end()))
    }

    pub(super) fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_at(text, 0)
    }

    /// The captures of the match found searching from `start` (look-around still sees the
    /// text before it).
    pub(super) fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        let re = self.get()?;
        let mut slots = re.create_captures();
        re.search_captures(&Input::new(text).range(start..), &mut slots);
        slots.is_match().then_some(Captures { text, slots })
    }

    #[cfg(test)]
    pub(super) fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        self.get().into_iter().flat_map(move |r| r.captures_iter(text).map(move |slots| Captures { text, slots }))
    }

    pub(super) fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.get().into_iter().flat_map(move |r| r.find_iter(text).map(move |m| Match::new(text, m.start(), m.end())))
    }
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

/// Assert in a test that every regex of a module compiles.
#[cfg(test)]
pub(super) fn assert_all_compile(all: &[&Lazy]) {
    for re in all {
        assert!(re.get().is_some(), "regex does not compile: {}", re.pattern);
    }
}

/// The capture group `i` as an integer.
pub(super) fn int<T: std::str::FromStr>(caps: &Captures<'_>, i: usize) -> Option<T> {
    caps.get(i).and_then(|m| m.as_str().parse().ok())
}
