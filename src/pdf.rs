//! PDF plans, read through their text layer: `pdftotext -layout` (poppler-utils) turns the PDF
//! into text that keeps the page's columns — the header table on one line, its two columns apart
//! by runs of spaces — and pages apart by form feeds; the text reader then reads it like any
//! plan converted from PDF (see the extraction's layouts). Spans point into that text.
//!
//! planlint never parses PDF itself: the tool runs as a child process with the PDF on its
//! standard input, bounded in time ([`PdfLimits::timeout`]) and in output
//! ([`PdfLimits::max_text`]). A PDF with no text (a scan) is named as such; a missing tool is
//! named with how to install it.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::source::Bilingual;

/// The environment variable that names the `pdftotext` program to run (default: `pdftotext`
/// on the PATH).
pub const PDFTOTEXT_ENV: &str = "PLANLINT_PDFTOTEXT";

/// Bounds on reading one PDF.
#[derive(Debug, Clone, Copy)]
pub struct PdfLimits {
    /// The longest `pdftotext` may run before it is stopped.
    pub timeout: Duration,
    /// The most text accepted from it, in bytes.
    pub max_text: usize,
}

impl Default for PdfLimits {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(30), max_text: crate::source::MAX_FILE_BYTES }
    }
}

/// Why a PDF's text could not be read (all E001 `file-unreadable`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// `pdftotext` is not installed (or the program named by [`PDFTOTEXT_ENV`] does not exist).
    #[error("pdftotext is not installed")]
    NoTool,
    /// The PDF has pages but no text on them: a scanned image.
    #[error("the PDF is a scan with no text layer ({pages} pages)")]
    Scan {
        /// How many pages it has.
        pages: usize,
    },
    /// The PDF is protected by a password.
    #[error("the PDF is protected by a password")]
    Encrypted,
    /// `pdftotext` failed on it: damaged or not a PDF.
    #[error("pdftotext cannot read the PDF: {detail}")]
    Damaged {
        /// What the tool said (its first line, English).
        detail: String,
    },
    /// `pdftotext` ran longer than the limit.
    #[error("pdftotext ran longer than {seconds} s")]
    Timeout {
        /// The limit.
        seconds: u64,
    },
    /// The text layer is larger than any plan.
    #[error("the PDF's text is larger than {limit} bytes")]
    TooMuchText {
        /// The limit.
        limit: usize,
    },
    /// Running the tool failed for another reason.
    #[error("cannot run pdftotext: {detail}")]
    Run {
        /// The system's words.
        detail: String,
    },
}

impl PdfError {
    /// What is wrong, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            PdfError::NoTool => Bilingual::new(
                "không đọc được tệp PDF: máy chưa cài chương trình `pdftotext` (gói poppler-utils)",
                "cannot read the PDF: the `pdftotext` program (poppler-utils) is not installed",
            ),
            PdfError::Scan { pages } => Bilingual::new(
                format!("tệp PDF là bản quét ({pages} trang ảnh), không có lớp chữ để đọc"),
                format!("the PDF is a scan ({pages} pages of images) with no text layer to read"),
            ),
            PdfError::Encrypted => {
                Bilingual::new("tệp PDF được đặt mật khẩu nên không đọc được", "the PDF is protected by a password")
            }
            PdfError::Damaged { detail } => Bilingual::new(
                format!("tệp PDF bị hỏng hoặc không phải PDF (chi tiết kỹ thuật: {detail})"),
                format!("the PDF is damaged or not a PDF: {detail}"),
            ),
            PdfError::Timeout { seconds } => Bilingual::new(
                format!("đọc tệp PDF quá lâu (hơn {seconds} giây) nên đã dừng"),
                format!("reading the PDF took longer than {seconds} s and was stopped"),
            ),
            PdfError::TooMuchText { limit } => Bilingual::new(
                format!("chữ trong tệp PDF quá nhiều để là một kế hoạch (hơn {} MB)", limit / (1024 * 1024)),
                format!("the PDF holds too much text to be a plan (over {} MB)", limit / (1024 * 1024)),
            ),
            PdfError::Run { detail } => Bilingual::new(
                format!("không chạy được `pdftotext` (chi tiết kỹ thuật: {detail})"),
                format!("cannot run `pdftotext`: {detail}"),
            ),
        }
    }

    /// How to fix it, in both languages.
    pub fn help(&self) -> Bilingual {
        match self {
            PdfError::NoTool => Bilingual::new(
                "cài poppler-utils (Debian/Ubuntu: `sudo apt-get install poppler-utils`; macOS: `brew install poppler`), hoặc kiểm tra bản .docx của kế hoạch",
                "install poppler-utils (Debian/Ubuntu: `sudo apt-get install poppler-utils`; macOS: `brew install poppler`), or check the plan's .docx",
            ),
            PdfError::Scan { .. } => Bilingual::new(
                "kiểm tra bản Word (.docx) của kế hoạch; nếu chỉ có bản quét, nhận dạng chữ (OCR) trước rồi kiểm tra tệp có chữ",
                "check the plan's Word copy (.docx); if there is only the scan, run OCR first and check the text",
            ),
            PdfError::Encrypted => Bilingual::new(
                "xin bản không đặt mật khẩu, hoặc bản .docx của kế hoạch",
                "ask for a copy without a password, or for the plan's .docx",
            ),
            PdfError::Damaged { .. } | PdfError::Timeout { .. } | PdfError::TooMuchText { .. } => Bilingual::new(
                "mở tệp bằng trình đọc PDF để kiểm tra, hoặc dùng bản .docx của kế hoạch",
                "open the file in a PDF reader to check it, or use the plan's .docx",
            ),
            PdfError::Run { .. } => Bilingual::new(
                "kiểm tra cài đặt poppler-utils, hoặc dùng bản .docx của kế hoạch",
                "check the poppler-utils installation, or use the plan's .docx",
            ),
        }
    }
}

