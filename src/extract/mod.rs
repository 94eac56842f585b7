//! File → plan model. Extraction knows nothing of rules: it reads the text as a careful reviewer
//! would — header, legal bases, the heading tree, targets, task tables, appendices, signature —
//! and records every value with the span of the original text it came from.
//!
//! The pipeline: [`layout`] turns lines into elements (paragraphs with wrapped lines and page
//! gaps joined, numbered headings, tables); the recognizers read symbols, dates, numbers and
//! citations; this module assigns elements to the zones of a plan and to their sections.

mod abbreviations;
mod appendices;
mod attachment;
mod citations;
mod closing;
mod dates;
mod error;
mod facts;
mod header;
mod headings;
mod layout;
mod mapped;
mod numbers;
mod objectives;
mod re;
mod symbols;
mod tables;
mod targets;

pub use error::{ExtractError, PlanPart};

use appendices::is_caption;
use layout::{Element, Line, LineKind, Marker, Para};
use mapped::Mapped;

use crate::model::{
    Appendix, AppendixRef, Assignment, Basis, Citation, CitationContext, DateValue, DocType, Numbering, Period, Plan,
    Role, Section, Sequence, SourceFormat, StatedIn, Target, Text,
};
use crate::registry::IndicatorVocab;
use crate::source::SourceFile;

static APPENDIX_CAPTION: re::Lazy =
    re::Lazy::folded(r"^phụ\s+lục(?:\s+(?:số\s*)?([0-9]{1,2}[a-z]?|[ivx]{1,5})\b)?\s*[:.\-–]?\s*(.*)$");
static CAPTION_REF: re::Lazy = re::Lazy::folded(r"^\(?\s*kèm\s+theo");
/// `Phụ lục` named in running text (`chi tiết Phụ lục 01 đính kèm`, `biểu phụ lục số 02`).
static APPENDIX_MENTION: re::Lazy = re::Lazy::folded(r"\bphụ\s+lục\b");
static CAPTION_SYMBOL: re::Lazy = re::Lazy::folded(r"số\s*:?\s*");
static HEADING_YEAR: re::Lazy = re::Lazy::folded(r"(?:năm|đến)\s+((?:19|20)[0-9]{2})");
static CLOSING_SENTENCE: re::Lazy = re::Lazy::folded(r"^trên\s+đây\s+là");
static INTRO_SENTENCE: re::Lazy = re::Lazy::folded(r"xây\s+dựng\s+(?:và\s+ban\s+hành\s+)?kế\s+hoạch");

/// Every regex of the extraction, in the order a plan first needs them (the first three are
/// rarely needed at all).
static REGEXES: &[&re::Lazy] = &[
    &symbols::ASSEMBLY,
    &targets::NO_VALUE_FOLLOWS,
    &dates::YEAR,
    &header::BASIS_START,
    &header::SYMBOL_LINE,
    &symbols::STATE,
    &dates::WORDS_AT,
    &header::MOTTO,
    &header::CARRIER,
    &header::ATTACHED_BY,
    &header::KIND,
    &APPENDIX_CAPTION,
    &APPENDIX_MENTION,
    &closing::RECIPIENTS,
    &citations::SYMBOL_START,
    &citations::TYPE_BEFORE,
    &dates::NUMERIC_AT,
    &citations::ISSUER_START,
    &citations::ISSUER_STOP,
    &citations::TITLE_START,
    &citations::TITLE_STOP,
    &dates::PERIOD_RANGE,
    &dates::PERIOD_UNTIL,
    &dates::PERIOD_YEAR,
    &symbols::PARTY,
    &INTRO_SENTENCE,
    &CLOSING_SENTENCE,
    &numbers::UNIT_AFTER_DIGIT,
    &targets::ANNOUNCE_ANYWHERE,
    &HEADING_YEAR,
    &dates::WORDS,
    &dates::NUMERIC,
    &numbers::MASK,
    &numbers::NUMBER,
    &numbers::UNIT,
    &numbers::COMPARATOR_BEFORE,
    &numbers::INCREASE_BEFORE,
    &targets::YEAR_MARKER,
    &targets::SENTENCE_OPENING,
    &numbers::TIMES_BEFORE,
    &numbers::DECREASE_BEFORE,
    &targets::ANNOUNCE,
    &symbols::NORMATIVE,
    &numbers::RANGE_TAIL,
    &numbers::ABOVE_TAIL,
    &citations::AFTER_SYMBOL,
    &numbers::PER_YEAR_TAIL,
    &targets::NONE_TO_HAPPEN,
    &closing::ON_BEHALF,
    &closing::SIGNED,
    &closing::DELEGATION,
    &closing::POSITION,
    &CAPTION_REF,
    &CAPTION_SYMBOL,
    &tables::YEAR_COLUMN,
    &numbers::MALFORMED_TAIL,
    &dates::ROMAN_QUARTER,
    &dates::HALF,
    &dates::MONTH_RANGE,
    &dates::MONTHS,
    &dates::YEAR_RANGE,
];

