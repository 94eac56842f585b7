//! Which per-path overrides apply to a file: glob patterns, compiled once, matched against the
//! file's path relative to the config file's directory, `/`-separated.
//!
//! Like `.gitignore`: a pattern with a `/` is anchored at the config's directory
//! (`communes/**/*.md`); a pattern without one matches a name at any depth (`*.md`, `drafts`);
//! a pattern that matches a directory matches every file under it (`communes`, `communes/`); a
//! leading `/` or `./` anchors a pattern without another `/` (`/plan.md`, `./communes`).

use std::path::{Component, Path, PathBuf};

use globset::{Candidate, Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::source::Bilingual;

/// A glob pattern from `overrides[].paths`.
#[derive(Debug, Clone)]
pub(super) struct Pattern {
    glob: Glob,
    /// No `/` in it: matched against each name in the path, not the whole path.
    by_name: bool,
}

impl Pattern {
    /// Compile a pattern as written; the error says why it is not one, in both languages.
    pub(super) fn parse(written: &str) -> Result<Self, Bilingual> {
        let mut p = written.trim();
        let anchored = p.starts_with('/') || p.starts_with("./");
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        let p = p.trim_start_matches('/').trim_end_matches('/');
        if p.is_empty() {
            return Err(Bilingual::new("mẫu đường dẫn trống", "the path pattern is empty"));
        }
        let glob = GlobBuilder::new(p).literal_separator(true).build().map_err(|e| reason(e.kind()))?;
        Ok(Self { glob, by_name: !anchored && !p.contains('/') })
    }
}

/// Why globset refused a pattern, in both languages.
fn reason(kind: &globset::ErrorKind) -> Bilingual {
    use globset::ErrorKind as K;
    match kind {
        K::InvalidRecursive => Bilingual::new(
            "`**` phải đứng riêng giữa hai dấu `/` (như `a/**/b`)",
            "`**` must stand alone between slashes (as in `a/**/b`)",
        ),
        K::UnclosedClass => Bilingual::new("thiếu `]` đóng lớp ký tự", "a character class has no closing `]`"),
        K::InvalidRange(a, b) => {
            Bilingual::new(format!("khoảng `{a}-{b}` không hợp lệ"), format!("the range `{a}-{b}` is invalid"))
        }
        K::UnopenedAlternates => Bilingual::new("có `}` mà không có `{` mở", "a `}` has no opening `{`"),
        K::UnclosedAlternates => Bilingual::new("thiếu `}` đóng", "a `{` has no closing `}`"),
        K::NestedAlternates => Bilingual::new("không lồng `{…}` trong `{…}`", "`{…}` cannot be nested"),
        K::DanglingEscape => Bilingual::new("dấu `\\` ở cuối mẫu", "the pattern ends with `\\`"),
        other => Bilingual::new(format!("mẫu không hợp lệ ({other})"), other.to_string()),
    }
}

/// Every override's patterns, compiled into two sets.
#[derive(Debug, Clone, Default)]
pub(super) struct PathMatcher {
    /// Patterns with a `/`, matched against the path and each of its directories.
    whole: GlobSet,
    whole_owner: Vec<usize>,
    /// Patterns without one, matched against each name in the path.
    name: GlobSet,
    name_owner: Vec<usize>,
    overrides: usize,
}

impl PathMatcher {
    /// Compile the patterns of each override (`patterns[i]` are override `i`'s).
    pub(super) fn new(patterns: &[Vec<Pattern>]) -> Result<Self, globset::Error> {
        let (mut whole, mut name) = (GlobSetBuilder::new(), GlobSetBuilder::new());
        let (mut whole_owner, mut name_owner) = (Vec::new(), Vec::new());
        for (i, list) in patterns.iter().enumerate() {
            for p in list {
                if p.by_name {
                    name.add(p.glob.clone());
                    name_owner.push(i);
                } else {
                    whole.add(p.glob.clone());
                    whole_owner.push(i);
                }
            }
        }
        Ok(Self { whole: whole.build()?, whole_owner, name: name.build()?, name_owner, overrides: patterns.len() })
    }

    /// Whether there is no override at all.
    pub(super) fn is_empty(&self) -> bool {
        self.overrides == 0
    }

    /// Whether any pattern matches a `/`-separated relative path itself (its directories are
    /// not tried): a pattern with a `/` against the whole path, one without against its name.
    pub(super) fn matches_itself(&self, rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.whole.is_match(rel) || self.name.is_match(name)
    }

    /// The overrides whose patterns match a `/`-separated relative path, in file order.
    pub(super) fn matching(&self, rel: &str) -> Vec<usize> {
        let mut hit = vec![false; self.overrides];
        let mut found = Vec::new();
        let mark = |owners: &[usize], found: &[usize], hit: &mut [bool]| {
            for i in found {
                if let Some(&o) = owners.get(*i)
                    && let Some(h) = hit.get_mut(o)
                {
                    *h = true;
                }
            }
        };
        // The path itself, then each directory above it: `a/b/c.md`, `a/b`, `a`.
        let mut prefix = rel;
        loop {
            self.whole.matches_candidate_into(&Candidate::new(prefix), &mut found);
            mark(&self.whole_owner, &found, &mut hit);
            match prefix.rsplit_once('/') {
                Some((up, _)) => prefix = up,
                None => break,
            }
        }
        for part in rel.split('/') {
            self.name.matches_candidate_into(&Candidate::new(part), &mut found);
            mark(&self.name_owner, &found, &mut hit);
        }
        hit.iter().enumerate().filter_map(|(i, h)| h.then_some(i)).collect()
    }
}

/// `path` without `.` and with `..` applied, without touching the file system.
pub(super) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The path patterns are matched against: relative to `base` when under it (both made absolute
/// from `cwd`), else the whole absolute path, in both cases `/`-separated without a root.
pub(super) fn relative_key(path: &Path, base: &Path, cwd: &Path) -> String {
    let abs = normalize(&if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) });
    let rel = abs.strip_prefix(base).unwrap_or(&abs);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(overrides: &[&[&str]]) -> PathMatcher {
        let patterns: Vec<Vec<Pattern>> =
            overrides.iter().map(|ps| ps.iter().map(|p| Pattern::parse(p).unwrap()).collect()).collect();
        PathMatcher::new(&patterns).unwrap()
    }

    #[test]
    fn anchored_patterns_match_the_relative_path() {
        let m = matcher(&[&["communes/**/*.md"], &["communes/*.txt"]]);
        assert_eq!(m.matching("communes/a.md"), vec![0]);
        assert_eq!(m.matching("communes/x/y/a.md"), vec![0]);
        assert_eq!(m.matching("communes/a.txt"), vec![1]);
        // `*` does not cross a `/`.
        assert!(m.matching("communes/x/a.txt").is_empty());
        assert!(m.matching("other/communes/a.md").is_empty());
    }

    #[test]
    fn names_match_at_any_depth_and_directories_cover_their_files() {
        let m = matcher(&[&["*.md"], &["drafts/"], &["./communes/"], &["/top.txt"]]);
        assert_eq!(m.matching("a/b/plan.md"), vec![0]);
        assert_eq!(m.matching("x/drafts/plan.txt"), vec![1]);
        assert_eq!(m.matching("communes/luc-binh.txt"), vec![2]);
        assert!(m.matching("x/communes/luc-binh.txt").is_empty(), "`communes/` is anchored");
        assert_eq!(m.matching("top.txt"), vec![3]);
        assert!(m.matching("a/top.txt").is_empty());
    }

    #[test]
    fn several_overrides_match_in_file_order() {
        let m = matcher(&[&["**/*.txt"], &["a/**"], &["b/**", "a/*.txt"]]);
        assert_eq!(m.matching("a/x.txt"), vec![0, 1, 2]);
    }

    #[test]
    fn paths_are_made_relative_to_the_config_directory() {
        let base = Path::new("/repo");
        let cwd = Path::new("/repo/communes");
        assert_eq!(relative_key(Path::new("luc-binh.txt"), base, cwd), "communes/luc-binh.txt");
        assert_eq!(relative_key(Path::new("./x/../luc-binh.txt"), base, cwd), "communes/luc-binh.txt");
        assert_eq!(relative_key(Path::new("../district.txt"), base, cwd), "district.txt");
        assert_eq!(relative_key(Path::new("/repo/communes/a.md"), base, cwd), "communes/a.md");
        // Outside the config's directory: the whole path.
        assert_eq!(relative_key(Path::new("/elsewhere/a.md"), base, cwd), "elsewhere/a.md");
    }

    #[test]
    fn bad_patterns_say_why() {
        assert_eq!(Pattern::parse("communes/[a-").unwrap_err().en(), "a character class has no closing `]`");
        assert_eq!(Pattern::parse("{a,b").unwrap_err().vi, "thiếu `}` đóng");
        assert_eq!(Pattern::parse(" ./ ").unwrap_err().en(), "the path pattern is empty");
    }
}
