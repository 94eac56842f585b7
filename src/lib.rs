//! planlint: a rules engine and linter for Vietnamese government plans (*kế hoạch*).
//!
//! The pipeline: [`source`] decodes and normalizes a file, [`extract`] turns it into the plan
//! [`model`], and rules judge the model. Registries of verified facts live in [`registry`].
//! A run over files (walking folders, parent plans, suppressions, the baseline) is [`lint`]:
//! the command line and every other embedding call it.

pub mod annotate;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod docx;
pub mod dsl;
pub mod extract;
pub mod finding;
mod fnv;
pub mod lang;
pub mod lint;
pub mod memo;
pub mod model;
pub mod output;
pub mod pdf;
mod regexes;
pub mod registry;
pub mod report;
pub mod source;
pub mod suppress;
pub mod syllable;
pub mod text;
pub mod write;
mod xml;
pub mod yaml;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