/// How an extraction runs. The options change its speed, never its result; they are given to
/// each extraction (and passed down to every regex search), so that extractions with different
/// options can run side by side in one process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Search the case-insensitive regexes in the lowered text, rather than compile and run
    /// their `(?i)` forms (see the `re` module): for a run of one plan, where compiling the
    /// regexes is most of the work; slower once many plans share the compiled regexes.
    pub fold_case: bool,
}

impl ExtractOptions {
    /// The options for a run of `inputs` plans: case folding for a run of one.
    pub fn for_run_of(inputs: usize) -> Self {
        Self { fold_case: inputs == 1 }
    }
}

/// Compile the regexes extractions with `opts` use ahead of their first use, the last needed
/// first, until `stop` says so. A run that extracts its first plan on another thread calls this
/// once its own loading is done: compiling them is most of a one-file run's extraction, and the
/// two threads then share it (a regex the other thread is compiling is waited for, never
/// compiled twice).
pub fn warm_up(opts: ExtractOptions, stop: &dyn Fn() -> bool) {
    for regex in REGEXES.iter().rev() {
        if stop() {
            break;
        }
        let _ = regex.get(opts);
    }
}

/// Extract the plan model from a decoded source file (with the default options).
pub fn extract(src: &SourceFile, vocab: &IndicatorVocab) -> Result<Plan, ExtractError> {
    extract_with(src, vocab, ExtractOptions::default())
}

/// Extract the plan model from a decoded source file, with `opts`.
pub fn extract_with(src: &SourceFile, vocab: &IndicatorVocab, opts: ExtractOptions) -> Result<Plan, ExtractError> {
    let plan = fragment(src, vocab, opts)?;
    check_is_plan(&plan)?;
    Ok(plan)
}

/// The header alone (issuer, number, place and date), read from the first lines of the file:
/// what identifies a plan, at a small part of the cost of [`extract`].
pub fn extract_header(src: &SourceFile, opts: ExtractOptions) -> crate::model::Header {
    read_header(src, opts).0
}

/// [`extract_header`] of a prefix of a file, when the prefix holds the whole header: the first
/// line of the body was found, and a line of text follows it inside the prefix (the prefix's
/// last line may be cut, and a cut line could end the header differently). `None` otherwise:
/// read a longer prefix.
pub fn extract_header_closed(src: &SourceFile, opts: ExtractOptions) -> Option<crate::model::Header> {
    let (header, closed) = read_header(src, opts);
    closed.then_some(header)
}

/// The header of the first lines, and whether its end was seen with a line of text after it.
fn read_header(src: &SourceFile, opts: ExtractOptions) -> (crate::model::Header, bool) {
    let text = src.text();
    // The header parser reads at most the first 80 lines; give it a margin.
    let cut = text.match_indices('\n').nth(120).map_or(text.len(), |(i, _)| i);
    let lines = layout::lines(text.get(..cut).unwrap_or(text));
    let out = header::parse_header(opts, src, &lines);
    let followed = lines.iter().skip(out.body_start + 1).any(|l| !l.is_blank());
    (out.header, out.closed && followed)
}

/// Extract without asking for the parts every plan has (E003): for rule tests, whose plans are
/// often fragments (a task table, a header).
pub fn extract_fragment(src: &SourceFile, vocab: &IndicatorVocab) -> Result<Plan, ExtractError> {
    fragment(src, vocab, ExtractOptions::default())
}

fn fragment(src: &SourceFile, vocab: &IndicatorVocab, opts: ExtractOptions) -> Result<Plan, ExtractError> {
    let lines = layout::lines(src.text());
    if lines.iter().all(Line::is_blank) {
        return Err(ExtractError::Empty);
    }
    let mut x = Extractor { src, vocab, opts, lines, plan: Plan::default(), flat: Vec::new() };
    if let Some(word) = src.word() {
        x.plan.tracked_changes = Some(u32::try_from(word.changes.total()).unwrap_or(u32::MAX));
        x.plan.open_comments = Some(u32::try_from(word.comments.open).unwrap_or(u32::MAX));
    }
    x.plan.format = if src.word().is_some() {
        SourceFormat::Word
    } else if src.is_pdf() {
        SourceFormat::Pdf
    } else if src.name().to_lowercase().ends_with(".md") {
        SourceFormat::Markdown
    } else {
        SourceFormat::Text
    };
    x.run();
    Ok(x.plan)
}

