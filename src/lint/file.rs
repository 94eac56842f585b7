//! Checking one input: read, decode and extract it (or say why it cannot be), run the rules,
//! apply the file's suppression directives, then the baseline.

use std::collections::HashMap;
use std::path::Path;

use super::walk::Item;
use super::{BaselineState, Context, FileResult, Settings};
use crate::config::RulePolicy;
use crate::dsl::{CheckOptions, Stage};
use crate::extract::ExtractOptions;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::model::Plan;
use crate::registry::IndicatorVocab;
use crate::report::InputDiagnostic;
use crate::source::SourceFile;
use crate::suppress::{Known, Suppressions, Syntax};

/// The codes planlint itself reports (input and suppression problems), which no rule file
/// declares: the codes of the one table that documents them ([`crate::output::ENGINE_CODES`]).
pub const ENGINE_CODES: &[&str] = &engine_codes();

/// The codes of [`crate::output::ENGINE_CODES`], at compile time.
#[allow(clippy::indexing_slicing, reason = "const evaluation: an index out of range fails the build")]
const fn engine_codes() -> [&'static str; crate::output::ENGINE_CODES.len()] {
    let mut out = [""; crate::output::ENGINE_CODES.len()];
    let mut rest = crate::output::ENGINE_CODES;
    let mut i = 0;
    while let [first, tail @ ..] = rest {
        out[i] = first.code;
        rest = tail;
        i += 1;
    }
    out
}

/// How a rule code is known to a run: its levels at the two stages (draft, final).
pub(super) type RuleLevels = HashMap<String, (Option<Severity>, Option<Severity>)>;

/// An input decoded and extracted, or the input diagnostic that says why it cannot be checked
/// (with the decoded source when it is not a plan).
pub(super) enum Prepared {
    Plan(Box<(SourceFile, Plan)>),
    Failed(Box<InputDiagnostic>, Option<SourceFile>),
}

/// Read, decode and extract an input: all that comes before the rules.
pub(super) fn prepare(item: &Item, vocab: &IndicatorVocab, lang: Lang, extract: ExtractOptions) -> Prepared {
    let name = item.name.as_str();
    let bytes = match item.bytes() {
        Ok(b) => b,
        Err(e) => return Prepared::Failed(Box::new(InputDiagnostic::from_source_error(name, &e, None, lang)), None),
    };
    let src = match SourceFile::from_bytes(name, &bytes) {
        Ok(s) => s,
        Err(e) => {
            let d = InputDiagnostic::from_source_error(name, &e, Some(&bytes), lang);
            return Prepared::Failed(Box::new(d), None);
        }
    };
    drop(bytes);
    extracted(src, vocab, lang, extract)
}

/// Extract a decoded source.
pub(super) fn extracted(src: SourceFile, vocab: &IndicatorVocab, lang: Lang, extract: ExtractOptions) -> Prepared {
    match crate::extract::extract_with(&src, vocab, extract) {
        Ok(plan) => Prepared::Plan(Box::new((src, plan))),
        Err(e) => {
            let d = InputDiagnostic::from_extract_error(src.name(), &e, src.original(), lang);
            Prepared::Failed(Box::new(d), Some(src))
        }
    }
}

/// Check a prepared input reported as `name`; `matched` is the path the config's per-path
/// rules match (standard input's is the name it is given).
pub(super) fn check(name: &str, matched: &str, prepared: Prepared, settings: &Settings, cx: &Context) -> FileResult {
    let lang = settings.lang;
    let policy = settings.config.policy_for(Path::new(matched), &settings.selection);
    let (src, plan) = match prepared {
        Prepared::Plan(prepared) => *prepared,
        Prepared::Failed(d, src) => {
            // Input errors are selected and given a severity like rules (`ignore: [E003]`).
            let input_error = policy.severity(d.code(), d.severity()).map(|s| Box::new(d.with_severity(s)));
            return FileResult { source: src, ..FileResult::failed(name, input_error) };
        }
    };
    let vocab = &settings.registry.indicators;
    let inherited = cx.parents.targets_for(&plan, &|key| super::prepass::parent_targets(key, vocab, cx.extract));
    let opts = CheckOptions { parents: &inherited, stage: policy.stage(), lang, registry: &settings.registry };
    let outcome =
        settings.rules.check_with(&plan, Some(&src), &opts, &|code, severity| policy.severity(code, severity));
    let mut findings = outcome.findings;
    let mut suppressions = Suppressions::default();
    let mut suppressed = Vec::new();
    if let Some(syntax) = Syntax::from_name(matched) {
        suppressions = crate::suppress::parse(src.original(), syntax);
        if !suppressions.is_empty() {
            let known = |code: &str| known(code, &cx.levels, &policy, opts.stage);
            (findings, suppressed) = suppressions.apply_keeping(findings, &known, &settings.rules.codes(), lang);
            // The directives' own findings take the config's severity overrides too.
            findings.retain_mut(|f| match policy.severity(&f.code, f.severity) {
                Some(s) if ENGINE_CODES.contains(&f.code.as_str()) => {
                    f.severity = s;
                    true
                }
                Some(_) => true,
                None => false,
            });
        }
    }
    let accepted = settings.keep_accepted.then(|| findings.clone());
    let mut baseline = BaselineState::default();
    if let Some(b) = &settings.baseline {
        let m = b.filter(name, findings, src.original());
        findings = m.kept;
        baseline = BaselineState { matched: m.matched, unmatched: m.unmatched };
    }
    FileResult {
        name: name.to_owned(),
        source: Some(src),
        plan: Some(plan),
        findings,
        input_error: None,
        suppressions,
        suppressed,
        baseline,
        accepted,
        stopped: outcome.stopped,
    }
}

/// How a code named in a suppression is known: a rule that ran on this file, a rule that did not
/// (turned off, or not at this stage), or no rule at all.
fn known(code: &str, levels: &RuleLevels, policy: &RulePolicy<'_>, stage: Stage) -> Known {
    if ENGINE_CODES.contains(&code) {
        return if policy.is_selected(code) { Known::Enabled } else { Known::Disabled };
    }
    match levels.get(code) {
        None => Known::Unknown,
        Some(&(draft, final_)) => {
            let level = if stage == Stage::Final { final_ } else { draft };
            match level.and_then(|l| policy.severity(code, l)) {
                Some(_) => Known::Enabled,
                None => Known::Disabled,
            }
        }
    }
}
