//! Compiled regexes searched with a cache of each thread's own.
//!
//! A `regex_automata::meta::Regex` keeps its search caches in a pool that hands the first thread
//! to search a cache without a lock and every other thread one from behind a mutex, taken and
//! given back at each search. A run's workers search some thousands of times per plan (the
//! extraction's recognizers, the rules' `matches`), so every worker but one paid that lock on
//! every search: 1.7% of a 10,000-plan run with two workers. Here each thread keeps one cache per
//! regex, found by the regex's number; searching with it is what the pool's owner thread does.
//! [`Compiled`] offers only searches that use these caches (no way around them by mistake).

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, Match, meta};

/// A compiled regex and its number among the process's compiled regexes: the index of its
/// search cache in each thread's [`CACHES`].
pub(crate) struct Compiled {
    pattern: Box<str>,
    re: meta::Regex,
    id: usize,
}

/// The pattern (as `regex::Regex` shows itself): the number differs from run to run.
impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Compiled").field(&self.pattern).finish()
    }
}

/// How many regexes the process has compiled (the next one's number).
static COMPILED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Each thread's search caches, by regex number; a slot is empty while its cache is out for
    /// a search.
    static CACHES: RefCell<Vec<Option<Box<meta::Cache>>>> = const { RefCell::new(Vec::new()) };
}

impl Compiled {
    /// `re`, compiled from `pattern`.
    pub(crate) fn new(pattern: &str, re: meta::Regex) -> Self {
        Self { pattern: pattern.into(), re, id: COMPILED.fetch_add(1, Ordering::Relaxed) }
    }

    /// This thread's cache for the regex, taken out of [`CACHES`] (a new one when it is out
    /// already: an iteration that has not ended).
    fn take_cache(&self) -> Box<meta::Cache> {
        CACHES
            .with(|all| all.try_borrow_mut().ok().and_then(|mut all| all.get_mut(self.id).and_then(Option::take)))
            .unwrap_or_else(|| Box::new(self.re.create_cache()))
    }

    /// Give a cache back for the thread's next search.
    fn put_cache(&self, cache: Box<meta::Cache>) {
        CACHES.with(|all| {
            if let Ok(mut all) = all.try_borrow_mut() {
                if all.len() <= self.id {
                    all.resize_with(self.id + 1, || None);
                }
                if let Some(slot) = all.get_mut(self.id) {
                    *slot = Some(cache);
                }
            }
        });
    }

    /// `f` with the thread's cache for this regex.
    fn with_cache<R>(&self, f: impl FnOnce(&meta::Regex, &mut meta::Cache) -> R) -> R {
        let mut cache = self.take_cache();
        let r = f(&self.re, &mut cache);
        self.put_cache(cache);
        r
    }

    /// Whether the regex matches somewhere in `text` (`meta::Regex::is_match`).
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.with_cache(|re, cache| re.is_match_with(cache, &Input::new(text)))
    }

    /// The leftmost match in `input` (`meta::Regex::search`).
    pub(crate) fn search(&self, input: &Input<'_>) -> Option<Match> {
        self.with_cache(|re, cache| re.search_with(cache, input))
    }

    /// Room for the groups of a match (`meta::Regex::create_captures`).
    pub(crate) fn create_captures(&self) -> Captures {
        self.re.create_captures()
    }

    /// The groups of the leftmost match in `input` (`meta::Regex::search_captures`).
    pub(crate) fn search_captures(&self, input: &Input<'_>, caps: &mut Captures) {
        self.with_cache(|re, cache| re.search_captures_with(cache, input, caps));
    }

    /// The regex itself, searched through its own pool: for tests that compare with it.
    #[cfg(test)]
    pub(crate) fn pooled(&self) -> &meta::Regex {
        &self.re
    }

    /// The matches in `text`, left to right (`meta::Regex::find_iter`).
    pub(crate) fn matches<'r, 't>(&'r self, text: &'t str) -> Matches<'r, 't> {
        Matches { compiled: self, cache: Some(self.take_cache()), searcher: Searcher::new(Input::new(text)) }
    }
}

/// The matches of a regex in a text, searched with the thread's cache (given back when the
/// iteration ends), as `meta::Regex::find_iter` finds them.
pub(crate) struct Matches<'r, 't> {
    compiled: &'r Compiled,
    cache: Option<Box<meta::Cache>>,
    searcher: Searcher<'t>,
}

impl Iterator for Matches<'_, '_> {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        let Matches { compiled, cache, searcher } = self;
        let cache = cache.as_mut()?;
        // A search is never given a limit, so it never fails: an error would end the matches.
        searcher.try_advance(|input| Ok(compiled.re.search_with(cache, input))).ok().flatten()
    }
}

impl Drop for Matches<'_, '_> {
    fn drop(&mut self) {
        if let Some(cache) = self.cache.take() {
            self.compiled.put_cache(cache);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(pattern: &str) -> Compiled {
        Compiled::new(pattern, meta::Regex::new(pattern).unwrap())
    }

    #[test]
    fn searches_agree_with_the_pool_and_nest() {
        let re = compiled(r"[0-9]+");
        let other = compiled(r"[a-z]+");
        let text = "ab 12 cd 345 e 6";
        let pooled: Vec<(usize, usize)> = re.pooled().find_iter(text).map(|m| (m.start(), m.end())).collect();
        // Another search of the same regex, and of another, while an iteration is going on.
        let mut nested = Vec::new();
        for m in re.matches(text) {
            assert!(re.is_match(text.get(m.start()..).unwrap()));
            assert!(other.is_match(text));
            nested.push((m.start(), m.end()));
        }
        assert_eq!(nested, pooled);
        assert_eq!(re.search(&Input::new(text)).map(|m| (m.start(), m.end())), Some((3, 5)));
        assert!(!re.is_match("no digits"));
        // Empty matches advance as `find_iter` advances them.
        let empty = compiled(r"x*");
        let mine: Vec<(usize, usize)> = empty.matches("axxbé").map(|m| (m.start(), m.end())).collect();
        let theirs: Vec<(usize, usize)> = empty.pooled().find_iter("axxbé").map(|m| (m.start(), m.end())).collect();
        assert_eq!(mine, theirs);
    }

    #[test]
    fn each_thread_searches_with_its_own_cache() {
        let re = std::sync::Arc::new(compiled(r"ngày\s+[0-9]{1,2}"));
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let re = std::sync::Arc::clone(&re);
                std::thread::spawn(move || (0..100).filter(|i| re.is_match(&format!("ngày {}", i % 200))).count())
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), 100);
        }
    }
}