/// A section while the tree is built: its parent in the flat list, and its title text.
struct Flat {
    section: Section,
    parent: Option<usize>,
    title: Mapped,
    /// The year the title names (`Mục tiêu đến năm 2030`).
    year: Option<i32>,
    /// An objectives section whose title says it states the general objectives.
    general: bool,
    /// A section of specific targets (`Chỉ tiêu cụ thể`), not of tasks or solutions: see
    /// [`Flat::specific`]; read when first asked.
    specific: std::cell::OnceCell<bool>,
}

impl Flat {
    fn new(section: Section, parent: Option<usize>, title: Mapped, year: Option<i32>) -> Self {
        let general = section.role == Role::Objectives && headings::is_general_objective(&section.title.text);
        Self { section, parent, title, year, general, specific: std::cell::OnceCell::new() }
    }

    /// Whether the title names specific targets (`Mục tiêu cụ thể`, `Các chỉ tiêu`) and not tasks
    /// or solutions (`Chỉ tiêu, nhiệm vụ`); read once per section, as its paragraphs all ask.
    fn specific(&self) -> bool {
        *self.specific.get_or_init(|| {
            let t = crate::text::lower(&self.section.title.text);
            (t.contains("cụ thể") || t.contains("chỉ tiêu")) && !t.contains("nhiệm vụ") && !t.contains("giải pháp")
        })
    }
}

struct Extractor<'a> {
    src: &'a SourceFile,
    vocab: &'a IndicatorVocab,
    opts: ExtractOptions,
    lines: Vec<Line>,
    plan: Plan,
    flat: Vec<Flat>,
}

fn first_text(line: &Line) -> Option<&str> {
    match &line.kind {
        LineKind::Text(m) => Some(m.text.as_str()),
        LineKind::Row(cells) | LineKind::Columns(cells) => {
            cells.iter().find(|c| !c.is_empty()).map(|c| c.text.as_str())
        }
        LineKind::Blank => None,
    }
}

/// A short line that ends with a colon and introduces the bullets under it: `Đối với các trường
/// tiểu học:`, `Tầm nhìn đến năm 2045:` — a label, never a target. Returns the label's words.
fn group_label(m: &Mapped) -> Option<Mapped> {
    let t = m.text.trim_end();
    let colon = t.ends_with(':');
    // `Về quản lý, xử lý chất thải` (a topic, with no verb and no full stop) is a label too.
    let topic = (t.starts_with("Về ") || t.starts_with("Đối với ")) && !t.ends_with(['.', ';']);
    if !colon && !topic {
        return None;
    }
    // Words are counted only as far as the longest label (most paragraphs are far longer).
    let words = t.split_whitespace().take(17).count();
    ((colon && (2..=16).contains(&words)) || (topic && words <= 12)).then(|| m.trimmed(&[':']))
}

/// The year a heading names (`Mục tiêu đến năm 2030`).
fn heading_year(opts: ExtractOptions, title: &str) -> Option<i32> {
    dates::has_year(title).then(|| HEADING_YEAR.captures(opts, title)).flatten().and_then(|c| re::int(&c, 1))
}

