//! Which rules run on a file, and at what severity: the config's top level, the overrides whose
//! paths match the file, and the command line, combined.
//!
//! Each *level* — the top level, each matching override in file order, then `--ignore` — may
//! decide whether a rule runs. Within a level the longest `select`/`ignore` entry matching the
//! rule's code decides (`T103` beats `T1` beats `T` beats `ALL`); on a tie `ignore` wins. A level
//! with a `select` also turns off the rules none of its entries match. The last level that decides
//! wins. `--select` replaces every `select` of the config (and beats the config's `ignore` on a
//! tie); `--ignore` is the last level. `severity: {CODE: off}` is an `ignore` entry of its level.
//! Severity: the last level with a matching `severity` entry decides, its longest entry winning.

use std::path::Path;

use super::{Config, ConfigError};
use crate::dsl::Stage;
use crate::finding::{Category, Severity};
use crate::lang::Lang;
use crate::source::{Bilingual, LocatedError};

/// A rule code (`T101`) or the beginning of one (`T1`, `T`); empty for `ALL`. Upper case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Selector(Box<str>);

/// Why a selector is wrong: message and help in both languages.
pub(super) type Wrong = (Bilingual, Option<Bilingual>);

impl Selector {
    /// Read a selector as written (any case; `ALL` for every rule).
    pub(super) fn parse(written: &str) -> Result<Self, Wrong> {
        let up = written.trim().to_ascii_uppercase();
        if up == "ALL" {
            return Ok(Self("".into()));
        }
        let mut chars = up.chars();
        let shaped =
            chars.next().is_some_and(|c| c.is_ascii_uppercase()) && up.len() <= 4 && chars.all(|c| c.is_ascii_digit());
        if !shaped {
            return Err((
                Bilingual::new(
                    format!("`{}` không phải mã hay tiền tố mã quy tắc", written.trim()),
                    format!("`{}` is not a rule code or code prefix", written.trim()),
                ),
                Some(Bilingual::new(
                    "mã quy tắc là một chữ in hoa và ba chữ số (`T101`); tiền tố là phần đầu của mã (`T`, `T1`); `ALL` là mọi quy tắc; trên dòng lệnh, `the-thuc`/`noi-dung` là mọi quy tắc thể thức/nội dung",
                    "a rule code is a capital letter and three digits (`T101`); a prefix is its beginning (`T`, `T1`); `ALL` means every rule; on the command line, `the-thuc`/`noi-dung` mean every format/content rule",
                )),
            ));
        }
        Ok(Self(up.into()))
    }

    /// The selector as it reads (`ALL` for every rule).
    pub(super) fn written(&self) -> &str {
        if self.0.is_empty() { "ALL" } else { &self.0 }
    }

    /// How specific the match is (the selector's length), when the selector matches `code`.
    fn specificity(&self, code: &str) -> Option<usize> {
        let n = self.0.len();
        code.get(..n).is_some_and(|head| head.eq_ignore_ascii_case(&self.0)).then_some(n)
    }

    /// Check that some rule has this code or prefix.
    pub(super) fn check_known(&self, known: &[&str]) -> Result<(), Wrong> {
        if known.iter().any(|k| self.specificity(k).is_some()) {
            return Ok(());
        }
        let s = &*self.0;
        let message = if s.len() == 4 {
            Bilingual::new(format!("không có quy tắc nào có mã `{s}`"), format!("no rule has the code `{s}`"))
        } else {
            Bilingual::new(
                format!("không có quy tắc nào có mã bắt đầu bằng `{s}`"),
                format!("no rule's code starts with `{s}`"),
            )
        };
        if s.len() == 1 {
            // Any letter is one edit from any other: list the families instead.
            let mut letters: Vec<&str> = known.iter().filter_map(|k| k.get(..1)).collect();
            letters.sort_unstable();
            letters.dedup();
            let list = letters.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ");
            let help = Bilingual::new(format!("các nhóm quy tắc: {list}"), format!("the rule families are {list}"));
            return Err((message, Some(help)));
        }
        // Candidates: the codes and every prefix of them, so that `X1` may suggest `L1`.
        let mut candidates: Vec<&str> = known.iter().flat_map(|k| (1..=k.len()).filter_map(|n| k.get(..n))).collect();
        candidates.sort_unstable();
        candidates.dedup();
        let help = crate::dsl::suggest(s, candidates.iter().copied())
            .map(|m| Bilingual::new(format!("có phải ý bạn là `{m}`?"), format!("did you mean `{m}`?")));
        let help = help.or_else(|| {
            Some(Bilingual::new(
                "`planlint rules list` liệt kê mã của mọi quy tắc",
                "`planlint rules list` lists the code of every rule",
            ))
        });
        Err((message, help))
    }
}

