//! The record kinds of the plan model and their fields, as data: each field's name, type,
//! documentation and accessor.

use super::*;

pub(super) fn text(t: &Text) -> Value<'_> {
    Value::text(&t.text, t.span)
}

pub(super) fn opt_text(t: &Option<Text>) -> Value<'_> {
    t.as_ref().map_or(Value::Missing, text)
}

pub(super) fn opt_str(s: &Option<String>) -> Value<'_> {
    s.as_deref().map_or(Value::Missing, Value::borrowed)
}

pub(super) fn opt_int<T: Into<i64>>(n: Option<T>) -> Value<'static> {
    n.map_or(Value::Missing, Value::int)
}

pub(super) fn opt_rec<'p, T>(r: Option<&'p T>, f: fn(&'p T) -> Rec<'p>) -> Value<'p> {
    r.map_or(Value::Missing, |r| Value::Rec(f(r)))
}

pub(super) fn word(w: &'static str) -> Value<'static> {
    Value::word(w)
}

pub(super) fn recs<'p, T>(items: &'p [T], f: fn(&'p T) -> Rec<'p>) -> Value<'p> {
    Value::list(items.iter().map(|r| Value::Rec(f(r))))
}

pub(super) fn texts(items: &[Text]) -> Value<'_> {
    Value::list(items.iter().map(text))
}

pub(super) fn decimal(f: f64) -> Value<'static> {
    Decimal::parse(&format!("{f}")).map_or(Value::Missing, Value::Num)
}

pub(super) static PLAN: &[FieldDef] = &[
    req(
        "format",
        Ty::Enum(&FORMAT),
        "The input form: `text`, `markdown`, `word` or `pdf` (its text layer).",
        on!(Plan, |p, _| word(format_name(p.format))),
    ),
    req(
        "header",
        Ty::Rec(Kind::Header),
        "Issuer, symbol, place and date.",
        on!(Plan, |p, _| Value::Rec(Rec::Header(&p.header))),
    ),
    opt(
        "kind",
        TEXT,
        "The document kind as written (`KẾ HOẠCH`; `QUYẾT ĐỊNH` for a decision with no plan attached).",
        on!(Plan, |p, _| opt_text(&p.kind)),
    ),
    opt(
        "tracked_changes",
        Ty::Num,
        "For a Word plan: tracked changes not yet accepted or rejected (the text is read as if accepted).",
        on!(Plan, |p, _| opt_int(p.tracked_changes)),
    ),
    opt(
        "open_comments",
        Ty::Num,
        "For a Word plan: comments not marked done.",
        on!(Plan, |p, _| opt_int(p.open_comments)),
    ),
    opt(
        "attached_to",
        TEXT,
        "The kind of the document the plan is attached to (`QUYẾT ĐỊNH`), when the file holds both.",
        on!(Plan, |p, _| opt_text(&p.attached_to)),
    ),
    opt(
        "issued_with",
        Ty::Rec(Kind::AppendixRef),
        "The `(Ban hành kèm theo Quyết định số … ngày …)` line under an attached plan's title.",
        on!(Plan, |p, _| opt_rec(p.issued_with.as_ref(), Rec::AppendixRef)),
    ),
    opt("title", TEXT, "The title (trích yếu).", on!(Plan, |p, _| opt_text(&p.title))),
    opt(
        "period",
        Ty::Rec(Kind::Period),
        "The period the plan covers (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`).",
        on!(Plan, |p, _| opt_rec(p.period.as_ref(), Rec::Period)),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The plan's own date: the place-and-date line's (`plan.header.place_date.date`), else, for a plan attached to a decision, the decision's date its `(Ban hành kèm theo …)` line gives.",
        on!(Plan, |p, _| opt_rec(
            p.header
                .place_date
                .as_ref()
                .map(|pd| &pd.date)
                .or_else(|| p.issued_with.as_ref().and_then(|w| w.date.as_ref())),
            Rec::DateValue
        )),
    ),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan's own symbol (`plan.header.symbol`).",
        on!(Plan, |p, _| opt_rec(p.header.symbol.as_ref(), Rec::Symbol)),
    ),
    req(
        "bases",
        Ty::List(Elem::Rec(Kind::Basis)),
        "The legal bases (`Căn cứ …`, `Thực hiện …`).",
        on!(Plan, |p, _| recs(&p.bases, Rec::Basis)),
    ),
    req(
        "citations",
        Ty::List(Elem::Rec(Kind::Citation)),
        "Every numbered document cited anywhere in the plan, in order.",
        on!(Plan, |p, _| recs(&p.citations, Rec::Citation)),
    ),
    req(
        "sections",
        Ty::List(Elem::Rec(Kind::Section)),
        "The top-level headings (each with its children).",
        on!(Plan, |p, _| recs(&p.sections, Rec::Section)),
    ),
    req(
        "all_sections",
        Ty::List(Elem::Rec(Kind::Section)),
        "Every heading of the tree, depth first, in document order.",
        on!(Plan, |p, _| Value::list(p.all_sections().into_iter().map(|s| Value::Rec(Rec::Section(s))))),
    ),
    req(
        "targets",
        Ty::List(Elem::Rec(Kind::Target)),
        "Specific targets (objectives, body, appendix tables).",
        on!(Plan, |p, _| recs(&p.targets, Rec::Target)),
    ),
    req(
        "task_groups",
        Ty::List(Elem::Rec(Kind::TaskGroup)),
        "Group rows of the task tables (`I`, `II`…).",
        on!(Plan, |p, _| recs(&p.task_groups, Rec::TaskGroup)),
    ),
    req(
        "tasks",
        Ty::List(Elem::Rec(Kind::Task)),
        "Every task row of the task tables.",
        on!(Plan, |p, _| recs(&p.tasks, Rec::Task)),
    ),
    req(
        "assignments",
        Ty::List(Elem::Rec(Kind::Assignment)),
        "Units named in *Tổ chức thực hiện* and their duties.",
        on!(Plan, |p, _| recs(&p.assignments, Rec::Assignment)),
    ),
    req(
        "appendices",
        Ty::List(Elem::Rec(Kind::Appendix)),
        "Appendix captions.",
        on!(Plan, |p, _| recs(&p.appendices, Rec::Appendix)),
    ),
    req(
        "appendix_mentions",
        Ty::List(Elem::Rec(Kind::Text)),
        "Where the text before the appendices names an appendix (`chi tiết tại Phụ lục 01 đính kèm`): from `Phụ lục` to the end of its clause.",
        on!(Plan, |p, _| texts(&p.appendix_mentions)),
    ),
    req(
        "regime",
        Ty::Enum(&REGIME),
        "Whose format conventions the plan follows: `state` (Nghị định 30/2020), `party` (Hướng dẫn 36-HD/VPTW, Quy định 399-QĐ/TW), `mixed` or `unknown`. The issuer's system (`plan.header.system`), unless two or more of the national motto or Party heading, the signing authority (`TM.`/`KT.` or `T/M`/`K/T`) and the archive line of the recipients (`Lưu: VT, …` or `Lưu Văn phòng …`) follow the other system: then `mixed` (one element in the other form is that element's slip). With no issuer system known, elements that disagree make it `mixed`.",
        on!(Plan, |p, _| word(regime_name(p.regime))),
    ),
    req(
        "abbreviations",
        Ty::List(Elem::Rec(Kind::Text)),
        "The first use of each abbreviation in the body and the appendices, in order: a word of two or more capitals that is neither a Vietnamese word written in capitals (`KHÔNG`) nor a Roman numeral (`XVI`), outside symbols (`123/KH-UBND`), in text that is not all capitals. The header, signature and recipients are not read.",
        on!(Plan, |p, _| texts(&p.abbreviations)),
    ),
    req(
        "abbreviation_intros",
        Ty::List(Elem::Rec(Kind::Text)),
        "Where the body and the appendices introduce an abbreviation: the abbreviation in short brackets after the full phrase (`kế hoạch hóa gia đình (KHHGĐ)`, `(KH, CN, ĐMST)`) or after `viết tắt là`, `gọi tắt là`.",
        on!(Plan, |p, _| texts(&p.abbreviation_intros)),
    ),
    opt(
        "signature",
        Ty::Rec(Kind::Signature),
        "The signature block.",
        on!(Plan, |p, _| opt_rec(p.signature.as_ref(), Rec::Signature)),
    ),
    opt(
        "recipients",
        Ty::Rec(Kind::Recipients),
        "The recipients (*Nơi nhận*).",
        on!(Plan, |p, _| opt_rec(p.recipients.as_ref(), Rec::Recipients)),
    ),
    req(
        "span",
        Ty::Span,
        "Where findings about the whole plan point: the title, else the kind line, else the header.",
        on!(Plan, |p, _| Value::Span(crate::dsl::value::plan_span(p))),
    ),
];

