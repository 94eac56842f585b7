//! Regexes compiled once, on first use, without a panic path: a pattern that fails to compile
//! (a bug caught by each module's tests) matches nothing.

use std::sync::OnceLock;

use regex::{Captures, Match, Regex};

/// A regex compiled on first use.
pub(super) struct Lazy {
    pattern: &'static str,
    cell: OnceLock<Option<Regex>>,
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

    pub(super) fn get(&self) -> Option<&Regex> {
        self.cell.get_or_init(|| Regex::new(self.pattern).ok()).as_ref()
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }

    pub(super) fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        self.get().and_then(|r| r.find(text))
    }

    pub(super) fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.get().and_then(|r| r.captures(text))
    }

    /// The captures of the match found searching from `start` (look-around still sees the
    /// text before it).
    pub(super) fn captures_at<'t>(&self, text: &'t str, start: usize) -> Option<Captures<'t>> {
        self.get().and_then(|r| r.captures_at(text, start))
    }

    #[cfg(test)]
    pub(super) fn captures_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Captures<'t>> + 'r
    where
        't: 'r,
    {
        self.get().into_iter().flat_map(move |r| r.captures_iter(text))
    }

    pub(super) fn find_iter<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'r
    where
        't: 'r,
    {
        self.get().into_iter().flat_map(move |r| r.find_iter(text))
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
