//! Errors of the Word reader (E005 `docx-invalid`): what is wrong with the file, which part of it,
//! and where, in Vietnamese and English.

use std::fmt;

use crate::lang::Lang;
use crate::source::Bilingual;

/// Where in an XML part a problem was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlPosition {
    /// Byte offset in the part's (decompressed) XML.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl XmlPosition {
    /// The position of byte `offset` of `xml` (an offset past the end is clamped to it).
    pub(crate) fn of(xml: &[u8], offset: usize) -> Self {
        let offset = offset.min(xml.len());
        let before = xml.get(..offset).unwrap_or_default();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let tail = before.get(line_start..).unwrap_or_default();
        // Characters, not bytes: count the bytes that start a UTF-8 character.
        let column = tail.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
        Self { offset, line, column }
    }
}

/// A `.docx` file that cannot be read (E005 `docx-invalid`). `Display` gives the Vietnamese
/// message; [`DocxError::message`] gives both languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// The file is not a zip archive (and not an OLE file either).
    #[error("{}", self.message().vi)]
    NotZip {
        /// What the zip reader said.
        detail: String,
    },
    /// An OLE compound file holding an encrypted Word package (a password-protected `.docx`).
    #[error("{}", self.message().vi)]
    Encrypted,
    /// An OLE compound file that is not an encrypted package: a legacy `.doc`.
    #[error("{}", self.message().vi)]
    LegacyDoc,
    /// A zip entry needs a password.
    #[error("{}", self.message().vi)]
    EncryptedPart {
        /// The part's name in the archive.
        part: String,
    },
    /// The archive or one of its parts is cut short or damaged.
    #[error("{}", self.message().vi)]
    Damaged {
        /// The part's name in the archive (empty for the archive itself).
        part: String,
        /// What the zip reader said.
        detail: String,
    },
    /// A part every Word document has is not there.
    #[error("{}", self.message().vi)]
    MissingPart {
        /// The part's name in the archive.
        part: String,
    },
    /// A part is not well-formed XML.
    #[error("{}", self.message().vi)]
    MalformedXml {
        /// The part's name in the archive.
        part: String,
        /// Where.
        at: XmlPosition,
        /// What the XML reader said.
        detail: String,
    },
    /// Elements nested deeper than the limit.
    #[error("{}", self.message().vi)]
    TooDeep {
        /// The part's name in the archive.
        part: String,
        /// Where.
        at: XmlPosition,
        /// The limit.
        limit: usize,
    },
    /// More zip entries than the limit.
    #[error("{}", self.message().vi)]
    TooManyEntries {
        /// Entries in the archive.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// More uncompressed bytes than the limit.
    #[error("{}", self.message().vi)]
    TooLarge {
        /// The part being read when the limit was passed (empty: the sizes the archive declares).
        part: String,
        /// The limit.
        limit: u64,
    },
    /// A part that unpacks to far more than its compressed size (a zip bomb).
    #[error("{}", self.message().vi)]
    RatioTooHigh {
        /// The part's name in the archive.
        part: String,
        /// The limit.
        limit: u64,
    },
}

