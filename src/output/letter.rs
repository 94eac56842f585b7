//! `--format letter --output-dir DIR`: for each plan, the draft of the reply a reviewing body
//! sends back (a *công văn góp ý*), in Markdown, ready to paste into the official letter.
//!
//! As reviewers write them: the format items (*thể thức*) before the content items (*nội
//! dung*), each one sentence opening with `Đề nghị …`, located by the plan's own sections and
//! quoting its text; then, as an annex, the 4-column compilation table (*bảng tổng hợp ý kiến,
//! tiếp thu, giải trình*) with the drafter's response column left blank for the commune, but for
//! the findings the drafter silenced with a reason (`<!-- planlint-disable-next-line T103 --
//! giữ nguyên vì … -->`): those are rows of the table with the reason as the response. The
//! reviewing body's name and the letter's number are left as dots to fill in.
//!
//! Which items are format items: the header, structure and signature rules (`S…`) and the
//! input problems (`E…`); the task, citation and target rules (`T…`, `L…`, `I…`) are content.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use super::{FileReport, Out, Record, Sink, SinkOptions, Summary};
use crate::finding::Severity;
use crate::lang::Lang;
use crate::write::AtomicFile;

pub(super) struct LetterSink<'w> {
    out: Out<'w>,
    lang: Lang,
    dir: Option<PathBuf>,
    /// File names already used in this run (two plans with the same name in different folders).
    used: std::collections::HashSet<String>,
}

impl<'w> LetterSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        Self { out, lang: opts.lang, dir: opts.output_dir.clone(), used: std::collections::HashSet::new() }
    }

    /// The letter's file name: the plan's, `.gop-y.md` (`.review.md` in English).
    fn file_name(&mut self, path: &str) -> String {
        let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        let suffix = self.lang.pick("gop-y", "review");
        let mut name = format!("{stem}.{suffix}.md");
        let mut n = 2;
        while !self.used.insert(name.clone()) {
            name = format!("{stem}-{n}.{suffix}.md");
            n += 1;
        }
        name
    }
}

/// Characters of the plan's text quoted in an item.
const QUOTE: usize = 100;

/// Whether a code is a format (*thể thức*) item.
fn is_format(code: &str) -> bool {
    code.starts_with('S') || code.starts_with('E')
}

/// Text safe in a Markdown table cell or paragraph: no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

