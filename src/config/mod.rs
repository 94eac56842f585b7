//! `planlint.yaml`: the settings a plan repository or a reviewer keeps beside the plans. Found
//! from the working directory upward, or named with `--config`. Paths in it are relative to the
//! file's own directory. Unknown keys and bad values are located, bilingual errors.
//!
//! What a run needs from it: [`Config`] (read once; `Sync`), then per file a cheap
//! [`RulePolicy`] from [`Config::policy_for`] that says the stage and each rule's severity. How
//! the levels combine is told in `policy`. `planlint init` writes [`TEMPLATE`].

mod paths;
mod policy;
mod raw;
mod template;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use policy::{CliSelection, RulePolicy};
pub use template::TEMPLATE;

use crate::dsl::Stage;
use crate::lang::Lang;
use crate::source::LocatedError;
use policy::Level;

/// The file name looked for.
pub const FILE_NAME: &str = "planlint.yaml";

/// A config file, or a command-line selection, that cannot be used.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct ConfigError(LocatedError);

impl ConfigError {
    /// The message, in the language it was made in.
    pub fn message(&self) -> &str {
        self.0.message()
    }

    /// The help line, if any.
    pub fn help_text(&self) -> Option<&str> {
        self.0.help_text()
    }

    /// The byte offset of the problem in the config's text (0 when it has no place).
    pub fn offset(&self) -> usize {
        self.0.offset()
    }
}

/// The settings, read and checked, paths resolved, globs compiled.
#[derive(Debug, Clone)]
pub struct Config {
    /// `lang:` — the language of messages when `--lang` is not given.
    pub lang: Option<Lang>,
    /// `stage:` at the top level; `--stage` and matching overrides win (see [`RulePolicy::stage`]).
    pub stage: Option<Stage>,
    /// Directories of extra rule files, relative to the working directory or absolute.
    pub rules: Vec<PathBuf>,
    /// Registry files of your own (`documents:` or `targets:`).
    pub registries: Vec<PathBuf>,
    /// Plan files whose targets children may be compared with, besides the plans of the run.
    pub parents: Vec<PathBuf>,
    /// `exclude:` — what folder walks leave out (relative to the config's directory, like
    /// override paths); files named on the command line are checked all the same.
    exclude: paths::PathMatcher,
    top: Level,
    overrides: Vec<Level>,
    matcher: paths::PathMatcher,
    /// The config's directory, absolute, normalized: override patterns are relative to it.
    base: PathBuf,
    /// The working directory when the config was read: relative file paths start there.
    cwd: PathBuf,
    /// The file's name and text, to place errors found after loading.
    source: Option<(String, Arc<str>)>,
    /// The language errors found after loading are written in.
    message_lang: Lang,
}

impl Default for Config {
    fn default() -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        Self {
            lang: None,
            stage: None,
            rules: Vec::new(),
            registries: Vec::new(),
            parents: Vec::new(),
            exclude: paths::PathMatcher::default(),
            top: Level::default(),
            overrides: Vec::new(),
            matcher: paths::PathMatcher::default(),
            base: cwd.clone(),
            cwd,
            source: None,
            message_lang: Lang::Vi,
        }
    }
}

/// A config read from a file, with its paths made relative to the working directory.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The file, when there was one.
    pub path: Option<PathBuf>,
    /// The settings, paths resolved.
    pub config: Config,
}

/// The nearest `planlint.yaml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// The config of a run: the file named by `--config`, else the nearest `planlint.yaml` from the
/// working directory up, else the defaults. `cli_lang` (`--lang`) is the language of errors; when
/// it is not given, the file's own `lang:` is, if it can be made out.
pub fn discover(explicit: Option<&Path>, cli_lang: Option<Lang>) -> Result<Loaded, ConfigError> {
    match explicit {
        Some(path) => load(path, cli_lang),
        None => {
            let Some(cwd) = std::env::current_dir().ok() else { return Ok(Loaded::default()) };
            match find(&cwd) {
                Some(path) => load_named(&path, &relative_name(&path, &cwd), cli_lang),
                None => Ok(Loaded::default()),
            }
        }
    }
}