/// Whether a file name is a PDF's (`.pdf`, any case).
pub fn is_pdf_name(name: &str) -> bool {
    name.len() > 4 && name.get(name.len() - 4..).is_some_and(|e| e.eq_ignore_ascii_case(".pdf"))
}

/// The text layer of a PDF, as `pdftotext -layout` writes it (UTF-8, pages ended by form feeds).
/// The program is `pdftotext` on the PATH, or the one [`PDFTOTEXT_ENV`] names.
pub fn text_layer(bytes: &[u8], limits: &PdfLimits) -> Result<String, PdfError> {
    let program = std::env::var_os(PDFTOTEXT_ENV).unwrap_or_else(|| "pdftotext".into());
    text_layer_with(program.as_ref(), bytes, limits)
}

/// [`text_layer`] with a given `pdftotext` program.
pub fn text_layer_with(program: &std::ffi::OsStr, bytes: &[u8], limits: &PdfLimits) -> Result<String, PdfError> {
    let mut child = Command::new(program)
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => PdfError::NoTool,
            _ => PdfError::Run { detail: e.to_string() },
        })?;
    // The three pipes are served by threads, so that neither side waits on a full pipe; the
    // time limit is kept here.
    let stdin = child.stdin.take();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(mut pipe) = stdin {
            // A tool that stops reading early (a damaged file) closes the pipe: not our error.
            let _ = pipe.write_all(&input);
        }
    });
    let max = limits.max_text;
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(pipe) = stdout {
            let _ = pipe.take(max as u64 + 1).read_to_end(&mut out);
        }
        out
    });
    let stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(pipe) = stderr {
            let _ = pipe.take(64 * 1024).read_to_end(&mut out);
        }
        out
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() >= limits.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Timeout { seconds: limits.timeout.as_secs() });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(PdfError::Run { detail: e.to_string() }),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = errors.join().unwrap_or_default();
    if out.len() > max {
        return Err(PdfError::TooMuchText { limit: max });
    }
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        if said.to_lowercase().contains("password") {
            return Err(PdfError::Encrypted);
        }
        let detail = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("no output").trim().to_owned();
        return Err(PdfError::Damaged { detail });
    }
    let text = String::from_utf8_lossy(&out).into_owned();
    // A scan: pages (form feeds) but (almost) no letters on them.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).take(SCAN_LETTERS).count();
    if letters < SCAN_LETTERS {
        return Err(PdfError::Scan { pages: text.matches('\u{c}').count().max(1) });
    }
    Ok(text)
}

/// Fewer letters and digits than this in the whole text layer: a scan (a page number or a
/// stamp's text may survive on one).
const SCAN_LETTERS: usize = 40;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_names_are_recognized_in_any_case() {
        assert!(is_pdf_name("kh.pdf"));
        assert!(is_pdf_name("KH.PDF"));
        assert!(!is_pdf_name(".pdf"));
        assert!(!is_pdf_name("kh.pdf.txt"));
    }
}
