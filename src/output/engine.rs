//! The engine's own codes (`E001`–`E007`): what no rule file declares, documented here for
//! `rules explain` and the rule descriptions of SARIF.

use crate::finding::Severity;
use crate::lang::Lang;

/// One engine code and its documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EngineCode {
    /// The code (`E003`).
    pub code: &'static str,
    /// The kebab-case name (`not-a-plan`).
    pub name: &'static str,
    /// The severity it is reported at unless the config changes it.
    pub severity: Severity,
    /// One line: Vietnamese, English.
    pub summary: (&'static str, &'static str),
    /// What it means.
    pub what: (&'static str, &'static str),
    /// What to do.
    pub fix: (&'static str, &'static str),
}

impl EngineCode {
    /// A text of the code in a language.
    pub fn get(pair: (&'static str, &'static str), lang: Lang) -> &'static str {
        lang.pick(pair.0, pair.1)
    }

    /// The code, by code or name.
    pub fn find(code_or_name: &str) -> Option<&'static EngineCode> {
        ENGINE_CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code_or_name) || c.name == code_or_name)
    }

    /// `rules explain` for the code.
    pub fn explain(&self, lang: Lang) -> String {
        let (what, fix, kind) = lang.pick(
            ("Ý nghĩa", "Cách xử lý", "do chính planlint báo, không thuộc tệp quy tắc nào"),
            ("What it means", "What to do", "reported by planlint itself, not by a rule file"),
        );
        let mut s =
            format!("{} {} — {}\n{}\n", self.code, self.name, self.severity.as_str(), Self::get(self.summary, lang));
        for (title, body) in [(what, self.what), (fix, self.fix)] {
            s.push_str(&format!("\n{title}\n"));
            for line in textwrap::wrap(Self::get(body, lang), 96) {
                s.push_str(&format!("  {line}\n"));
            }
        }
        s.push_str(&format!("\n({kind})\n"));
        s
    }
}

