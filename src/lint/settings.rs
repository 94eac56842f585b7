//! What a run is told: built by the caller (the command line from its config and arguments, an
//! editor from its workspace), never parsed here.

use std::sync::Arc;

use crate::baseline::Baseline;
use crate::config::{CliSelection, Config};
use crate::dsl::RuleSet;
use crate::lang::Lang;
use crate::registry::Registry;

/// The settings of a run: the rules, the registries they consult, the config and selection that
/// choose rules and severities per path, the baseline, the language of messages. Cheap to clone
/// (the loaded parts are shared): [`super::lint_paths`] keeps a copy for its worker threads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The language of messages (findings, input errors).
    pub lang: Lang,
    /// The loaded, checked rules.
    pub rules: Arc<RuleSet>,
    /// The registries the rules consult.
    pub registry: Registries,
    /// The config: per-path selection, severities and stage, parent plans.
    pub config: Arc<Config>,
    /// The selection given beside the config (on the command line: `--select`, `--ignore`,
    /// `--stage`).
    pub selection: CliSelection,
    /// Accepted findings to hide (`--baseline`), if any.
    pub baseline: Option<Arc<Baseline>>,
    /// Keep each file's findings before the baseline is applied ([`super::FileResult::accepted`]),
    /// to write a new baseline.
    pub keep_accepted: bool,
    /// The name standard input is reported under; the config's per-path rules match it too.
    pub stdin_name: String,
    /// How many files to check at once (`None`: one per processor).
    pub jobs: Option<usize>,
}

impl Settings {
    /// Settings for the built-in rules and registries, the default config, in `lang`.
    pub fn builtin(lang: Lang) -> Result<Self, super::LintError> {
        Ok(Self {
            lang,
            rules: Arc::new(RuleSet::load_for_check(crate::dsl::builtin_sources())?),
            registry: Registries::Builtin(Registry::builtin()?),
            config: Arc::new(Config::default()),
            selection: CliSelection::default(),
            baseline: None,
            keep_accepted: false,
            stdin_name: "<stdin>".to_owned(),
            jobs: None,
        })
    }
}

/// The registries of a run: the built-in ones (built once per process, never copied) or the
/// built-in ones with the user's files added.
#[derive(Debug, Clone)]
pub enum Registries {
    /// The built-in registries.
    Builtin(&'static Registry),
    /// Registries loaded for this run.
    Loaded(Arc<Registry>),
}

impl std::ops::Deref for Registries {
    type Target = Registry;

    fn deref(&self) -> &Registry {
        match self {
            Self::Builtin(r) => r,
            Self::Loaded(r) => r,
        }
    }
}

impl From<std::borrow::Cow<'static, Registry>> for Registries {
    fn from(r: std::borrow::Cow<'static, Registry>) -> Self {
        match r {
            std::borrow::Cow::Borrowed(r) => Self::Builtin(r),
            std::borrow::Cow::Owned(r) => Self::Loaded(Arc::new(r)),
        }
    }
}