pub(super) static HEADER: &[FieldDef] = &[
    req(
        "issuer_lines",
        Ty::List(Elem::Rec(Kind::Text)),
        "The issuer lines (`ỦY BAN NHÂN DÂN`, `XÃ LỤC BÌNH`).",
        on!(Header, |h, _| texts(&h.issuer_lines)),
    ),
    opt("issuer", TEXT, "The issuing body, from the issuer lines.", on!(Header, |h, _| opt_text(&h.issuer))),
    req(
        "system",
        Ty::Enum(&SYSTEM),
        "`state`, `party` or `unknown`, from the symbol and the issuer.",
        on!(Header, |h, _| word(system_name(h.system))),
    ),
    req(
        "organisation",
        Ty::Enum(&ORGANISATION),
        "The kind of body: `front` (the Fatherland Front, a mass organisation: Công đoàn, Đoàn Thanh niên, Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh) or `election` (Ủy ban bầu cử, Ban bầu cử and their sub-committees) by the issuer's name, which follow guidance of their own; else the system: `state`, `party` or `unknown`.",
        on!(Header, |h, _| word(organisation_name(h.organisation))),
    ),
    req("motto", Ty::List(Elem::Rec(Kind::Text)), "The national motto lines.", on!(Header, |h, _| texts(&h.motto))),
    opt("symbol_line", TEXT, "The whole `Số: …` line.", on!(Header, |h, _| opt_text(&h.symbol_line))),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan's symbol.",
        on!(Header, |h, _| opt_rec(h.symbol.as_ref(), Rec::Symbol)),
    ),
    opt(
        "place_date",
        Ty::Rec(Kind::PlaceDate),
        "The place-and-date line.",
        on!(Header, |h, _| opt_rec(h.place_date.as_ref(), Rec::PlaceDate)),
    ),
    opt(
        "span",
        Ty::Span,
        "From the first issuer line to the place-and-date line.",
        on!(Header, |h, _| crate::dsl::value::header_span(h).map_or(Value::Missing, Value::Span)),
    ),
];

pub(super) static PLACE_DATE: &[FieldDef] = &[
    req("text", TEXT, "The whole line.", on!(PlaceDate, |p, _| text(&p.text))),
    opt("place", TEXT, "The place (`Lục Bình`).", on!(PlaceDate, |p, _| opt_text(&p.place))),
    req(
        "date",
        Ty::Rec(Kind::DateValue),
        "The date, possibly partial.",
        on!(PlaceDate, |p, _| Value::Rec(Rec::DateValue(&p.date))),
    ),
    req("span", Ty::Span, "The line.", on!(PlaceDate, |p, _| Value::Span(p.text.span))),
];