/// Every engine code.
pub const ENGINE_CODES: &[EngineCode] = &[
    EngineCode {
        code: "E001",
        name: "file-unreadable",
        severity: Severity::Error,
        summary: ("không đọc được tệp", "the file cannot be read"),
        what: (
            "Tệp không mở được (không có quyền, đã bị xóa, là thư mục hay thiết bị), quá lớn (trên 16 MiB), hoặc có định dạng planlint không đọc (.doc, .pdf, ảnh quét).",
            "The file cannot be opened (no permission, gone, a folder or device), is too large (over 16 MiB), or is in a format planlint does not read (.doc, .pdf, a scan).",
        ),
        fix: (
            "Kiểm tra đường dẫn và quyền đọc; lưu văn bản dưới dạng .docx, .txt hoặc .md rồi kiểm tra lại.",
            "Check the path and permissions; save the document as .docx, .txt or .md and check it again.",
        ),
    },
    EngineCode {
        code: "E002",
        name: "encoding-unsupported",
        severity: Severity::Error,
        summary: (
            "tệp không phải văn bản Unicode (UTF-8 hoặc UTF-16)",
            "the file is not Unicode text (UTF-8 or UTF-16)",
        ),
        what: (
            "Tệp có byte nhị phân hoặc dùng bảng mã cũ (TCVN3, VNI): planlint không đoán chữ từ các bảng mã đó.",
            "The file holds binary bytes or a legacy Vietnamese encoding (TCVN3, VNI): planlint does not guess text from those.",
        ),
        fix: (
            "Chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) và lưu lại dạng UTF-8.",
            "Convert it to Unicode (Unikey's converter) and save it as UTF-8.",
        ),
    },
    EngineCode {
        code: "E003",
        name: "not-a-plan",
        severity: Severity::Error,
        summary: ("tệp không phải một kế hoạch", "the file is not a plan"),
        what: (
            "Không thấy đủ dấu hiệu của một kế hoạch: tên loại văn bản, số ký hiệu, địa danh và ngày, căn cứ, các mục đánh số, chữ ký.",
            "Too few marks of a plan were found: the document type, symbol, place and date, bases, numbered sections, signature.",
        ),
        fix: (
            "Nếu đây là kế hoạch, kiểm tra tệp có bị cắt mất phần đầu không; nếu không, bỏ tệp khỏi danh sách kiểm tra (hoặc `ignore: [E003]` cho thư mục đó).",
            "If it is a plan, check that its beginning is not cut off; otherwise leave the file out of the run (or `ignore: [E003]` for that folder).",
        ),
    },
    EngineCode {
        code: "E004",
        name: "reserved",
        severity: Severity::Error,
        summary: ("mã dự phòng, hiện không được báo", "reserved code, not reported at present"),
        what: (
            "Mã này được giữ chỗ trong nhóm lỗi đầu vào; phiên bản hiện tại không báo nó.",
            "The code is held in the input-error family; this version never reports it.",
        ),
        fix: ("Không cần làm gì.", "Nothing to do."),
    },
    EngineCode {
        code: "E005",
        name: "docx-invalid",
        severity: Severity::Error,
        summary: ("tệp Word (.docx) không đọc được", "the Word file (.docx) cannot be read"),
        what: (
            "Tệp .docx không phải gói Word hợp lệ, bị mã hóa bằng mật khẩu, là tệp .doc cũ đổi đuôi, bị hỏng, hoặc vượt giới hạn an toàn (số phần, dung lượng giải nén).",
            "The .docx is not a valid Word package, is password-protected, is a legacy .doc renamed, is damaged, or passes a safety limit (entries, unpacked size).",
        ),
        fix: (
            "Mở tệp bằng Word hoặc LibreOffice, gỡ mật khẩu nếu có, rồi lưu lại dạng Word (.docx).",
            "Open it in Word or LibreOffice, remove any password, and save it again as Word (.docx).",
        ),
    },
    EngineCode {
        code: "E006",
        name: "suppression-unused",
        severity: Severity::Warning,
        summary: ("chỉ thị bỏ qua không che phát hiện nào", "a suppression silenced nothing"),
        what: (
            "Một chú thích `planlint-disable…` nêu mã quy tắc không báo gì ở chỗ đó (lỗi đã được sửa, hoặc mã viết nhầm).",
            "A `planlint-disable…` comment names a rule that reports nothing there (fixed since, or a mistyped code).",
        ),
        fix: ("Xóa chỉ thị, hoặc sửa mã cho đúng.", "Remove the directive, or correct the code."),
    },
    EngineCode {
        code: "E007",
        name: "suppression-malformed",
        severity: Severity::Warning,
        summary: ("chỉ thị bỏ qua viết sai", "a suppression is malformed"),
        what: (
            "Một chú thích bắt đầu như chỉ thị của planlint nhưng không đọc được (thiếu mã, mã sai dạng, lý do không đặt sau `--`), hoặc một `enable` không có `disable` tương ứng; nó không che gì.",
            "A comment starts like a planlint directive but cannot be read (no code, a malformed code, a reason not after `--`), or an `enable` has no matching `disable`; it silences nothing.",
        ),
        fix: (
            "Viết lại theo dạng `<!-- planlint-disable T103 -- lý do -->`.",
            "Rewrite it as `<!-- planlint-disable T103 -- reason -->`.",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_engine_code_is_documented_once() {
        let codes: Vec<&str> = ENGINE_CODES.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["E001", "E002", "E003", "E004", "E005", "E006", "E007"]);
        assert_eq!(crate::lint::ENGINE_CODES, codes);
        assert_eq!(EngineCode::find("e005").map(|c| c.name), Some("docx-invalid"));
        assert_eq!(EngineCode::find("not-a-plan").map(|c| c.code), Some("E003"));
    }
}