impl Extractor<'_> {
    fn run(&mut self) {
        let opts = self.opts;
        let src = self.src;
        let mut head = header::parse_header(opts, src, &self.lines);
        self.plan.header = std::mem::take(&mut head.header);
        let n = self.lines.len();
        let mut body_start = head.body_start.min(n);
        // A decision or letter with the plan attached: the carrier's bases and closing, then the
        // attached plan's own kind, title and body.
        let mut carrier_closing = None;
        if head.kind.is_none()
            && let Some(at) = self.attachment_start(body_start)
        {
            let attached = header::parse_header(opts, src, self.lines.get(at..).unwrap_or_default());
            if attached.kind.is_some() {
                self.plan.attached_to = head.carrier.take();
                carrier_closing = Some(self.carrier(body_start, at));
                if let Some(by) = &attached.attached_by {
                    self.citations_of(by, CitationContext::Body);
                }
                body_start = attached.body_start.min(n);
                head = attached;
            }
        }
        // A decision or letter with no plan attached is read as what it is.
        self.plan.kind = head.kind.or_else(|| head.carrier.take());
        if let Some(by) = &head.attached_by {
            self.plan.issued_with = Some(self.caption_ref(by));
        }
        let appendix_start = (body_start..n).find(|&i| self.caption_at(i)).unwrap_or(n);
        let closing_start = (body_start..appendix_start)
            .find(|&i| self.lines.get(i).and_then(first_text).is_some_and(|t| closing::is_closing_start(opts, t)))
            .unwrap_or(appendix_start);

        if let Some(title) = &head.title {
            self.plan.title = Some(title.to_text(src));
            for f in citations::find(opts, &title.text) {
                let c = self.citation(title, &f, CitationContext::Title);
                self.plan.citations.push(c);
            }
            // A year inside a cited document's date (`CHỈ THỊ SỐ 13/CT-TTG NGÀY 02 THÁNG 8 NĂM 2024`)
            // is not the plan's period.
            let mut masked = title.text.clone();
            for d in citations::find(opts, &title.text).iter().filter_map(|f| f.date) {
                if let Some(part) = masked.get(d.start..d.end) {
                    let blank = " ".repeat(part.len());
                    masked.replace_range(d.start..d.end, &blank);
                }
            }
            self.plan.period = dates::find_period(opts, &masked).map(|(a, b, kind, start, end)| {
                Period::new(
                    title.text.get(a..b).unwrap_or_default().to_owned(),
                    title.span_of(src, a, b),
                    kind,
                    start,
                    end,
                )
            });
        }

        // Before the body's lines are taken into paragraphs and tables.
        self.appendix_mentions(body_start, appendix_start);
        let abbreviations = self.abbreviations(&[(body_start, closing_start), (appendix_start, n)]);
        let body = layout::elements(&mut self.lines, body_start, closing_start);
        self.body(body);

        let (recipients, signature) = closing::parse_closing(opts, src, &self.lines, closing_start, appendix_start);
        // An attached plan is often unsigned: the decision's signature and recipients stand.
        let (carrier_recipients, carrier_signature) = carrier_closing.unwrap_or((None, None));
        self.plan.recipients = recipients.or(carrier_recipients);
        self.plan.signature = signature.or(carrier_signature);
        self.appendices(appendix_start, n);
        self.plan.sections = self.tree();
        facts::number_siblings(&mut self.plan.sections);
        facts::key_targets(&mut self.plan.targets);
        facts::number_tasks(&mut self.plan.tasks);
        self.citations_in_order();
        self.plan.abbreviations = facts::first_uses(abbreviations, &self.plan.citations);
        self.plan.regime = facts::regime(&self.plan);
    }

    /// The abbreviations used in the lines of `zones` (the body and the appendices, not the
    /// header, signature or recipients), every use in order; and, into the plan, where those
    /// lines introduce one. An introduction wrapped onto the next line (`(sau đây viết` ⏎ `tắt
    /// là BCĐ)`) is read across the two.
    fn abbreviations(&mut self, zones: &[(usize, usize)]) -> Vec<Text> {
        thread_local! {
            static WORDS: crate::memo::Memo<std::rc::Rc<[(usize, usize)]>> = crate::memo::Memo::default();
        }
        let src = self.src;
        let mut uses = Vec::new();
        let mut intros = Vec::new();
        for &(from, to) in zones {
            for i in from..to.min(self.lines.len()) {
                let Some(line) = self.lines.get(i) else { continue };
                let cells: &[Mapped] = match &line.kind {
                    LineKind::Text(m) => std::slice::from_ref(m),
                    LineKind::Row(cells) | LineKind::Columns(cells) => cells,
                    LineKind::Blank => continue,
                };
                for m in cells {
                    for &(a, b) in
                        crate::memo::remember(&WORDS, &m.text, 0, || abbreviations::words(&m.text).into()).iter()
                    {
                        uses.push(m.text_of(src, a, b));
                    }
                    let unclosed = m.text.rfind('(').is_some_and(|o| m.text.get(o..).is_some_and(|r| !r.contains(')')));
                    let next = self.lines.get(i + 1).filter(|_| i + 1 < to).and_then(Line::text);
                    match next {
                        Some(next) if unclosed => {
                            let mut joined = m.clone();
                            joined.join(next);
                            intros.extend(
                                abbreviations::intros(&joined.text).into_iter().map(|(a, b)| joined.text_of(src, a, b)),
                            );
                        }
                        _ => {
                            intros.extend(abbreviations::intros(&m.text).into_iter().map(|(a, b)| m.text_of(src, a, b)))
                        }
                    }
                }
            }
        }
        intros.sort_by_key(|t| t.span);
        intros.dedup_by_key(|t| t.span);
        self.plan.abbreviation_intros = intros;
        uses
    }

    /// A paragraph before the first heading: a legal basis (`Căn cứ …`, recorded with its
    /// citations) or running text whose citations are recorded. Returns whether it is a basis.
    fn basis_or_citations(&mut self, m: &Mapped) -> bool {
        let opts = self.opts;
        let is_basis = header::is_basis_start(opts, &m.text);
        if !is_basis {
            self.citations_of(m, CitationContext::Body);
            return false;
        }
        // Bases on lines of full width (PDF text) run together into one paragraph: each
        // `; Căn cứ …` (capitalised) after the first begins the next basis.
        let mut cuts: Vec<usize> = m
            .text
            .match_indices("; ")
            .map(|(i, _)| i + 2)
            .filter(|&i| {
                m.text.get(i..).is_some_and(|rest| {
                    rest.chars().next().is_some_and(char::is_uppercase) && header::is_basis_start(opts, rest)
                })
            })
            .collect();
        cuts.push(m.text.len());
        let mut from = 0;
        for to in cuts {
            let piece = if from == 0 && to == m.text.len() { m.clone() } else { m.slice(from, to).trimmed(&[]) };
            from = to;
            let first = self.plan.citations.len();
            self.citations_of(&piece, CitationContext::Basis);
            let citations = (first..self.plan.citations.len()).collect();
            self.plan.bases.push(Basis { text: piece.to_text(self.src), citations });
        }
        true
    }

    /// Citations in document order (task tables are read after their rows are merged); the
    /// indices the bases keep are renumbered.
    fn citations_in_order(&mut self) {
        let mut order: Vec<usize> = (0..self.plan.citations.len()).collect();
        order.sort_by_key(|&i| self.plan.citations.get(i).map(|c| (c.span.start, c.span.end)));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old) {
                *slot = new;
            }
        }
        let mut old: Vec<Option<Citation>> = std::mem::take(&mut self.plan.citations).into_iter().map(Some).collect();
        self.plan.citations = order.iter().filter_map(|&i| old.get_mut(i).and_then(Option::take)).collect();
        for basis in &mut self.plan.bases {
            for c in &mut basis.citations {
                *c = new_index.get(*c).copied().unwrap_or(*c);
            }
        }
    }

    /// The body: bases and intro before the first heading, then the sections.
    fn body(&mut self, elements: Vec<Element>) {
        let opts = self.opts;
        let src = self.src;
        let mut path: Vec<usize> = Vec::new();
        let mut seen_heading = false;
        let mut tasks = tables::TaskBuilder::default();
        // The label the next bullets are listed under (`Đối với các trường tiểu học:`).
        let mut group: Option<Text> = None;
        for el in elements {
            match el {
                Element::Heading(h) => {
                    group = None;
                    seen_heading = true;
                    let title = h.title();
                    let number = h.number();
                    let rank = rank(h.m.numbering, &number.text);
                    while let Some(&top) = path.last() {
                        let top_rank = self.flat.get(top).map_or(0, |f| rank_of(&f.section));
                        if top_rank >= rank {
                            path.pop();
                        } else {
                            break;
                        }
                    }
                    let role = headings::role_of(&title.text);
                    let span = h.text.span(src);
                    let year = heading_year(opts, &title.text);
                    self.flat.push(Flat::new(
                        Section {
                            number: number.to_text(src),
                            numbering: h.m.numbering,
                            level: u32::try_from(path.len() + 1).unwrap_or(u32::MAX),
                            title: title.to_text(src),
                            role,
                            span,
                            ordinal: None,
                            sequence: Sequence::First,
                            expected: None,
                            previous: None,
                            previous_title: None,
                            children: Vec::new(),
                        },
                        path.last().copied(),
                        title.clone(),
                        year,
                    ));
                    path.push(self.flat.len() - 1);
                    // A numbered item of a specific-objectives list can state targets itself.
                    let parents: Vec<usize> = path.iter().rev().skip(1).rev().copied().collect();
                    // A topic of the list (`2.2. Về quản lý, xử lý chất thải`) is no target.
                    if role == Role::Other
                        && self.stated_in(&parents) == StatedIn::Objectives
                        && group_label(&title).is_none()
                    {
                        let text = h.text.slice(h.m.title_start, h.text.text.len());
                        self.targets_of(&text, &parents, Some(number.text.clone()), CitationContext::Body);
                    } else {
                        self.citations_of(&h.text, CitationContext::Body);
                    }
                }
                Element::Para(p) => {
                    if !seen_heading {
                        if !self.basis_or_citations(&p.text)
                            && self.plan.period.is_none()
                            && INTRO_SENTENCE.is_match(opts, &p.text.text)
                        {
                            self.period_from(&p.text);
                        }
                        continue;
                    }
                    // `Trên đây là…` (only `t` and `T` fold to `t`).
                    if p.text.text.starts_with(['t', 'T']) && CLOSING_SENTENCE.is_match(opts, &p.text.text) {
                        self.citations_of(&p.text, CitationContext::Body);
                        if self.plan.period.is_none() {
                            self.period_from(&p.text);
                        }
                        continue;
                    }
                    let label = match &p.marker {
                        Marker::Item(l) => Some(l.clone()),
                        _ => None,
                    };
                    if p.marker == Marker::None {
                        group = group_label(&p.text).map(|g| g.to_text(src));
                        if group.is_some() {
                            self.citations_of(&p.text, CitationContext::Body);
                            continue;
                        }
                    }
                    self.targets_under(&p.text, &path, label, group.clone(), CitationContext::Body);
                    self.assignment_duty(&path, &p);
                }
                Element::Table(t) => {
                    self.target_table(&t, &path, StatedIn::Objectives);
                    if let Some(t) = tasks.table(opts, src, &self.lines, t) {
                        self.table_citations(&t, CitationContext::Body);
                    }
                }
            }
        }
        self.finish_tasks(tasks, CitationContext::Task);
    }

    /// Take the tasks of a builder, with the citations in their (merged) cells.
    fn finish_tasks(&mut self, mut tasks: tables::TaskBuilder, context: CitationContext) {
        let opts = self.opts;
        tasks.flush(opts, self.src, &self.lines);
        for cell in std::mem::take(&mut tasks.texts) {
            self.citations_of(&cell, context);
        }
        self.plan.tasks.append(&mut tasks.tasks);
        self.plan.task_groups.append(&mut tasks.groups);
    }

    /// Citations in a text: recorded in the plan, their ranges returned (numbers inside them
    /// are not target values).
    fn citations_of(&mut self, m: &Mapped, context: CitationContext) -> Vec<(usize, usize)> {
        self.citations_of_keyed(m, context, crate::memo::text_key(&m.text))
    }

    /// [`Extractor::citations_of`] for a text whose key for the memories is known.
    fn citations_of_keyed(
        &mut self,
        m: &Mapped,
        context: CitationContext,
        key: crate::memo::TextKey,
    ) -> Vec<(usize, usize)> {
        thread_local! {
            static FOUND: crate::memo::Memo<std::rc::Rc<[citations::Found]>> = crate::memo::Memo::default();
        }
        let opts = self.opts;
        // Folding the case or not finds the same citations (`re`): the text alone is the key.
        let found = crate::memo::remember_keyed(&FOUND, key, 0, || citations::find(opts, &m.text).into());
        let ranges = found.iter().map(|f| (f.start, f.end)).collect();
        for f in found.iter() {
            let c = self.citation(m, f, context);
            self.plan.citations.push(c);
        }
        ranges
    }

    fn citation(&self, m: &Mapped, f: &citations::Found, context: CitationContext) -> Citation {
        let opts = self.opts;
        let src = self.src;
        let (sa, sb) = f.symbol;
        let symbol = symbols::parse(opts, m.text.get(sa..sb).unwrap_or_default(), m.span_of(src, sa, sb));
        Citation {
            span: m.span_of(src, f.start, f.end),
            doc_type: f.doc_type.as_ref().map(|(name, a, b)| DocType {
                name: name.clone(),
                text: m.text.get(*a..*b).unwrap_or_default().to_owned(),
                span: m.span_of(src, *a, *b),
            }),
            symbol,
            date: f.date.map(|d| date_value(src, m, &d)),
            date_cut: f.date_cut.map(|(a, b)| m.text_of(src, a, b)),
            issuer: f.issuer.map(|(a, b)| m.text_of(src, a, b)),
            title: f.title.map(|(a, b)| m.text_of(src, a, b)),
            period: f.period.map(|(a, b, kind, start, end)| {
                Period::new(m.text.get(a..b).unwrap_or_default().to_owned(), m.span_of(src, a, b), kind, start, end)
            }),
            context,
        }
    }

    fn period_from(&mut self, m: &Mapped) {
        let opts = self.opts;
        self.plan.period = dates::find_period(opts, &m.text).map(|(a, b, kind, start, end)| {
            Period::new(m.text.get(a..b).unwrap_or_default().to_owned(), m.span_of(self.src, a, b), kind, start, end)
        });
    }

    fn section(&self, i: usize) -> Option<&Section> {
        self.flat.get(i).map(|f| &f.section)
    }

    /// Assemble the flat list into the heading tree.
    fn tree(&mut self) -> Vec<Section> {
        let flat = std::mem::take(&mut self.flat);
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.len()];
        let mut roots = Vec::new();
        for (i, f) in flat.iter().enumerate() {
            match f.parent.and_then(|p| children.get_mut(p)) {
                Some(list) => list.push(i),
                None => roots.push(i),
            }
        }
        let mut sections: Vec<Option<Section>> = flat.into_iter().map(|f| Some(f.section)).collect();
        fn build(i: usize, sections: &mut [Option<Section>], children: &[Vec<usize>]) -> Option<Section> {
            let mut s = sections.get_mut(i)?.take()?;
            for &c in children.get(i).map_or(&[][..], Vec::as_slice) {
                if let Some(child) = build(c, sections, children) {
                    s.children.push(child);
                }
            }
            Some(s)
        }
        roots.into_iter().filter_map(|r| build(r, &mut sections, &children)).collect()
    }
}