pub(super) static DATE_VALUE: &[FieldDef] = &[
    req("raw", TEXT, "The date as written.", on!(DateValue, |d, _| Value::text(&d.raw, d.span))),
    req("span", Ty::Span, "Where it is written.", on!(DateValue, |d, _| Value::Span(d.span))),
    opt("day", Ty::Num, "The day, when written.", on!(DateValue, |d, _| opt_int(d.day))),
    opt("month", Ty::Num, "The month, when written.", on!(DateValue, |d, _| opt_int(d.month))),
    opt("year", Ty::Num, "The year, when written.", on!(DateValue, |d, _| opt_int(d.year))),
    req(
        "form",
        Ty::Enum(&DATE_FORM),
        "`numeric` (`25/01/2013`) or `words` (`ngày 25 tháng 01 năm 2013`).",
        on!(DateValue, |d, _| word(date_form_name(d.form))),
    ),
    req(
        "status",
        Ty::Enum(&DATE_STATUS),
        "`complete`, `partial` (day or month left blank) or `invalid` (31/02, month 13).",
        on!(DateValue, |d, _| word(date_status_name(d.status))),
    ),
];

pub(super) static SYMBOL: &[FieldDef] = &[
    req("raw", TEXT, "The symbol as written (`141/KH-UBND`).", on!(Symbol, |s, _| Value::text(&s.raw, s.span))),
    req("span", Ty::Span, "Where it is written.", on!(Symbol, |s, _| Value::Span(s.span))),
    req(
        "form",
        Ty::Enum(&SYMBOL_FORM),
        "`state` (`141/KH-UBND`), `normative` (`57/2025/NQ-HĐND`), `party` (`24-KH/HU`) or `malformed`.",
        on!(Symbol, |s, _| word(symbol_form_name(s.form))),
    ),
    opt(
        "number",
        Ty::Str,
        "The number; missing when left blank (`Số: /KH-UBND`).",
        on!(Symbol, |s, _| opt_str(&s.number)),
    ),
    opt("year", Ty::Num, "The year inside the symbol (normative documents).", on!(Symbol, |s, _| opt_int(s.year))),
    opt("type_code", Ty::Str, "The document type code (`KH`, `QĐ`, `NQ`).", on!(Symbol, |s, _| opt_str(&s.type_code))),
    opt("issuer_code", Ty::Str, "The issuer code (`UBND`, `TTg`, `TW`).", on!(Symbol, |s, _| opt_str(&s.issuer_code))),
    req(
        "defects",
        Ty::List(Elem::Enum(&SYMBOL_DEFECT)),
        "What is wrong with how it is written.",
        on!(Symbol, |s, _| Value::list(s.defects.iter().map(|d| word(symbol_defect_name(*d))))),
    ),
    opt(
        "canonical",
        Ty::Str,
        "The symbol in its standard form, when its parts are known.",
        on!(Symbol, |s, _| s.canonical().map_or(Value::Missing, Value::owned)),
    )
    .memo(),
];