/// The rule settings of one level: the top level or one override.
#[derive(Debug, Clone, Default)]
pub(super) struct Level {
    pub(super) select: Option<Vec<Selector>>,
    /// With the `off` entries of `severity`.
    pub(super) ignore: Vec<Selector>,
    pub(super) severity: Vec<(Selector, Severity)>,
    pub(super) stage: Option<Stage>,
}

/// Ranks that break ties between entries of the same length in one level.
const SELECT: u8 = 0;
const IGNORE: u8 = 1;
const CLI_SELECT: u8 = 2;

/// The decision of the longest matching entry (`true` = run), ties to the higher rank.
fn longest<'a>(entries: impl Iterator<Item = (&'a Selector, u8)>, code: &str) -> Option<bool> {
    entries
        .filter_map(|(s, rank)| s.specificity(code).map(|n| ((n, rank), rank != IGNORE)))
        .max_by_key(|(key, _)| *key)
        .map(|(_, on)| on)
}

/// What the command line says about rules: `--select`, `--ignore` and `--stage`.
#[derive(Debug, Clone, Default)]
pub struct CliSelection {
    select: Option<Vec<Selector>>,
    ignore: Vec<Selector>,
    stage: Option<Stage>,
    /// Categories named in `--select` / `--ignore` (`the-thuc`, `noi-dung`), turned into the
    /// codes of their rules by [`CliSelection::resolve_categories`] once the rules are loaded.
    select_categories: Vec<Category>,
    ignore_categories: Vec<Category>,
}

impl CliSelection {
    /// Read `--select` (`None` when not given), `--ignore` and `--stage`. Values may hold
    /// several codes separated by commas. A value that is not a code or prefix is an error.
    pub fn new(
        select: Option<&[String]>,
        ignore: &[String],
        stage: Option<Stage>,
        lang: Lang,
    ) -> Result<Self, ConfigError> {
        let read = |flag: &str, values: &[String]| -> Result<Vec<Selector>, ConfigError> {
            values
                .iter()
                .flat_map(|v| v.split(','))
                .filter(|v| Category::parse(v).is_none())
                .map(|v| Selector::parse(v).map_err(|wrong| option_error(flag, wrong, lang)))
                .collect()
        };
        let categories = |values: &[String]| {
            values.iter().flat_map(|v| v.split(',')).filter_map(Category::parse).collect::<Vec<_>>()
        };
        Ok(Self {
            select: select.map(|s| read("--select", s)).transpose()?,
            ignore: read("--ignore", ignore)?,
            stage,
            select_categories: select.map(categories).unwrap_or_default(),
            ignore_categories: categories(ignore),
        })
    }

    /// Turn the categories named in `--select` / `--ignore` into the codes of the rules of that
    /// category (`rules`: every loaded rule's code and category).
    pub fn resolve_categories(&mut self, rules: &[(&str, Category)]) {
        let codes = |wanted: &[Category]| -> Vec<Selector> {
            rules
                .iter()
                .filter(|(_, c)| wanted.contains(c))
                .filter_map(|(code, _)| Selector::parse(code).ok())
                .collect()
        };
        let selected = codes(&self.select_categories);
        if let Some(select) = self.select.as_mut() {
            select.extend(selected);
        }
        let ignored = codes(&self.ignore_categories);
        self.ignore.extend(ignored);
    }

