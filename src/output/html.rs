//! `--format html`: one self-contained page a reviewer opens, prints on A4 or attaches to an
//! email. A summary table of every plan (file, symbol, date, issuer, counts by severity, a
//! verdict), then each plan's findings in document order with the quoted text, the code, the
//! message and the help. Filters by severity and rule are a small inline script: without it the
//! page shows everything; with it, `#muc=loi&ma=T101` in the address applies a filter on load.
//!
//! No network and no external asset: the style and the script are inline, and every text that
//! comes from a plan (or a path, a message) is escaped. The summary comes first but is known
//! only at the end, so the plans' sections are held until [`Sink::finish`]: the page is as large
//! as this buffer, a few kilobytes per plan.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{FileReport, Out, Record, Sink, SinkOptions, Summary, severity_word};
use crate::finding::Severity;
use crate::lang::Lang;

pub(super) struct HtmlSink<'w> {
    out: Out<'w>,
    lang: Lang,
    /// The rows of the summary table.
    rows: String,
    /// The plans' sections.
    plans: String,
    /// Every code of the run, for the rule filter.
    codes: BTreeSet<String>,
    /// Plans by verdict: failing, to review, passing, unreadable.
    verdicts: [usize; 4],
    index: usize,
}

impl<'w> HtmlSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        Self {
            out,
            lang: opts.lang,
            rows: String::new(),
            plans: String::new(),
            codes: BTreeSet::new(),
            verdicts: [0; 4],
            index: 0,
        }
    }

    fn t(&self, vi: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(vi, en)
    }
}

/// What a plan's records make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Errors: must be fixed before it is issued.
    Fail,
    /// Warnings only: to review.
    Review,
    /// Nothing but infos.
    Pass,
    /// The file could not be checked (an input error).
    Unreadable,
}

impl Verdict {
    fn of(report: &FileReport) -> Self {
        if report.records.iter().any(|r| matches!(r.code.as_str(), "E001" | "E002" | "E003" | "E005")) {
            Verdict::Unreadable
        } else if report.count(Severity::Error) > 0 {
            Verdict::Fail
        } else if report.count(Severity::Warning) > 0 {
            Verdict::Review
        } else {
            Verdict::Pass
        }
    }

    fn index(self) -> usize {
        match self {
            Verdict::Fail => 0,
            Verdict::Review => 1,
            Verdict::Pass => 2,
            Verdict::Unreadable => 3,
        }
    }

    fn class(self) -> &'static str {
        ["fail", "review", "pass", "unreadable"].get(self.index()).copied().unwrap_or("pass")
    }

    fn word(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Fail => lang.pick("Chưa đạt: cần sửa", "Fails: to fix"),
            Verdict::Review => lang.pick("Cần xem lại", "To review"),
            Verdict::Pass => lang.pick("Đạt", "Passes"),
            Verdict::Unreadable => lang.pick("Không kiểm tra được", "Not checked"),
        }
    }
}

/// The key of a severity in the page (classes, filters, the address).
fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "loi",
        Severity::Warning => "canh-bao",
        Severity::Info => "goi-y",
    }
}

