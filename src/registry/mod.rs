//! Registries of verified facts the engine and the rules consult: so far the indicator
//! vocabulary. Built-in registries are embedded from `rules/registry/` at build time.

mod error;
mod indicators;
pub(crate) mod phrase;

use std::sync::LazyLock;

pub use error::RegistryError;
pub use indicators::{Direction, Form, Indicator, IndicatorMatch, IndicatorVocab, UNITS};

const INDICATORS_PATH: &str = "rules/registry/indicators.yaml";

static BUILTIN_INDICATORS: LazyLock<Result<IndicatorVocab, RegistryError>> = LazyLock::new(|| {
    let text = crate::embedded::REGISTRY_FILES
        .iter()
        .find(|(path, _)| *path == INDICATORS_PATH)
        .map_or("indicators: []", |(_, text)| text);
    IndicatorVocab::from_yaml(INDICATORS_PATH, text)
});

/// The built-in indicator vocabulary, loaded once.
pub fn builtin_indicators() -> Result<&'static IndicatorVocab, RegistryError> {
    BUILTIN_INDICATORS.as_ref().map_err(Clone::clone)
}