impl DocxError {
    /// The stable diagnostic code.
    pub fn code(&self) -> &'static str {
        "E005"
    }

    /// The kebab-case name of the code.
    pub fn name(&self) -> &'static str {
        "docx-invalid"
    }

    /// The part of the package the problem is in, when there is one (`word/document.xml`).
    pub fn part(&self) -> Option<&str> {
        match self {
            DocxError::EncryptedPart { part }
            | DocxError::MissingPart { part }
            | DocxError::MalformedXml { part, .. }
            | DocxError::TooDeep { part, .. }
            | DocxError::RatioTooHigh { part, .. } => Some(part),
            DocxError::Damaged { part, .. } | DocxError::TooLarge { part, .. } if !part.is_empty() => Some(part),
            _ => None,
        }
    }

    /// Where in the part, for XML problems.
    pub fn position(&self) -> Option<XmlPosition> {
        match self {
            DocxError::MalformedXml { at, .. } | DocxError::TooDeep { at, .. } => Some(*at),
            _ => None,
        }
    }

    /// What is wrong, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            DocxError::NotZip { .. } => Bilingual::new(
                "tệp không phải là tệp Word .docx hợp lệ (không đọc được cấu trúc nén zip)",
                "this is not a valid Word .docx file (its zip structure cannot be read)",
            ),
            DocxError::Encrypted => Bilingual::new(
                "tệp Word được đặt mật khẩu/mã hoá nên không đọc được nội dung",
                "the Word file is password-protected (encrypted), so its content cannot be read",
            ),
            DocxError::LegacyDoc => Bilingual::new(
                "đây là tệp Word cũ định dạng .doc (Word 97-2003), không phải .docx",
                "this is a legacy Word 97-2003 (.doc) file, not .docx",
            ),
            DocxError::EncryptedPart { part } => Bilingual::new(
                format!("phần {part} trong tệp Word được mã hoá (nén zip có mật khẩu)"),
                format!("the part {part} of the Word file is encrypted (a password-protected zip)"),
            ),
            DocxError::Damaged { part, detail } if part.is_empty() => Bilingual::new(
                format!("tệp Word bị hỏng hoặc không đầy đủ ({detail})"),
                format!("the Word file is damaged or incomplete ({detail})"),
            ),
            DocxError::Damaged { part, detail } => Bilingual::new(
                format!("phần {part} trong tệp Word bị hỏng hoặc không đầy đủ ({detail})"),
                format!("the part {part} of the Word file is damaged or incomplete ({detail})"),
            ),
            DocxError::MissingPart { part } => {
                Bilingual::new(format!("tệp Word thiếu phần {part}"), format!("the Word file has no {part} part"))
            }
            DocxError::MalformedXml { part, at, detail } => Bilingual::new(
                format!("{part} không phải XML hợp lệ ở dòng {}, cột {} ({detail})", at.line, at.column),
                format!("{part} is not well-formed XML at line {}, column {} ({detail})", at.line, at.column),
            ),
            DocxError::TooDeep { part, at, limit } => Bilingual::new(
                format!("{part} lồng các phần tử XML sâu quá {limit} cấp (dòng {}, cột {})", at.line, at.column),
                format!(
                    "{part} nests XML elements deeper than {limit} levels (line {}, column {})",
                    at.line, at.column
                ),
            ),
            DocxError::TooManyEntries { count, limit } => Bilingual::new(
                format!("tệp Word chứa {count} mục nén, vượt giới hạn {limit}"),
                format!("the Word file holds {count} zip entries, more than the limit of {limit}"),
            ),
            DocxError::TooLarge { part, limit } if part.is_empty() => Bilingual::new(
                format!("tệp Word giải nén ra quá {} MB", mb(*limit)),
                format!("the Word file unpacks to more than {} MB", mb(*limit)),
            ),
            DocxError::TooLarge { part, limit } => Bilingual::new(
                format!("tệp Word giải nén ra quá {} MB (tại phần {part})", mb(*limit)),
                format!("the Word file unpacks to more than {} MB (at the part {part})", mb(*limit)),
            ),
            DocxError::RatioTooHigh { part, limit } => Bilingual::new(
                format!("phần {part} giải nén ra lớn hơn {limit} lần kích thước nén (nghi là “bom zip”)"),
                format!("the part {part} unpacks to more than {limit} times its compressed size (a likely zip bomb)"),
            ),
        }
    }

    /// How to fix it, in both languages.
    pub fn help(&self) -> Bilingual {
        match self {
            DocxError::Encrypted | DocxError::EncryptedPart { .. } => Bilingual::new(
                "mở tệp bằng Word, gỡ mật khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hoá bằng mật khẩu, xoá mật khẩu) rồi lưu lại",
                "open the file in Word, remove the password (File → Info → Protect Document → Encrypt with Password, clear it) and save",
            ),
            DocxError::LegacyDoc => Bilingual::new(
                "mở tệp bằng Word và lưu lại dưới dạng .docx (Lưu thành → Tài liệu Word)",
                "open the file in Word and save it as .docx (Save As → Word Document)",
            ),
            DocxError::TooManyEntries { .. } | DocxError::TooLarge { .. } | DocxError::RatioTooHigh { .. } => {
                Bilingual::new(
                    "kiểm tra lại có đúng là tệp kế hoạch không; nếu đúng, mở bằng Word và lưu lại thành tệp .docx mới",
                    "check that this is the plan file; if it is, open it in Word and save it as a new .docx",
                )
            }
            _ => Bilingual::new(
                "mở tệp bằng Word (Word sẽ đề nghị sửa tệp hỏng) rồi lưu lại dưới dạng .docx",
                "open the file in Word (it offers to repair a damaged file) and save it again as .docx",
            ),
        }
    }

    /// The message in one language.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message().get(lang).to_owned()
    }
}

impl miette::Diagnostic for DocxError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("E005(docx-invalid)"))
    }

    /// Vietnamese, the default language; [`DocxError::help`] gives both.
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.help().vi))
    }
}

fn mb(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}