/// Text safe in HTML content and in quoted attribute values.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message or help: escaped, its `quoted` parts (the plan's text, an example) as code.
fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() < 3 || parts.len() % 2 == 0 {
        return escape(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

impl HtmlSink<'_> {
    fn record(&self, s: &mut String, r: &Record) {
        let key = severity_key(r.severity);
        let _ = write!(s, "<li class=\"finding {key}\" data-severity=\"{key}\" data-code=\"{}\">", escape(&r.code));
        let mut place = match &r.word_place {
            Some(p) => capitalized(p),
            None => format!("{} {}", self.t("Dòng", "Line"), r.start.line),
        };
        if let Some(section) = &r.section {
            let _ = write!(place, " · {} {}", self.t("mục", "section"), section);
        }
        let _ = write!(
            s,
            "<p class=\"head\"><span class=\"badge {key}\">{}</span> <code>{}</code> <span class=\"where\">{}</span></p>",
            escape(&capitalized(severity_word(r.severity, self.lang))),
            escape(&r.code),
            escape(&place)
        );
        if let Some(x) = &r.excerpt
            && !(x.before.is_empty() && x.text.is_empty() && x.after.is_empty())
        {
            let _ = write!(
                s,
                "<blockquote>{}<mark>{}</mark>{}</blockquote>",
                escape(&x.before),
                escape(&x.text),
                escape(&x.after)
            );
        }
        let _ = write!(s, "<p class=\"message\">{}</p>", inline(&r.message));
        if !r.help.trim().is_empty() {
            let _ =
                write!(s, "<p class=\"help\"><b>{}</b> {}</p>", self.t("Cách sửa:", "How to fix:"), inline(&r.help));
        }
        s.push_str("</li>\n");
    }
}

impl Sink for HtmlSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.index += 1;
        let id = format!("ke-hoach-{}", self.index);
        let verdict = Verdict::of(report);
        if let Some(v) = self.verdicts.get_mut(verdict.index()) {
            *v += 1;
        }
        let info = report.plan.clone().unwrap_or_default();
        let cell = |v: &Option<String>| v.as_deref().map_or_else(|| "—".to_owned(), escape);
        let (e, w, i) = (report.count(Severity::Error), report.count(Severity::Warning), report.count(Severity::Info));
        let _ = writeln!(
            self.rows,
            "<tr class=\"{}\"><td><a href=\"#{id}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"n loi\">{e}</td><td class=\"n canh-bao\">{w}</td><td class=\"n goi-y\">{i}</td>\
             <td class=\"verdict\">{}</td></tr>",
            verdict.class(),
            escape(&report.path),
            cell(&info.symbol),
            cell(&info.date),
            cell(&info.issuer),
            verdict.word(self.lang),
        );
        let mut s = String::new();
        let _ =
            write!(s, "<section class=\"plan {}\" id=\"{id}\">\n<h2>{}</h2>\n", verdict.class(), escape(&report.path));
        let mut facts = Vec::new();
        if let Some(t) = &info.title {
            facts.push(format!("<b>{}</b>", escape(t)));
        }
        for (label, v) in [
            (self.t("Số, ký hiệu", "Symbol"), &info.symbol),
            (self.t("Ngày", "Date"), &info.date),
            (self.t("Cơ quan ban hành", "Issuer"), &info.issuer),
        ] {
            if let Some(v) = v {
                facts.push(format!("{label}: {}", escape(v)));
            }
        }
        facts.push(format!(
            "{}: <span class=\"verdict\">{}</span>",
            self.t("Kết luận", "Verdict"),
            verdict.word(self.lang)
        ));
        let _ = writeln!(s, "<p class=\"facts\">{}</p>", facts.join(" · "));
        if report.records.is_empty() {
            let _ = writeln!(s, "<p class=\"clean\">{}</p>", self.t("Không có phát hiện nào.", "No findings."));
        } else {
            let _ = writeln!(
                s,
                "<p class=\"shown\" hidden>{} <span class=\"count\">{}</span>/{}</p>",
                self.t("Đang hiện", "Showing"),
                report.records.len(),
                report.records.len()
            );
            s.push_str("<ol class=\"findings\">\n");
            for r in &report.records {
                self.codes.insert(r.code.clone());
                self.record(&mut s, r);
            }
            s.push_str("</ol>\n");
        }
        s.push_str("</section>\n");
        self.plans.push_str(&s);
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let title = self.t("Báo cáo rà soát kế hoạch", "Plan review report");
        let mut s = String::with_capacity(self.plans.len() + self.rows.len() + 8192);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"planlint {}\">\n<title>{title}</title>\n<style>{STYLE}</style>\n\
             <script>{GUARD}</script>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
            self.lang.pick("vi", "en"),
            env!("CARGO_PKG_VERSION"),
        );
        let [fail, review, pass, unreadable] = self.verdicts;
        let _ = writeln!(
            s,
            "<p class=\"totals\">{}</p>\n</header>",
            self.lang.pick(
                format!(
                    "{} kế hoạch: {fail} cần sửa, {review} cần xem lại, {pass} đạt, {unreadable} không kiểm tra được · {} lỗi, {} cảnh báo, {} gợi ý",
                    summary.files, summary.errors, summary.warnings, summary.infos
                ),
                format!(
                    "{} plans: {fail} to fix, {review} to review, {pass} passing, {unreadable} not checked · {} errors, {} warnings, {} infos",
                    summary.files, summary.errors, summary.warnings, summary.infos
                ),
            )
        );
        // The filters: hidden until the script shows them (without it, everything is shown).
        let _ =
            write!(s, "<form class=\"filters\" hidden>\n<fieldset><legend>{}</legend>", self.t("Mức độ", "Severity"));
        for sev in [Severity::Error, Severity::Warning, Severity::Info] {
            let key = severity_key(sev);
            let _ = write!(
                s,
                "<label><input type=\"checkbox\" name=\"muc\" value=\"{key}\" checked> {}</label> ",
                capitalized(severity_word(sev, self.lang))
            );
        }
        let _ = write!(
            s,
            "</fieldset>\n<label>{} <select name=\"ma\"><option value=\"\">{}</option>",
            self.t("Quy tắc", "Rule"),
            self.t("Tất cả", "All")
        );
        for code in &self.codes {
            let _ = write!(s, "<option value=\"{0}\">{0}</option>", escape(code));
        }
        s.push_str("</select></label>\n</form>\n");
        let _ = write!(
            s,
            "<section id=\"tong-hop\">\n<h2>{}</h2>\n<table class=\"summary\">\n<colgroup><col class=\"file\"><col><col><col><col class=\"n\"><col class=\"n\"><col class=\"n\"><col></colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>\
             <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            self.t("Tổng hợp", "Summary"),
            self.t("Tệp", "File"),
            self.t("Số, ký hiệu", "Symbol"),
            self.t("Ngày", "Date"),
            self.t("Cơ quan ban hành", "Issuer"),
            capitalized(severity_word(Severity::Error, self.lang)),
            capitalized(severity_word(Severity::Warning, self.lang)),
            capitalized(severity_word(Severity::Info, self.lang)),
            self.t("Kết luận", "Verdict"),
        );
        s.push_str(&self.rows);
        s.push_str("</tbody>\n</table>\n</section>\n<main>\n");
        self.out.write_all(s.as_bytes())?;
        self.out.write_all(self.plans.as_bytes())?;
        let footer = format!(
            "</main>\n<footer>{} planlint {}</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
            self.t("Lập bằng", "Made with"),
            env!("CARGO_PKG_VERSION")
        );
        self.out.write_all(footer.as_bytes())?;
        self.out.flush()
    }
}

