//! A progress bar on standard error for runs of many files, when standard error is a terminal
//! (and not a `dumb` one): a reviewer checking 200 plans sees the run move. Silent otherwise —
//! in a pipe, a file, CI logs and tests nothing is drawn. Whatever the run writes meanwhile (the
//! findings on a terminal, notes on standard error) is written with the bar put aside
//! ([`Progress::suspend`]), so the two never mix.
//!
//! The bar is drawn on the thread that hands out results (no ticking thread: `main` holds
//! standard error locked, which only that thread may take again).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::lang::Lang;

/// Below this many files a run is over before a bar is worth reading.
pub(super) const MIN_FILES: usize = 10;

/// Whether a run draws a bar: standard error is a terminal that can draw one, and the run has
/// at least [`MIN_FILES`] files.
pub(super) fn wanted(stderr_draws: bool, files: usize) -> bool {
    stderr_draws && files >= MIN_FILES
}

/// Whether standard error can draw a bar: a terminal, and not one that says it cannot move the
/// cursor (`TERM=dumb`, as Emacs' shell sets).
pub fn stderr_draws(stderr_is_terminal: bool, term: Option<&str>) -> bool {
    stderr_is_terminal && term != Some("dumb")
}

/// The bar of a run, or nothing.
pub(super) struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `files` files when [`wanted`], else one that draws nothing.
    pub(super) fn new(stderr_draws: bool, files: usize, lang: Lang) -> Self {
        if !wanted(stderr_draws, files) {
            return Self(None);
        }
        let template = lang.pick("{wide_bar} {pos}/{len} tệp, còn {eta}", "{wide_bar} {pos}/{len} files, {eta} left");
        let style = ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
        let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr()).with_style(style);
        Self(Some(bar))
    }

    /// Run `f` (which writes to the terminal) with the bar cleared, then draw it again.
    pub(super) fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// One more file is done.
    pub(super) fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// The run is over: the bar is removed.
    pub(super) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Whether output may be coloured: never with `NO_COLOR` set to anything but the empty string
/// (<https://no-color.org>), always with `FORCE_COLOR` set to anything but empty, `0` or
/// `false` (even to a pipe or a file, as CI logs that show colours ask), else when it is a
/// terminal. `NO_COLOR` wins over `FORCE_COLOR`, and `--no-color` over both.
pub fn colour(is_terminal: bool, no_color: Option<&str>, force_color: Option<&str>) -> bool {
    if no_color.is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if force_color.is_some_and(|v| !v.is_empty() && v != "0" && !v.eq_ignore_ascii_case("false")) {
        return true;
    }
    is_terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_for_many_files_on_a_terminal() {
        assert!(wanted(true, MIN_FILES));
        assert!(wanted(true, 200));
        assert!(!wanted(true, MIN_FILES - 1), "a short run has no bar");
        assert!(!wanted(false, 200), "no bar in a pipe, a file or CI");
        assert!(stderr_draws(true, Some("xterm-256color")));
        assert!(stderr_draws(true, None));
        assert!(!stderr_draws(true, Some("dumb")));
        assert!(!stderr_draws(false, Some("xterm")));
        // A bar that is not wanted draws nothing and runs what it suspends.
        let p = Progress::new(false, 500, Lang::Vi);
        assert!(p.0.is_none());
        assert_eq!(p.suspend(|| 7), 7);
        p.inc();
        p.finish();
    }

    #[test]
    fn no_color_and_force_color() {
        assert!(colour(true, None, None));
        assert!(!colour(false, None, None));
        assert!(!colour(true, Some("1"), None));
        assert!(colour(true, Some(""), None), "an empty NO_COLOR is not set");
        assert!(colour(false, None, Some("1")));
        assert!(colour(false, None, Some("true")));
        assert!(!colour(false, None, Some("0")));
        assert!(!colour(false, None, Some("false")));
        assert!(!colour(false, None, Some("")));
        assert!(!colour(true, Some("1"), Some("1")), "NO_COLOR wins");
    }
}