pub(super) static PERIOD: &[FieldDef] = &[
    req("text", TEXT, "The period as written.", on!(Period, |p, _| Value::text(&p.text, p.span))),
    req("span", Ty::Span, "Where it is written.", on!(Period, |p, _| Value::Span(p.span))),
    req(
        "kind",
        Ty::Enum(&PERIOD_KIND),
        "`year` (`năm 2024`), `range` (`2021-2025`) or `until` (`đến năm 2030`).",
        on!(Period, |p, _| word(period_kind_name(p.kind))),
    ),
    opt("start_year", Ty::Num, "The first year (none for `đến năm 2030`).", on!(Period, |p, _| opt_int(p.start_year))),
    req("end_year", Ty::Num, "The last year.", on!(Period, |p, _| Value::int(p.end_year))),
    opt(
        "start",
        Ty::Date,
        "The first day it covers: 1 January of the first year (none for `đến năm 2030`).",
        on!(Period, |p, _| p.start.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
    opt(
        "end",
        Ty::Date,
        "The last day it covers: 31 December of the last year.",
        on!(Period, |p, _| p.end.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
];

pub(super) static BASIS: &[FieldDef] = &[
    req("text", TEXT, "The paragraph.", on!(Basis, |b, _| text(&b.text))),
    req("span", Ty::Span, "The paragraph.", on!(Basis, |b, _| Value::Span(b.text.span))),
    req(
        "citations",
        Ty::List(Elem::Rec(Kind::Citation)),
        "The documents it cites.",
        on!(Basis, |b, cx| Value::list(
            b.citations.iter().filter_map(|&i| cx.plan.citations.get(i)).map(|c| Value::Rec(Rec::Citation(c)))
        )),
    ),
];

pub(super) static CITATION: &[FieldDef] = &[
    req("span", Ty::Span, "The whole citation.", on!(Citation, |c, _| Value::Span(c.span))),
    opt(
        "doc_type",
        Ty::Rec(Kind::DocType),
        "The document type (`Quyết định`).",
        on!(Citation, |c, _| opt_rec(c.doc_type.as_ref(), Rec::DocType)),
    ),
    req(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The symbol (`122/QĐ-TTg`).",
        on!(Citation, |c, _| Value::Rec(Rec::Symbol(&c.symbol))),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The date, when written next to it.",
        on!(Citation, |c, _| opt_rec(c.date.as_ref(), Rec::DateValue)),
    ),
    opt(
        "date_cut",
        TEXT,
        "The day and month right after the symbol when the text ends before their year (`ngày 13 tháng 01` ending a table cell, the year further on): a date was written, its year is elsewhere.",
        on!(Citation, |c, _| opt_text(&c.date_cut)),
    ),
    opt(
        "issuer",
        TEXT,
        "The issuer, when named (`của Thủ tướng Chính phủ`).",
        on!(Citation, |c, _| opt_text(&c.issuer)),
    ),
    opt("title", TEXT, "The title, when written (`về …`).", on!(Citation, |c, _| opt_text(&c.title))),
    opt(
        "period",
        Ty::Rec(Kind::Period),
        "The period named in the title.",
        on!(Citation, |c, _| opt_rec(c.period.as_ref(), Rec::Period)),
    ),
    req(
        "context",
        Ty::Enum(&CITATION_CONTEXT),
        "Where it is cited: `title`, `basis`, `body`, `task` or `appendix`.",
        on!(Citation, |c, _| word(citation_context_name(c.context))),
    ),
];

pub(super) static DOC_TYPE: &[FieldDef] = &[
    req(
        "name",
        Ty::Str,
        "The type in its standard spelling (`Quyết định`).",
        on!(DocType, |d, _| Value::borrowed(&d.name)),
    ),
    req("text", TEXT, "As written.", on!(DocType, |d, _| Value::text(&d.text, d.span))),
    req("span", Ty::Span, "Where it is written.", on!(DocType, |d, _| Value::Span(d.span))),
];

pub(super) static SECTION: &[FieldDef] = &[
    req("number", TEXT, "The number as written (`II`, `2.1`, `a`).", on!(Section, |s, _| text(&s.number))),
    req(
        "numbering",
        Ty::Enum(&NUMBERING),
        "`roman`, `arabic`, `decimal`, `letter`, `appendix` or `article` (`Điều 1.` of a decision).",
        on!(Section, |s, _| word(numbering_name(s.numbering))),
    ),
    req("level", Ty::Num, "Depth in the tree, from 1.", on!(Section, |s, _| Value::int(s.level))),
    req("title", TEXT, "The heading text.", on!(Section, |s, _| text(&s.title))),
    req(
        "role",
        Ty::Enum(&ROLE),
        "`purpose`, `objectives`, `tasks`, `funding`, `implementation`, `appendix` or `other`.",
        on!(Section, |s, _| word(role_name(s.role))),
    ),
    req("span", Ty::Span, "The heading line.", on!(Section, |s, _| Value::Span(s.span))),
    opt(
        "ordinal",
        Ty::Num,
        "The number's place in its sequence (`III` → 3, `đ` → 5, `1.2` → 2). Letters follow the Vietnamese order a, b, c, d, đ, e, g… (no f, j, w, z).",
        on!(Section, |s, _| opt_int(s.ordinal)),
    ),
    req(
        "sequence",
        Ty::Enum(&SEQUENCE),
        "Against the sibling just before it numbered the same way: `first` (none: it starts a list), `next`, `repeat` (`II`, `II`), `skip` (`5` after `2`), `back` (`2` after `4`) or `unread`. `e` after `d` is `next` (the Latin alphabet), and so is the number after a repeat (`II`, `II`, `IV`).",
        on!(Section, |s, _| word(sequence_name(s.sequence))),
    ),
    opt(
        "expected",
        Ty::Str,
        "The number the sibling before it calls for, written the same way (`III` after `II`, `đ` after `d`); missing when it starts a list.",
        on!(Section, |s, _| opt_str(&s.expected)),
    ),
    opt(
        "previous",
        TEXT,
        "The number of the sibling just before it, when that one is numbered the same way.",
        on!(Section, |s, _| opt_text(&s.previous)),
    ),
    opt("previous_title", TEXT, "The title of that sibling.", on!(Section, |s, _| opt_text(&s.previous_title))),
    req(
        "children",
        Ty::List(Elem::Rec(Kind::Section)),
        "The headings under it.",
        on!(Section, |s, _| recs(&s.children, Rec::Section)),
    ),
];

pub(super) static TARGET: &[FieldDef] = &[
    req("text", TEXT, "The sentence or table row.", on!(Target, |t, _| text(&t.text))),
    req("span", Ty::Span, "The sentence or row.", on!(Target, |t, _| Value::Span(t.text.span))),
    opt("label", Ty::Str, "The item label (`a`, `-`, `1`).", on!(Target, |t, _| opt_str(&t.label))),
    opt(
        "indicator",
        Ty::Str,
        "The indicator id from the vocabulary, when recognized.",
        on!(Target, |t, _| opt_str(&t.indicator)),
    ),
    opt("indicator_text", TEXT, "The words that name the indicator.", on!(Target, |t, _| opt_text(&t.indicator_text))),
    opt(
        "comparator",
        Ty::Enum(&COMPARATOR),
        "`>`, `>=`, `<`, `<=`, `=`, `~` or `range`.",
        on!(Target, |t, _| t.comparator.map_or(Value::Missing, |c| word(comparator_name(c)))),
    ),
    opt(
        "comparator_text",
        TEXT,
        "The comparator as written (`trên`, `ít nhất`).",
        on!(Target, |t, _| opt_text(&t.comparator_text)),
    ),
    opt(
        "change",
        Ty::Enum(&CHANGE),
        "`increase`, `decrease` or `per_year` for targets that are changes.",
        on!(Target, |t, _| t.change.map_or(Value::Missing, |c| word(change_name(c)))),
    ),
    opt("value", Ty::Rec(Kind::Number), "The value.", on!(Target, |t, _| opt_rec(t.value.as_ref(), Rec::Number))),
    opt(
        "value_max",
        Ty::Rec(Kind::Number),
        "The upper value of a range.",
        on!(Target, |t, _| opt_rec(t.value_max.as_ref(), Rec::Number)),
    ),
    req(
        "value_status",
        Ty::Enum(&VALUE_STATUS),
        "`ok`, `absent` (no number: a qualitative target), `missing` (an indicator but no value) or `malformed`.",
        on!(Target, |t, _| word(value_status_name(t.value_status))),
    ),
    opt(
        "value_raw",
        TEXT,
        "The value as written, when it could not be read.",
        on!(Target, |t, _| opt_text(&t.value_raw)),
    ),
    opt("unit", Ty::Rec(Kind::Unit), "The unit.", on!(Target, |t, _| opt_rec(t.unit.as_ref(), Rec::Unit))),
    opt("year", Ty::Num, "The year it is set for.", on!(Target, |t, _| opt_int(t.year))),
    opt(
        "year_source",
        Ty::Enum(&YEAR_SOURCE),
        "Where the year came from: `sentence`, `heading` or `column`.",
        on!(Target, |t, _| t.year_source.map_or(Value::Missing, |y| word(year_source_name(y)))),
    ),
    req(
        "stated_in",
        Ty::Enum(&STATED_IN),
        "`objectives`, `general_objectives`, `body` or `appendix`.",
        on!(Target, |t, _| word(stated_in_name(t.stated_in))),
    ),
    opt(
        "subject",
        TEXT,
        "Whom or where the value is set for: `ở tuyến xã` after the value, or the label it is listed under (`Đối với các trường tiểu học`).",
        on!(Target, |t, _| opt_text(&t.subject)),
    ),
    opt(
        "key",
        Ty::Str,
        "What it measures, as one text: indicator, change, unit, subject and year (`bhyt_coverage||percent||2025`). Two targets with the same key set a value for the same thing. Missing without an indicator.",
        on!(Target, |t, _| opt_str(&t.key)),
    ),
];

pub(super) static NUMBER: &[FieldDef] = &[
    req("value", Ty::Num, "The value.", on!(Number, |n, _| Value::Num(n.value))),
    req("raw", TEXT, "As written (`94,3`).", on!(Number, |n, _| Value::text(&n.raw, n.span))),
    req("span", Ty::Span, "Where it is written.", on!(Number, |n, _| Value::Span(n.span))),
];

pub(super) static UNIT: &[FieldDef] = &[
    req("kind", Ty::Enum(&UNIT_KIND), "The unit.", on!(Unit, |u, _| word(unit_kind_name(u.kind)))),
    req("text", TEXT, "As written (`%`, `‰`, `/10.000 dân`).", on!(Unit, |u, _| Value::text(&u.text, u.span))),
    req("span", Ty::Span, "Where it is written.", on!(Unit, |u, _| Value::Span(u.span))),
];

pub(super) static TASK_GROUP: &[FieldDef] = &[
    req("number", TEXT, "The group number (`I`).", on!(TaskGroup, |g, _| text(&g.number))),
    req("title", TEXT, "The group title.", on!(TaskGroup, |g, _| text(&g.title))),
    req("span", Ty::Span, "The row.", on!(TaskGroup, |g, _| Value::Span(g.span))),
];

pub(super) static TASK: &[FieldDef] = &[
    req("number", TEXT, "The number cell (`TT`/`STT`).", on!(Task, |t, _| text(&t.number))),
    opt("group", Ty::Str, "The number of the group row above it.", on!(Task, |t, _| opt_str(&t.group))),
    req("table", Ty::Num, "Which task table it is in (from 1).", on!(Task, |t, _| Value::int(t.table))),
    req("content", TEXT, "The content cell (nội dung, tên nhiệm vụ).", on!(Task, |t, _| text(&t.content))),
    req(
        "lead",
        TEXT,
        "The lead cell (đơn vị chủ trì); empty text when the cell is empty.",
        on!(Task, |t, _| text(&t.lead)),
    ),
    req(
        "leads",
        Ty::List(Elem::Rec(Kind::Text)),
        "The lead units, split from the lead cell.",
        on!(Task, |t, _| texts(&t.leads)),
    ),
    opt(
        "partners",
        TEXT,
        "The partner cell (cơ quan phối hợp), when the table has one.",
        on!(Task, |t, _| opt_text(&t.partners)),
    ),
    opt(
        "result",
        TEXT,
        "The result cell (kết quả, sản phẩm), when the table has one.",
        on!(Task, |t, _| opt_text(&t.result)),
    ),
    req(
        "deadline",
        Ty::Rec(Kind::Deadline),
        "The deadline cell, parsed.",
        on!(Task, |t, _| Value::Rec(Rec::Deadline(&t.deadline))),
    ),
    req(
        "effective_lead",
        TEXT,
        "The lead that applies to the task: its lead cell, or, when that cell continues a cell merged down from the rows above (a Word table), the lead written there. Empty text when neither names one.",
        on!(Task, |t, _| text(t.effective_lead())),
    ),
    req(
        "effective_deadline",
        Ty::Rec(Kind::Deadline),
        "The deadline that applies to the task: its deadline cell, or the merged cell above it (as for `effective_lead`).",
        on!(Task, |t, _| Value::Rec(Rec::Deadline(t.effective_deadline()))),
    ),
    opt(
        "ordinal",
        Ty::Num,
        "The number cell read as a number (`3`, `3.`; a Roman `III` too).",
        on!(Task, |t, _| opt_int(t.ordinal)),
    ),
    req(
        "sequence",
        Ty::Enum(&SEQUENCE),
        "Against the task before it in the same table: `first` (the table's first task, or `1` opening a new group), `next`, `repeat`, `skip`, `back` or `unread`.",
        on!(Task, |t, _| word(sequence_name(t.sequence))),
    ),
    opt(
        "previous",
        TEXT,
        "The number cell of the task before it in the same table; missing for the table's first task.",
        on!(Task, |t, _| opt_text(&t.previous)),
    ),
    opt("note", TEXT, "The note cell (ghi chú), when the table has one.", on!(Task, |t, _| opt_text(&t.note))),
    req("span", Ty::Span, "The whole row, continuation rows included.", on!(Task, |t, _| Value::Span(t.span))),
];

pub(super) static DEADLINE: &[FieldDef] = &[
    req(
        "text",
        TEXT,
        "The cell as written; empty text when the cell is empty.",
        on!(Deadline, |d, _| Value::text(&d.text, d.span)),
    ),
    req("span", Ty::Span, "The cell.", on!(Deadline, |d, _| Value::Span(d.span))),
    req(
        "kind",
        Ty::Enum(&DEADLINE_KIND),
        "`date`, `before_date`, `month`, `range`, `year`, `recurring`, `continuous`, `conditional`, `done`, `empty` or `other`.",
        on!(Deadline, |d, _| word(deadline_kind_name(d.kind))),
    ),
    opt(
        "start",
        Ty::Date,
        "The first day it can be, when known.",
        on!(Deadline, |d, _| d.start.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
    opt(
        "end",
        Ty::Date,
        "The last day it can be, when known.",
        on!(Deadline, |d, _| d.end.map_or(Value::Missing, |x| Value::Date(DateRange::exact(x)))),
    ),
];

pub(super) static ASSIGNMENT: &[FieldDef] = &[
    req("unit", TEXT, "The unit named.", on!(Assignment, |a, _| text(&a.unit))),
    req("duties", Ty::List(Elem::Rec(Kind::Text)), "Its duties.", on!(Assignment, |a, _| texts(&a.duties))),
    req("span", Ty::Span, "The paragraph.", on!(Assignment, |a, _| Value::Span(a.span))),
];

pub(super) static APPENDIX: &[FieldDef] = &[
    opt("number", TEXT, "The appendix number (`1`, `II`).", on!(Appendix, |a, _| opt_text(&a.number))),
    opt("title", TEXT, "The appendix title.", on!(Appendix, |a, _| opt_text(&a.title))),
    opt(
        "reference",
        Ty::Rec(Kind::AppendixRef),
        "The `(Kèm theo Kế hoạch số …)` line.",
        on!(Appendix, |a, _| opt_rec(a.reference.as_ref(), Rec::AppendixRef)),
    ),
    req("span", Ty::Span, "The caption.", on!(Appendix, |a, _| Value::Span(a.span))),
];

pub(super) static APPENDIX_REF: &[FieldDef] = &[
    req("text", TEXT, "The line.", on!(AppendixRef, |a, _| text(&a.text))),
    opt(
        "symbol",
        Ty::Rec(Kind::Symbol),
        "The plan symbol it names.",
        on!(AppendixRef, |a, _| opt_rec(a.symbol.as_ref(), Rec::Symbol)),
    ),
    opt(
        "date",
        Ty::Rec(Kind::DateValue),
        "The plan date it names.",
        on!(AppendixRef, |a, _| opt_rec(a.date.as_ref(), Rec::DateValue)),
    ),
    opt("issuer", TEXT, "The issuer it names.", on!(AppendixRef, |a, _| opt_text(&a.issuer))),
    req("span", Ty::Span, "The line.", on!(AppendixRef, |a, _| Value::Span(a.text.span))),
];

pub(super) static SIGNATURE: &[FieldDef] = &[
    opt(
        "on_behalf",
        TEXT,
        "`TM. ỦY BAN NHÂN DÂN`, `T/M BAN THƯỜNG VỤ`.",
        on!(Signature, |s, _| opt_text(&s.on_behalf)),
    ),
    opt("delegation", TEXT, "`KT. CHỦ TỊCH`.", on!(Signature, |s, _| opt_text(&s.delegation))),
    opt("position", TEXT, "`PHÓ CHỦ TỊCH`.", on!(Signature, |s, _| opt_text(&s.position))),
    opt("signer", TEXT, "The signer's name.", on!(Signature, |s, _| opt_text(&s.signer))),
    req("span", Ty::Span, "The block.", on!(Signature, |s, _| Value::Span(s.span))),
];

pub(super) static RECIPIENTS: &[FieldDef] = &[
    req("heading", TEXT, "`Nơi nhận:`.", on!(Recipients, |r, _| text(&r.heading))),
    req("items", Ty::List(Elem::Rec(Kind::Text)), "The recipients.", on!(Recipients, |r, _| texts(&r.items))),
    req("span", Ty::Span, "The block.", on!(Recipients, |r, _| Value::Span(r.span))),
];

pub(super) static INDICATOR: &[FieldDef] = &[
    req("id", Ty::Str, "The stable id (`bhyt_coverage`).", on!(Indicator, |i, _| Value::borrowed(&i.id))),
    req(
        "name",
        Ty::Str,
        "Its first name in the vocabulary.",
        on!(Indicator, |i, _| i.names.first().map_or(Value::Missing, |n| Value::borrowed(n))),
    ),
    req(
        "names",
        Ty::List(Elem::Str),
        "Every wording that names it.",
        on!(Indicator, |i, _| Value::list(i.names.iter().map(|n| Value::borrowed(n)))),
    ),
    req("unit", Ty::Enum(&INDICATOR_UNIT), "Its unit.", on!(Indicator, |i, _| Value::borrowed(&i.unit))),
    req(
        "direction",
        Ty::Enum(&DIRECTION),
        "`higher_is_better`, `lower_is_better` or `context` (set by local policy).",
        on!(Indicator, |i, _| word(direction_name(i.direction))),
    ),
    opt(
        "range_low",
        Ty::Num,
        "The lowest plausible value.",
        on!(Indicator, |i, _| i.range.map_or(Value::Missing, |[lo, _]| decimal(lo))),
    ),
    opt(
        "range_high",
        Ty::Num,
        "The highest plausible value.",
        on!(Indicator, |i, _| i.range.map_or(Value::Missing, |[_, hi]| decimal(hi))),
    ),
    req(
        "scope_sensitive",
        Ty::Bool,
        "Whether national ratios are not comparable with a district's.",
        on!(Indicator, |i, _| Value::Bool(i.scope_sensitive)),
    ),
    req(
        "alt_units",
        Ty::List(Elem::Enum(&INDICATOR_UNIT)),
        "Other units it may be stated in.",
        on!(Indicator, |i, _| Value::list(i.alt_units.iter().map(|u| Value::borrowed(u)))),
    ),
];

pub(super) fn opt_date(d: Option<crate::model::Date>) -> Value<'static> {
    d.map_or(Value::Missing, |d| Value::Date(DateRange::exact(d)))
}

pub(super) fn fact(d: &crate::registry::LegalDoc, f: crate::registry::Fact) -> Value<'static> {
    Value::Bool(d.is_verified(f))
}

pub(super) static LEGAL_DOC: &[FieldDef] = &[
    req("symbol", Ty::Str, "The symbol in its standard form.", on!(LegalDoc, |d, _| Value::borrowed(&d.symbol))),
    req("type", Ty::Str, "The document type (`Quyết định`).", on!(LegalDoc, |d, _| Value::borrowed(&d.doc_type))),
    req("issuer", Ty::Str, "The issuing body.", on!(LegalDoc, |d, _| Value::borrowed(&d.issuer))),
    opt("date", Ty::Date, "The date of issue.", on!(LegalDoc, |d, _| opt_date(d.date))),
    opt("title", Ty::Str, "The title.", on!(LegalDoc, |d, _| opt_str(&d.title))),
    opt(
        "period_start",
        Ty::Num,
        "The first year of the period its title names.",
        on!(LegalDoc, |d, _| opt_int(d.period.and_then(|p| p.start))),
    ),
    opt(
        "period_end",
        Ty::Num,
        "The last year of the period its title names.",
        on!(LegalDoc, |d, _| opt_int(d.period.map(|p| p.end))),
    ),
    opt(
        "vision",
        Ty::Num,
        "The vision year (`tầm nhìn đến năm …`).",
        on!(LegalDoc, |d, _| opt_int(d.period.and_then(|p| p.vision))),
    ),
    req(
        "status",
        Ty::Enum(&DOC_STATUS),
        "`in_force`, `superseded`, `expired` or `unknown`.",
        on!(LegalDoc, |d, _| word(doc_status_name(d.status))),
    ),
    opt(
        "superseded_by",
        Ty::Str,
        "The document that explicitly replaced it.",
        on!(LegalDoc, |d, _| opt_str(&d.superseded_by)),
    ),
    opt(
        "successor",
        Ty::Str,
        "A newer document on the same subject.",
        on!(LegalDoc, |d, _| d.successor.as_ref().map_or(Value::Missing, |s| Value::borrowed(&s.symbol))),
    ),
    opt(
        "successor_date",
        Ty::Date,
        "The date of that newer document.",
        on!(LegalDoc, |d, _| opt_date(d.successor.as_ref().map(|s| s.date))),
    ),
    req(
        "successor_explicit",
        Ty::Bool,
        "Whether the newer document explicitly repeals this one.",
        on!(LegalDoc, |d, _| Value::Bool(d.successor.as_ref().is_some_and(|s| s.explicit))),
    ),
    opt("effective", Ty::Date, "When it took effect, if not on signing.", on!(LegalDoc, |d, _| opt_date(d.effective))),
    req(
        "date_verified",
        Ty::Bool,
        "Whether its date is confirmed by sources.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Date)),
    ),
    req(
        "issuer_verified",
        Ty::Bool,
        "Whether its issuer is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Issuer)),
    ),
    req(
        "title_verified",
        Ty::Bool,
        "Whether its title is confirmed word for word.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Title)),
    ),
    req(
        "period_verified",
        Ty::Bool,
        "Whether the period its title names is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Period)),
    ),
    req(
        "status_verified",
        Ty::Bool,
        "Whether its status is confirmed.",
        on!(LegalDoc, |d, _| fact(d, crate::registry::Fact::Status)),
    ),
];

pub(super) static PARENT_TARGET: &[FieldDef] = &[
    req(
        "document",
        Ty::Str,
        "The higher-level document or parent plan (its symbol).",
        on!(ParentTarget, |t, _| Value::borrowed(&t.doc)),
    ),
    req("indicator", Ty::Str, "The indicator id.", on!(ParentTarget, |t, _| Value::borrowed(&t.indicator))),
    req("year", Ty::Num, "The year it is set for.", on!(ParentTarget, |t, _| Value::int(t.year))),
    req(
        "comparator",
        Ty::Enum(&PARENT_COMPARATOR),
        "`reach`, `gt`, `ge`, `lt`, `le`, `approx`, `range`, `delta_ge` (a change) or `nonnumeric`.",
        on!(ParentTarget, |t, _| word(parent_comparator_name(t.comparator))),
    ),
    opt(
        "value",
        Ty::Num,
        "The value (the lower bound of a range).",
        on!(ParentTarget, |t, _| t.value.map_or(Value::Missing, Value::Num)),
    ),
    opt(
        "value_max",
        Ty::Num,
        "The upper bound of a range.",
        on!(ParentTarget, |t, _| t.value_max.map_or(Value::Missing, Value::Num)),
    ),
    req(
        "is_change",
        Ty::Bool,
        "Whether it is a change (`tăng thêm`) rather than a level.",
        on!(ParentTarget, |t, _| Value::Bool(t.is_change())),
    ),
    req("unit", Ty::Enum(&INDICATOR_UNIT), "The unit.", on!(ParentTarget, |t, _| Value::borrowed(&t.unit))),
    req(
        "comparable",
        Ty::Bool,
        "Whether a local figure may be compared with it although the indicator is scope-sensitive.",
        on!(ParentTarget, |t, _| Value::Bool(t.comparable)),
    ),
];

pub(super) static TEXT_FIELDS: &[FieldDef] = &[
    req("text", Ty::Str, "The text.", |v, _| match v {
        Value::Str(s, _) => Value::Str(s.clone(), None),
        _ => Value::Missing,
    }),
    opt("span", Ty::Span, "Where it is written.", |v, _| match v {
        Value::Str(_, Some(span)) => Value::Span(*span),
        _ => Value::Missing,
    }),
];

macro_rules! kind {
    ($kind:ident, $name:literal, $doc:literal, text: $text:literal, span: $span:literal, $fields:ident) => {
        KindDef { kind: Kind::$kind, name: $name, doc: $doc, text_like: $text, has_span: $span, fields: $fields }
    };
}

/// Every record kind, in the order the reference documents them.
pub(crate) static KINDS: &[KindDef] = &[
    kind!(Plan, "plan", "The plan: the root every rule starts from (`plan`).", text: false, span: true, PLAN),
    kind!(Header, "header", "Issuer, motto, symbol, place and date.", text: false, span: true, HEADER),
    kind!(PlaceDate, "place_date", "The place-and-date line (`Lục Bình, ngày  tháng 5 năm 2023`).", text: false, span: true, PLACE_DATE),
    kind!(DateValue, "date_value", "A date as written, possibly partial (a blank day is a whole month). Compares as dates: `<` is *certainly before*, `>` *certainly after*.", text: true, span: true, DATE_VALUE),
    kind!(Symbol, "symbol", "A document symbol (số, ký hiệu).", text: true, span: true, SYMBOL),
    kind!(Period, "period", "A period (`năm 2024`, `giai đoạn 2021-2025`, `đến năm 2030`).", text: true, span: true, PERIOD),
    kind!(Basis, "basis", "A legal basis paragraph.", text: false, span: true, BASIS),
    kind!(Citation, "citation", "A citation of another document.", text: false, span: true, CITATION),
    kind!(DocType, "doc_type", "A document type as written.", text: true, span: true, DOC_TYPE),
    kind!(Section, "section", "A heading of the heading tree.", text: false, span: true, SECTION),
    kind!(Target, "target", "A specific target (mục tiêu cụ thể, chỉ tiêu).", text: false, span: true, TARGET),
    kind!(Number, "number", "A number as written in the plan; compares as its value.", text: true, span: true, NUMBER),
    kind!(Unit, "unit", "A unit as written.", text: true, span: true, UNIT),
    kind!(TaskGroup, "task_group", "A group row of a task table.", text: false, span: true, TASK_GROUP),
    kind!(Task, "task", "A task: one row of a task table, continuation rows merged.", text: false, span: true, TASK),
    kind!(Deadline, "deadline", "A deadline cell (thời hạn), parsed; reads as its text.", text: true, span: true, DEADLINE),
    kind!(Assignment, "assignment", "A unit named in *Tổ chức thực hiện* and its duties.", text: false, span: true, ASSIGNMENT),
    kind!(Appendix, "appendix", "An appendix caption.", text: false, span: true, APPENDIX),
    kind!(AppendixRef, "appendix_ref", "The `(Kèm theo Kế hoạch số …)` line of an appendix.", text: false, span: true, APPENDIX_REF),
    kind!(Signature, "signature", "The signature block.", text: false, span: true, SIGNATURE),
    kind!(Recipients, "recipients", "The recipients block (*Nơi nhận*).", text: false, span: true, RECIPIENTS),
    kind!(Indicator, "indicator", "An indicator of the vocabulary (`indicator(id)`).", text: false, span: false, INDICATOR),
    kind!(LegalDoc, "legal_doc", "A document of the legal registry (`legal(cite)`): verified facts, and which of them sources confirm.", text: false, span: false, LEGAL_DOC),
    kind!(ParentTarget, "parent_target", "A target of a document the plan implements, from the targets registry or a parent plan in the same run (`parent_targets(target)`).", text: false, span: false, PARENT_TARGET),
    kind!(Text, "text", "A piece of the plan's text with its place; reads as its text wherever text is expected.", text: true, span: true, TEXT_FIELDS),
];

/// The definition of a kind.
pub(crate) fn kind_def(kind: Kind) -> &'static KindDef {
    // INVARIANT: KINDS lists every kind; the test `every_kind_is_defined` keeps it so.
    KINDS.iter().find(|k| k.kind == kind).unwrap_or(&KIND_FALLBACK)
}

pub(super) static KIND_FALLBACK: KindDef = kind!(Text, "text", "", text: true, span: true, TEXT_FIELDS);