/// Set before anything else runs: a script error marks the page (the browser test reads it).
const GUARD: &str = "window.addEventListener('error',function(e){document.documentElement.setAttribute('data-script-error',String(e.message||e))});";

/// The filters: severities and a rule; read from and written to the address (`#muc=loi&ma=T101`).
const SCRIPT: &str = r#"
(function () {
  var form = document.querySelector('form.filters');
  if (!form) { return; }
  form.hidden = false;
  function read() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    var muc = p.get('muc');
    if (muc !== null) {
      var want = muc.split(',');
      form.querySelectorAll('input[name=muc]').forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    }
    var ma = p.get('ma');
    if (ma !== null) { form.elements.ma.value = ma; }
  }
  function apply(write) {
    var sev = [];
    form.querySelectorAll('input[name=muc]').forEach(function (b) { if (b.checked) { sev.push(b.value); } });
    var code = form.elements.ma.value;
    document.querySelectorAll('section.plan').forEach(function (plan) {
      var shown = 0;
      plan.querySelectorAll('li.finding').forEach(function (li) {
        var ok = sev.indexOf(li.dataset.severity) >= 0 && (code === '' || li.dataset.code === code);
        li.hidden = !ok;
        if (ok) { shown += 1; }
      });
      var label = plan.querySelector('p.shown');
      if (label) {
        label.hidden = false;
        label.querySelector('.count').textContent = String(shown);
      }
    });
    if (write) {
      var all = sev.length === 3 && code === '';
      history.replaceState(null, '', all ? location.pathname + location.search
        : '#muc=' + sev.join(',') + (code ? '&ma=' + encodeURIComponent(code) : ''));
    }
    document.documentElement.setAttribute('data-ready', '1');
  }
  read();
  apply(false);
  form.addEventListener('change', function () { apply(true); });
  window.addEventListener('hashchange', function () { read(); apply(false); });
})();
"#;