/// How a discovered config is named in messages: from the working directory
/// (`planlint.yaml`, `../../planlint.yaml`), as a user would type it.
fn relative_name(path: &Path, cwd: &Path) -> String {
    let up = path.parent().and_then(|dir| cwd.ancestors().position(|a| a == dir));
    match (up, path.file_name()) {
        (Some(up), Some(file)) => format!("{}{}", "../".repeat(up), file.to_string_lossy()),
        _ => path.display().to_string(),
    }
}

/// Read and check a config file.
pub fn load(path: &Path, cli_lang: Option<Lang>) -> Result<Loaded, ConfigError> {
    load_named(path, &path.display().to_string(), cli_lang)
}

/// [`load`], the file named `name` in messages.
fn load_named(path: &Path, name: &str, cli_lang: Option<Lang>) -> Result<Loaded, ConfigError> {
    let text = crate::yaml::read(path).map_err(|why| {
        let message = cli_lang.unwrap_or_default().pick(
            format!("không đọc được tệp cấu hình `{name}`: {}", why.vi),
            format!("cannot read the config file `{name}`: {}", why.en()),
        );
        ConfigError(LocatedError::new("config-invalid", message))
    })?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parse(name, &text, dir, cli_lang)
}

/// Parse a config's text; `dir` is the directory its paths are relative to (relative paths are
/// taken from the working directory).
pub fn parse(name: &str, text: &str, dir: &Path, cli_lang: Option<Lang>) -> Result<Loaded, ConfigError> {
    parse_in(name, text, dir, &std::env::current_dir().unwrap_or_default(), cli_lang)
}

/// [`parse`] with the working directory given.
fn parse_in(name: &str, text: &str, dir: &Path, cwd: &Path, cli_lang: Option<Lang>) -> Result<Loaded, ConfigError> {
    let text: Arc<str> = Arc::from(text);
    if let Err(e) = crate::yaml::check_limits(&text) {
        let lang = cli_lang.or_else(|| sniff_lang(&text)).unwrap_or_default();
        let (message, help) = (e.message(), e.help());
        let len = crate::yaml::token_len(&text, e.offset);
        return Err(ConfigError(
            LocatedError::new("config-invalid", message.get(lang).to_owned())
                .at(name, Arc::clone(&text), e.offset, len)
                .with_help(help.get(lang).to_owned()),
        ));
    }
    let raw = match raw::parse(&text, None) {
        Ok(raw) => raw,
        Err((e, pending)) => {
            let lang = cli_lang.or_else(|| sniff_lang(&text)).unwrap_or_default();
            return Err(yaml_error(name, &text, &e, pending, lang));
        }
    };
    let raw = raw.unwrap_or(raw::RawConfig {
        lang: None,
        stage: None,
        select: None,
        ignore: None,
        severity: None,
        overrides: None,
        rules: None,
        registries: None,
        parents: None,
        exclude: None,
    });
    let lang = raw.lang.map(|l| l.0);
    let message_lang = cli_lang.or(lang).unwrap_or_default();
    let level = |select, ignore: Option<Vec<_>>, severity: Option<raw::SeverityMap>, stage: Option<raw::StageValue>| {
        let mut level =
            Level { select, ignore: ignore.unwrap_or_default(), severity: Vec::new(), stage: stage.map(|s| s.0) };
        for (sel, sev) in severity.unwrap_or_default().0 {
            match sev {
                Some(sev) => level.severity.push((sel, sev)),
                None => level.ignore.push(sel),
            }
        }
        level
    };
    let mut patterns = Vec::new();
    let mut overrides = Vec::new();
    for o in raw.overrides.unwrap_or_default() {
        patterns.push(o.paths.0);
        overrides.push(level(o.select, o.ignore, o.severity, o.stage));
    }
    let matcher = paths::PathMatcher::new(&patterns).map_err(|e| {
        let message = message_lang.pick(
            format!("không dựng được các mẫu đường dẫn của `overrides` (chi tiết kỹ thuật: {e})"),
            format!("the path patterns of `overrides` cannot be compiled: {e}"),
        );
        let at = text.find("overrides").unwrap_or(0);
        ConfigError(LocatedError::new("config-invalid", message).at(name, Arc::clone(&text), at, "overrides".len()))
    })?;
    let exclude = paths::PathMatcher::new(&[raw.exclude.unwrap_or_default()]).map_err(|e| {
        let message = message_lang.pick(
            format!("không dựng được các mẫu của `exclude` (chi tiết kỹ thuật: {e})"),
            format!("the patterns of `exclude` cannot be compiled: {e}"),
        );
        let at = text.find("exclude").unwrap_or(0);
        ConfigError(LocatedError::new("config-invalid", message).at(name, Arc::clone(&text), at, "exclude".len()))
    })?;
    let resolve = |v: Option<Vec<PathBuf>>| {
        v.unwrap_or_default().into_iter().map(|p| if p.is_absolute() { p } else { dir.join(p) }).collect()
    };
    let top = level(raw.select, raw.ignore, raw.severity, raw.stage);
    Ok(Loaded {
        path: Some(PathBuf::from(name)),
        config: Config {
            lang,
            stage: top.stage,
            rules: resolve(raw.rules),
            registries: resolve(raw.registries),
            parents: resolve(raw.parents),
            exclude,
            top,
            overrides,
            matcher,
            base: paths::normalize(&cwd.join(dir)),
            cwd: cwd.to_path_buf(),
            source: Some((name.to_owned(), text)),
            message_lang,
        },
    })
}