fn date_value(src: &SourceFile, m: &Mapped, d: &dates::DateMatch) -> DateValue {
    DateValue {
        raw: m.text.get(d.start..d.end).unwrap_or_default().to_owned(),
        span: m.span_of(src, d.start, d.end),
        day: d.day,
        month: d.month,
        year: d.year,
        form: d.form,
        status: d.status(),
    }
}

/// Nesting rank of a heading: Roman above Arabic above decimal (by depth) above letters.
fn rank(numbering: Numbering, number: &str) -> u32 {
    match numbering {
        Numbering::Appendix | Numbering::Roman | Numbering::Article => 0,
        Numbering::Arabic => 1,
        Numbering::Decimal => u32::try_from(number.split('.').filter(|g| !g.is_empty()).count()).unwrap_or(2),
        Numbering::Letter => 5,
    }
}

fn rank_of(s: &Section) -> u32 {
    rank(s.numbering, &s.number.text)
}

/// A text file is a plan when it has at least two of the parts every plan has.
fn check_is_plan(plan: &Plan) -> Result<(), ExtractError> {
    let sections_with_roles = plan.all_sections().iter().filter(|s| s.role != Role::Other).count();
    let parts = [
        (PlanPart::Kind, plan.kind.is_some()),
        (PlanPart::Symbol, plan.header.symbol.is_some()),
        (PlanPart::PlaceDate, plan.header.place_date.is_some()),
        (PlanPart::Bases, !plan.bases.is_empty()),
        (PlanPart::Sections, sections_with_roles >= 2),
        (PlanPart::Tasks, !plan.tasks.is_empty()),
        (PlanPart::Signature, plan.signature.is_some()),
    ];
    let found = parts.iter().filter(|(_, ok)| *ok).count();
    if found >= 2 {
        Ok(())
    } else {
        Err(ExtractError::NotAPlan { missing: parts.iter().filter(|(_, ok)| !ok).map(|(p, _)| *p).collect() })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    #[test]
    fn bases_run_together_by_full_lines_are_read_one_by_one() {
        let text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HUẾ\nSố: 275/KH-UBND\nHuế, ngày 25 tháng 6 năm 2025\nKẾ HOẠCH\nPhát triển du lịch\n\nCăn cứ Nghị quyết số 37-NQ/TU ngày 22/4/2025 của Ban Chấp hành Đảng bộ thành phố về phát triển du lịch,\ndịch vụ du lịch thành phố Huế giai đoạn 2025 - 2030, tầm nhìn đến năm 2045;\nCăn cứ Quyết định số 1749/QĐ-UBND ngày 19/6/2025 của Ủy ban nhân dân thành phố về việc phê duyệt Đề án;\nThực hiện Kế hoạch số 5/KH-UBND ngày 02/01/2025 của Ủy ban nhân dân thành phố về du lịch; căn cứ tình hình thực tế, Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:\n\nI. MỤC TIÊU\n";
        let src = crate::source::SourceFile::from_text("t.txt", text).unwrap();
        let plan = super::extract_fragment(&src, crate::registry::builtin_indicators().unwrap()).unwrap();
        let bases: Vec<(String, Vec<&str>)> = plan
            .bases
            .iter()
            .map(|b| {
                let symbols = b.citations.iter().map(|&i| plan.citations[i].symbol.raw.as_str()).collect();
                (b.text.text.split(" số").next().unwrap().to_owned(), symbols)
            })
            .collect();
        assert_eq!(
            bases,
            [
                ("Căn cứ Nghị quyết".to_owned(), vec!["37-NQ/TU"]),
                ("Căn cứ Quyết định".to_owned(), vec!["1749/QĐ-UBND"]),
                ("Thực hiện Kế hoạch".to_owned(), vec!["5/KH-UBND"]),
            ]
        );
        // Each basis keeps its own place in the file.
        assert_eq!(
            src.text().get(plan.bases[1].text.span.start..plan.bases[1].text.span.end),
            Some(plan.bases[1].text.text.as_str())
        );
    }

    #[test]
    fn every_regex_is_warmed_up() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract");
        let mut declared = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            declared += lines
                .windows(2)
                .filter(|w| {
                    let static_ = w[1].starts_with("static ") || w[1].starts_with("pub(super) static ");
                    static_ && w[1].contains("Lazy =") && w[0] != "#[cfg(test)]"
                })
                .count();
        }
        assert_eq!(super::REGEXES.len(), declared);
        let mut patterns: Vec<_> = super::REGEXES.iter().map(|r| r.pattern()).collect();
        patterns.sort_unstable();
        patterns.dedup();
        assert_eq!(patterns.len(), declared, "a regex is listed twice");
        for fold_case in [false, true] {
            let opts = super::ExtractOptions { fold_case };
            super::warm_up(opts, &|| false);
            assert!(super::REGEXES.iter().all(|r| r.get(opts).is_some()));
        }
    }

    /// The folded regexes (matched on the lowered text) agree with `(?i)` on every line of the
    /// seeds as written, in capitals and in title case, and on texts lowering cannot serve.
    #[test]
    fn folded_regexes_match_as_ignore_case_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans/seeds");
        let mut texts: Vec<String> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let title: String = line
                    .split(' ')
                    .map(|w| {
                        let mut cs = w.chars();
                        cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>()).unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                texts.extend([line.to_owned(), line.to_uppercase(), title]);
            }
        }
        texts.extend(
            [
                "Căn cứ Nghị quyết ſố 12/2024/NQ-HĐND",
                "ĐẠT 95% VÀO NĂM 2025, 10 GIƯỜNG BỆNH/1 VẠN DÂN",
                "tỷ lệ Kelvin 5 K năm 2025; QUÝ IV/2026",
                "ΣΧΕΔΙΟ năm 2025 đến năm 2030, İ 3 NGƯỜI",
                "ẞ 6 THÁNG ĐẦU NĂM 2025",
            ]
            .map(str::to_owned),
        );
        re::assert_folding_is_exact(super::REGEXES, &texts);
    }
    use super::*;

    #[test]
    fn regexes_compile() {
        re::assert_all_compile(&[
            &APPENDIX_CAPTION,
            &APPENDIX_MENTION,
            &CAPTION_REF,
            &CAPTION_SYMBOL,
            &HEADING_YEAR,
            &CLOSING_SENTENCE,
            &INTRO_SENTENCE,
        ]);
    }

    /// Folding is an option of each extraction, not of the process: extractions with and
    /// without it, side by side on two threads, each give the model the other gives.
    #[test]
    fn extractions_with_different_options_do_not_interfere() {
        let vocab = crate::registry::builtin_indicators().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/plans/seeds");
        let mut sources: Vec<SourceFile> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                SourceFile::from_bytes(path.display().to_string(), &std::fs::read(&path).unwrap()).unwrap()
            })
            .collect();
        sources.sort_by(|a, b| a.name().cmp(b.name()));
        assert!(sources.len() >= 4, "{}", sources.len());
        let folded = ExtractOptions { fold_case: true };
        let plain = ExtractOptions::default();
        assert_ne!(folded, plain);
        let run = |opts: ExtractOptions| -> Vec<Plan> {
            // Several rounds, so that the two threads' searches interleave.
            let mut last = Vec::new();
            for _ in 0..3 {
                last = sources.iter().map(|src| extract_with(src, vocab, opts).unwrap()).collect();
            }
            last
        };
        let (a, b) = std::thread::scope(|scope| {
            let a = scope.spawn(|| run(folded));
            let b = scope.spawn(|| run(plain));
            (a.join().unwrap(), b.join().unwrap())
        });
        assert_eq!(a, b);
        // And each is what an extraction alone, with the default options, gives.
        let alone: Vec<Plan> = sources.iter().map(|src| extract(src, vocab).unwrap()).collect();
        assert_eq!(a, alone);
        assert!(a.iter().all(|p| !p.sections.is_empty()) && a.iter().any(|p| p.header.symbol.is_some()));
    }

    #[test]
    fn empty_and_not_a_plan() {
        let vocab = crate::registry::builtin_indicators().unwrap();
        let empty = SourceFile::from_text("e.txt", "\n  \n").unwrap();
        assert_eq!(extract(&empty, vocab), Err(ExtractError::Empty));
        let readme = SourceFile::from_text(
            "README.md",
            "# planlint\n\nA linter for plans.\n\n## Install\n\ncargo install planlint\n",
        )
        .unwrap();
        match extract(&readme, vocab) {
            Err(ExtractError::NotAPlan { missing }) => assert_eq!(missing.len(), 7),
            other => panic!("{other:?}"),
        }
    }
}