const STYLE: &str = r#"
:root { --loi: #b3261e; --canh-bao: #8a5a00; --goi-y: #1f5fa8; --line: #ccc; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.45;
  color: #111; max-width: 210mm; margin: 0 auto; padding: 12mm 14mm; }
h1 { font-size: 17pt; text-transform: uppercase; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 4pt; border-bottom: 1px solid var(--line); padding-bottom: 2pt; word-break: break-all; }
.totals { text-align: center; margin: 0 0 10pt; }
table.summary { border-collapse: collapse; width: 100%; font-size: 11pt; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: 3pt 5pt; vertical-align: top; text-align: left; }
table.summary th { background: #f1f1f1; }
table.summary td:first-child { word-break: break-all; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail .verdict, section.fail .verdict { color: var(--loi); font-weight: bold; }
tr.review .verdict, section.review .verdict { color: var(--canh-bao); font-weight: bold; }
tr.pass .verdict, section.pass .verdict { color: #1b6e20; font-weight: bold; }
tr.unreadable .verdict, section.unreadable .verdict { color: #555; font-weight: bold; }
form.filters { display: flex; gap: 12pt; align-items: center; flex-wrap: wrap; font-family: sans-serif; font-size: 10.5pt;
  margin: 6pt 0 10pt; padding: 4pt 8pt; background: #f7f7f7; border: 1px solid var(--line); }
form.filters fieldset { border: 0; margin: 0; padding: 0; }
form.filters legend { float: left; margin-right: 6pt; font-weight: bold; }
.facts { margin: 2pt 0 6pt; }
ol.findings { padding-left: 18pt; margin: 4pt 0; }
li.finding { margin: 0 0 8pt; padding-left: 4pt; break-inside: avoid; }
li.finding p { margin: 1pt 0; }
.head code { font-weight: bold; }
.message code, .help code { font-family: inherit; background: #eef1f5; padding: 0 2pt; border-radius: 2pt; }
table.summary col.file { width: 30%; } table.summary col.n { width: 6%; }
.where { color: #444; font-size: 11pt; }
.badge { display: inline-block; font-family: sans-serif; font-size: 9pt; font-weight: bold; color: #fff; padding: 0 5pt; border-radius: 3pt; }
.badge.loi { background: var(--loi); } .badge.canh-bao { background: var(--canh-bao); } .badge.goi-y { background: var(--goi-y); }
blockquote { margin: 2pt 0; padding: 2pt 6pt; border-left: 3px solid var(--line); background: #fafafa; font-style: italic; word-break: break-word; }
mark { background: #ffe38a; font-style: normal; }
li.loi blockquote { border-left-color: var(--loi); } li.canh-bao blockquote { border-left-color: var(--canh-bao); } li.goi-y blockquote { border-left-color: var(--goi-y); }
.help { color: #333; }
.clean { color: #1b6e20; }
footer { margin-top: 16pt; font-size: 9pt; color: #666; text-align: center; }
[hidden] { display: none !important; }
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 12pt; }
  form.filters, .shown { display: none !important; }
  a { color: inherit; text-decoration: none; }
  section.plan { break-before: page; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .badge, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