/// A parse error placed in the file.
fn yaml_error(
    name: &str,
    text: &Arc<str>,
    e: &serde_yaml::Error,
    pending: Option<Box<raw::Pending>>,
    lang: Lang,
) -> ConfigError {
    let stopped = e.location().map_or(0, |l| l.index()).min(text.len());
    let (message, help, (offset, len)) = match pending {
        Some(p) => (
            p.message.get(lang).to_owned(),
            p.help.map(|h| h.get(lang).to_owned()),
            raw::place(text, stopped, &p.token, p.skip),
        ),
        None => {
            let (m, h) = raw::translate(&e.to_string(), lang);
            (m, h, raw::place(text, stopped, "", 0))
        }
    };
    let err = LocatedError::new("config-invalid", message).at(name, Arc::clone(text), offset, len);
    ConfigError(match help {
        Some(h) => err.with_help(h),
        None => err,
    })
}

/// The `lang:` of a config text, read loosely (for the language of its own errors).
fn sniff_lang(text: &str) -> Option<Lang> {
    text.lines().find_map(|l| match l.strip_prefix("lang:")?.split('#').next()?.trim().trim_matches(['"', '\'']) {
        "en" => Some(Lang::En),
        "vi" => Some(Lang::Vi),
        _ => None,
    })
}

/// The `lang:` of the nearest `planlint.yaml` from `start` up, read loosely: for commands that
/// use nothing else of the config (a broken config is reported by `check`, not by them).
pub fn nearest_lang(start: &Path) -> Option<Lang> {
    sniff_lang(&crate::yaml::read(&find(start)?).ok()?)
}

impl Config {
    /// The language of messages: `--lang`, else `lang:`, else Vietnamese.
    pub fn resolve_lang(&self, cli: Option<Lang>) -> Lang {
        cli.or(self.lang).unwrap_or_default()
    }

    /// Check that every code and prefix in `select`, `ignore` and `severity` (top level and
    /// overrides) names a rule; `known` are the codes of the run's rules. The error is placed at
    /// the first entry that names none, with a did-you-mean.
    pub fn validate_codes(&self, known: &[&str]) -> Result<(), ConfigError> {
        let Some((name, text)) = &self.source else { return Ok(()) };
        match raw::parse(text, Some(known)) {
            Ok(_) => Ok(()),
            Err((e, pending)) => Err(yaml_error(name, text, &e, pending, self.message_lang)),
        }
    }

    /// Whether a folder walk leaves `path` out (a file or a folder found under a folder named on
    /// the command line; relative to the working directory or absolute): it matches a pattern
    /// of `exclude:`. Only the path itself is matched, not the folders above it: a walk does not
    /// enter an excluded folder, and a folder named on the command line is walked even when
    /// excluded.
    pub fn is_excluded(&self, path: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.matches_itself(&paths::relative_key(path, &self.base, &self.cwd))
    }

    /// What applies to one file: the overrides whose `paths` match it (the path may be relative
    /// to the working directory or absolute) and the command line's selection.
    pub fn policy_for<'a>(&'a self, path: &Path, cli: &'a CliSelection) -> RulePolicy<'a> {
        RulePolicy::new(self, cli, path)
    }
}

#[cfg(test)]
mod tests;