/// `Mục II. NHIỆM VỤ (dòng 23)`: where a record is, in the plan's own words.
fn place(r: &Record, lang: Lang) -> String {
    // In a Word file, the paragraph or cell; in a text file, the line.
    let at = match &r.word_place {
        Some(p) => p.clone(),
        None => lang.pick(format!("dòng {}", r.start.line), format!("line {}", r.start.line)),
    };
    match &r.section {
        Some(s) => lang.pick(format!("mục {s} ({at})"), format!("section {s} ({at})")),
        None => lang.pick(format!("phần đầu văn bản ({at})"), format!("the opening of the document ({at})")),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// One item: where, the quoted text, what is wrong, and the request.
fn item(r: &Record, lang: Lang) -> String {
    let mut s = format!("{} {}", lang.pick("Tại", "In"), place(r, lang));
    if let Some(x) = &r.excerpt
        && !x.text.trim().is_empty()
    {
        let quote = cell(x.text.trim());
        let mut short: String = quote.chars().take(QUOTE).collect();
        if quote.chars().count() > QUOTE {
            short.push('…');
        }
        let _ = write!(s, ", {} “{short}”", lang.pick("đoạn", "the text"));
    }
    let _ = write!(s, ": {}.", cell(r.message.trim_end_matches('.')));
    let help = cell(r.help.trim().trim_end_matches('.'));
    let request = lang.pick("Đề nghị", "We ask that the drafter");
    if help.is_empty() {
        let _ = write!(s, " {request} {}.", lang.pick("xem xét, chỉnh sửa", "review it"));
    } else if help.to_lowercase().starts_with(&request.to_lowercase()) {
        let _ = write!(s, " {}.", upper_first(&help));
    } else {
        let _ = write!(s, " {request} {}.", lower_first(&help));
    }
    let _ = write!(s, " ({})", r.code);
    s
}

fn letter(report: &FileReport, lang: Lang) -> String {
    let en = lang.is_en();
    let info = report.plan.clone().unwrap_or_default();
    let dots = "…";
    let symbol = info.symbol.as_deref().unwrap_or(dots);
    let date = info.date.as_deref().unwrap_or(dots);
    let issuer = info.issuer.as_deref().unwrap_or(dots);
    let mut s = String::new();
    if en {
        let _ = writeln!(s, "# Comments on the draft plan\n");
        let _ = writeln!(s, "**Re: comments on draft Plan No. {symbol} of {date} by {issuer}**\n");
        let _ = writeln!(s, "To: {issuer}\n");
        let _ = writeln!(
            s,
            "Having studied the draft plan (file `{}`), [reviewing body] comments as follows:\n",
            report.path
        );
    } else {
        let _ = writeln!(s, "# Góp ý dự thảo kế hoạch\n");
        let _ = writeln!(s, "**V/v góp ý dự thảo Kế hoạch số {symbol} ngày {date} của {issuer}**\n");
        let _ = writeln!(s, "Kính gửi: {issuer}\n");
        let _ = writeln!(
            s,
            "Sau khi nghiên cứu dự thảo Kế hoạch (tệp `{}`), [cơ quan góp ý] có ý kiến như sau:\n",
            report.path
        );
    }
    if let Some(title) = &info.title {
        let _ = writeln!(s, "*{}*\n", cell(title));
    }
    let (format, content): (Vec<&Record>, Vec<&Record>) = report.records.iter().partition(|r| is_format(&r.code));
    for (heading, items) in
        [(lang.pick("I. Về thể thức", "I. Format"), &format), (lang.pick("II. Về nội dung", "II. Content"), &content)]
    {
        let _ = writeln!(s, "## {heading}\n");
        if items.is_empty() {
            let _ = writeln!(s, "{}\n", lang.pick("Không có ý kiến.", "No comments."));
            continue;
        }
        for (i, r) in items.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", i + 1, item(r, lang));
        }
        s.push('\n');
    }
    let (e, w) = (report.count(Severity::Error), report.count(Severity::Warning));
    let verdict = match e + w {
        0 => lang.pick("Không phát hiện lỗi.", "No errors found.").to_owned(),
        _ => lang.pick(
            format!("Cần chỉnh sửa: {e} lỗi, {w} cảnh báo."),
            format!("To be revised: {e} errors, {w} warnings."),
        ),
    };
    let _ = writeln!(s, "**{}** {verdict}\n", lang.pick("Kết luận:", "Conclusion:"));
    let _ = writeln!(s, "---\n");
    if en {
        let _ = writeln!(s, "## Annex: compilation of comments, responses and explanations\n");
        let _ = writeln!(s, "| Issue, section | Commented by | Comment | Response, explanation |");
    } else {
        let _ = writeln!(s, "## Phụ lục: Bản tổng hợp ý kiến, tiếp thu, giải trình ý kiến góp ý\n");
        let _ = writeln!(
            s,
            "| Nhóm vấn đề, điều, khoản | Chủ thể góp ý | Nội dung góp ý | Nội dung tiếp thu, giải trình |"
        );
    }
    let _ = writeln!(s, "|---|---|---|---|");
    // The comments, then the findings a directive silenced with a reason (the drafter's
    // response already written), each group in document order.
    let mut rows: Vec<(&Record, &str)> = format.iter().chain(&content).map(|r| (*r, "")).collect();
    rows.extend(report.responses.iter().map(|x| (&x.record, x.reason.as_str())));
    rows.sort_by_key(|(r, _)| (!is_format(&r.code), r.start));
    for (r, response) in rows {
        let group =
            if is_format(&r.code) { lang.pick("Thể thức", "Format") } else { lang.pick("Nội dung", "Content") };
        let response = if response.is_empty() { String::new() } else { format!(" {}", cell(response)) };
        let _ = writeln!(
            s,
            "| {group}: {} | {} | {} |{response} |",
            cell(&upper_first(&place(r, lang))),
            lang.pick("[cơ quan góp ý]", "[reviewing body]"),
            cell(&item(r, lang)),
        );
    }
    s
}

impl Sink for LetterSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        let Some(dir) = self.dir.clone() else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "--format letter needs --output-dir"));
        };
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(self.file_name(&report.path));
        let text = letter(report, self.lang);
        let mut file = AtomicFile::create(&path).map_err(|e| io::Error::other(e.message(self.lang)))?;
        file.write_all(text.as_bytes())?;
        file.commit().map_err(|e| io::Error::other(e.message(self.lang)))?;
        writeln!(self.out, "{}", path.display())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}