    /// Check that every code and prefix given names a rule of the run (`known`: their codes).
    pub fn validate_codes(&self, known: &[&str], lang: Lang) -> Result<(), ConfigError> {
        let flagged =
            self.select.iter().flatten().map(|s| ("--select", s)).chain(self.ignore.iter().map(|s| ("--ignore", s)));
        for (flag, s) in flagged {
            s.check_known(known).map_err(|wrong| option_error(flag, wrong, lang))?;
        }
        Ok(())
    }
}

/// A command-line value that is wrong: no place in a file, the flag named.
fn option_error(flag: &str, (message, help): Wrong, lang: Lang) -> ConfigError {
    let e = LocatedError::new("option-invalid", format!("{flag}: {}", message.get(lang)));
    ConfigError(match help {
        Some(h) => e.with_help(h.get(lang).to_owned()),
        None => e,
    })
}

/// The rules of one file: cheap to make (a glob match over the file's path) and to ask.
#[derive(Debug, Clone)]
pub struct RulePolicy<'a> {
    config: &'a Config,
    cli: &'a CliSelection,
    /// The overrides whose paths match, in file order.
    matched: Vec<usize>,
}

impl<'a> RulePolicy<'a> {
    pub(super) fn new(config: &'a Config, cli: &'a CliSelection, path: &Path) -> Self {
        let matched = if config.matcher.is_empty() {
            Vec::new()
        } else {
            config.matcher.matching(&super::paths::relative_key(path, &config.base, &config.cwd))
        };
        Self { config, cli, matched }
    }

    fn overrides(&self) -> impl DoubleEndedIterator<Item = &'a Level> + '_ {
        self.matched.iter().filter_map(|i| self.config.overrides.get(*i))
    }

    /// The stage: `--stage`, else the last matching override's, else the top level's, else draft.
    pub fn stage(&self) -> Stage {
        self.cli
            .stage
            .or_else(|| self.overrides().rev().find_map(|l| l.stage))
            .or(self.config.top.stage)
            .unwrap_or_default()
    }

    /// Whether the rule with this code runs on the file.
    pub fn is_selected(&self, code: &str) -> bool {
        let top = &self.config.top;
        let cli_select = self.cli.select.as_deref();
        let select = cli_select.map(|s| (s, CLI_SELECT)).or(top.select.as_deref().map(|s| (s, SELECT)));
        let entries = select.into_iter().flat_map(|(s, rank)| s.iter().map(move |e| (e, rank)));
        let mut on = longest(entries.chain(top.ignore.iter().map(|e| (e, IGNORE))), code).unwrap_or(select.is_none());
        for level in self.overrides() {
            // `--select` replaces the overrides' `select` too.
            let select = if cli_select.is_some() { None } else { level.select.as_deref() };
            let entries =
                select.into_iter().flatten().map(|e| (e, SELECT)).chain(level.ignore.iter().map(|e| (e, IGNORE)));
            match longest(entries, code) {
                Some(decision) => on = decision,
                None if select.is_some() => on = false,
                None => {}
            }
        }
        on && !self.cli.ignore.iter().any(|e| e.specificity(code).is_some())
    }

    /// The severity to report the rule with, given its own at the file's stage; `None` when the
    /// rule does not run. Ask only about rules that are on at [`RulePolicy::stage`].
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        if !self.is_selected(code) {
            return None;
        }
        let levels = std::iter::once(&self.config.top).chain(self.overrides());
        let chosen = levels.rev().find_map(|level| {
            level
                .severity
                .iter()
                .filter_map(|(s, sev)| s.specificity(code).map(|n| (n, *sev)))
                .max_by_key(|(n, _)| *n)
                .map(|(_, sev)| sev)
        });
        Some(chosen.unwrap_or(default))
    }
}
